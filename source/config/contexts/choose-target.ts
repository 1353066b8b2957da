import {ConfigError} from '../settings.ts';
import {findContext} from './open-context.ts';
import type {ContextSpec, EtcdeckConfig} from './context-spec.ts';

/** What a run of etcdeck watches: the cluster the flags name, one context, or every context (the fleet). */
export type Target =
	| {kind: 'flags'}
	| {kind: 'context'; context: ContextSpec}
	| {kind: 'fleet'; config: EtcdeckConfig};

export interface TargetFlags {
	context?: string;
	fleet?: boolean;
	allContexts?: boolean;
	endpoints?: string;
	clientDir?: string;
}

/**
 * Chooses what to watch. --context NAME opens that context; --fleet (the dashboard) and --all-contexts
 * (status) every context. With none of them and no cluster named (no --endpoints, --client-dir or
 * ETCDCTL_ENDPOINTS), a config file with contexts opens the fleet view, and `status` reports on its
 * current-context (refused, listing the contexts, when there is none). Otherwise the flags name the
 * cluster, as without a config file. Throws ConfigError for flags that contradict each other.
 */
export function chooseTarget(command: string | undefined, flags: TargetFlags, env: Record<string, string | undefined>, config: EtcdeckConfig | undefined, configFile: string): Target {
	if (flags.allContexts === true && command !== 'status') {
		throw new ConfigError('--all-contexts only applies to "etcdeck status" (the dashboard of every context is --fleet)');
	}

	if (flags.fleet === true && command !== undefined) {
		throw new ConfigError(`--fleet opens the fleet view; for a report of every context use "etcdeck status --all-contexts"`);
	}

	const all = flags.fleet === true || flags.allContexts === true;
	if (flags.context !== undefined) {
		if (all) {
			throw new ConfigError(`--context opens one context; ${flags.fleet === true ? '--fleet' : '--all-contexts'} shows them all: give one or the other`);
		}

		return {kind: 'context', context: findContext(config, flags.context)};
	}

	if (all) {
		if (config === undefined) {
			throw new ConfigError(`${flags.fleet === true ? '--fleet' : '--all-contexts'}: there is no config file at ${configFile} (give --config FILE)`);
		}

		return {kind: 'fleet', config};
	}

	const clusterNamed = flags.endpoints !== undefined || flags.clientDir !== undefined || (env['ETCDCTL_ENDPOINTS'] ?? '') !== '';
	if (clusterNamed || config === undefined) {
		return {kind: 'flags'};
	}

	if (command === undefined && config.contexts.length > 0) {
		return {kind: 'fleet', config};
	}

	if (command === 'status' && config.contexts.length > 0) {
		if (config.currentContext === undefined) {
			throw new ConfigError(`status: no cluster named and ${config.file} has no current-context: give --context NAME (one of ${config.contexts.map(context => context.name).join(', ')}), --all-contexts, or --endpoints`);
		}

		return {kind: 'context', context: findContext(config, config.currentContext, `current-context of ${config.file}:`)};
	}

	return {kind: 'flags'};
}
