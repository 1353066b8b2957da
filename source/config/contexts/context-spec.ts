import type {ContextFieldKey} from './context-fields.ts';

/** What a context's fields hold once checked: endpoint lists normalised, paths absolute. */
export interface ContextValues {
	endpoints?: string[];
	user?: string;
	passwordEnv?: string;
	passwordFile?: string;
	cacert?: string;
	cert?: string;
	key?: string;
	clientDir?: string;
	timeout?: number;
	refresh?: number;
	quotaBytes?: number;
	readOnly?: boolean;
	logUnit?: string[];
	journalDir?: string;
	journalFile?: string;
	logCommand?: string;
	logLines?: number;
	metricsUrls?: string[];
	snapshotDir?: string;
	prefix?: string;
	separator?: string;
}

/** One context of the config file, checked for shape (what is on disk is read when it is opened). */
export interface ContextSpec {
	name: string;
	/** How messages name it: `/home/op/.config/etcdeck/config.yaml:4: context "eqiad"`. */
	label: string;
	/** The line its entry starts on. */
	line: number;
	values: ContextValues;
	/** Where each field was written, as messages name it: `…config.yaml:7: context "eqiad" cacert`. */
	origins: Partial<Record<ContextFieldKey, string>>;
}

/** etcdeck's config file: its contexts in the order written, and the one used when none is named. */
export interface EtcdeckConfig {
	file: string;
	currentContext: string | undefined;
	contexts: ContextSpec[];
}
