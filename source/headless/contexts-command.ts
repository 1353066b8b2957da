import type {ContextSpec, EtcdeckConfig} from '../config/contexts/context-spec.ts';
import type {Column, Row} from '../model/shared/table.ts';
import {printJson, printLines, type OutputStream} from './print.ts';
import {textTable} from './text-table.ts';

type ContextColumnKey = 'current' | 'name' | 'cluster' | 'user' | 'password' | 'tls' | 'readOnly';

const columns: ReadonlyArray<Column<ContextColumnKey>> = [
	{key: 'current', title: 'CURRENT', align: 'left', priority: 1, shrinkable: false},
	{key: 'name', title: 'NAME', align: 'left', priority: 1, shrinkable: false},
	{key: 'cluster', title: 'ENDPOINTS', align: 'left', priority: 1, shrinkable: false},
	{key: 'user', title: 'USER', align: 'left', priority: 1, shrinkable: false},
	{key: 'password', title: 'PASSWORD FROM', align: 'left', priority: 1, shrinkable: false},
	{key: 'tls', title: 'TLS', align: 'left', priority: 1, shrinkable: false},
	{key: 'readOnly', title: 'READ-ONLY', align: 'left', priority: 1, shrinkable: false},
];

/** Where the context's password comes from: a variable's name or a file's path, never the password. */
function passwordSource(context: ContextSpec): {env: string} | {file: string} | {clientDir: string} | undefined {
	const {values} = context;
	if (values.passwordEnv !== undefined) {
		return {env: values.passwordEnv};
	}

	if (values.passwordFile !== undefined) {
		return {file: values.passwordFile};
	}

	return values.clientDir === undefined ? undefined : {clientDir: values.clientDir};
}

function describeSource(source: ReturnType<typeof passwordSource>): string {
	if (source === undefined) {
		return '';
	}

	return 'env' in source ? `$${source.env}` : 'file' in source ? source.file : 'client-dir';
}

/**
 * `etcdeck contexts [--json]`: the config file's contexts, the current one marked, each with where its
 * cluster is and where its credentials come from. Nothing connects; no password is read.
 */
export function runContextsCommand(config: EtcdeckConfig, json: boolean, stdout: OutputStream): number {
	if (json) {
		printJson(stdout, {
			file: config.file,
			currentContext: config.currentContext ?? null,
			contexts: config.contexts.map(context => ({
				name: context.name,
				current: context.name === config.currentContext,
				endpoints: context.values.endpoints ?? [],
				clientDir: context.values.clientDir ?? null,
				user: context.values.user ?? null,
				password: passwordSource(context) ?? null,
				cacert: context.values.cacert ?? null,
				cert: context.values.cert ?? null,
				readOnly: context.values.readOnly ?? false,
				line: context.line,
			})),
		});
		return 0;
	}

	if (config.contexts.length === 0) {
		printLines(stdout, [`${config.file} has no contexts`]);
		return 0;
	}

	const rows: Array<Row<ContextColumnKey>> = config.contexts.map(context => {
		const {values} = context;
		return {
			id: context.name,
			tone: 'normal',
			cells: {
				current: context.name === config.currentContext ? '*' : '',
				name: context.name,
				cluster: values.endpoints?.join(',') ?? `client-dir ${values.clientDir ?? ''}`,
				user: values.user ?? (values.clientDir === undefined ? '' : '(client-dir)'),
				password: describeSource(passwordSource(context)),
				tls: [values.cacert === undefined ? '' : 'cacert', values.cert === undefined ? '' : 'client cert'].filter(part => part !== '').join(', '),
				readOnly: values.readOnly === true ? 'yes' : 'no',
			},
		};
	});
	printLines(stdout, [`contexts in ${config.file}:`, ...textTable(columns, rows)]);
	return 0;
}
