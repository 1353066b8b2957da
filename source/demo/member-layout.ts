import path from 'node:path';
import {joiningSetting, type JoiningSettings} from './joining-settings.ts';
import type {LocalMember} from './local-cluster-types.ts';

/**
 * What each member of a local cluster is: where its data and log go, its URLs, and the flags that say
 * so to the etcd the cluster starts for it.
 */

/** A member's data directory and log, named for it when its name is tame, else by its place (a test's hostile names). */
function memberPaths(baseDir: string, name: string, ordinal: number): {dataDir: string; logFile: string} {
	const dataDir = path.join(baseDir, /^[\w.-]+$/.test(name) ? name : `member-${ordinal}`);
	return {dataDir, logFile: `${dataDir}.log`};
}

/** A member the cluster makes itself, on 127.0.0.1 at the given ports, serving clients over https when the cluster has TLS. */
export function localMember(baseDir: string, ordinal: number, name: string, ports: {client: number; peer: number}, options: {https: boolean; isLearner: boolean}): LocalMember {
	return {
		name,
		clientUrl: `${options.https ? 'https' : 'http'}://127.0.0.1:${ports.client}`,
		peerUrl: `http://127.0.0.1:${ports.peer}`,
		...memberPaths(baseDir, name, ordinal),
		isLearner: options.isLearner,
		process: undefined,
	};
}

/** A node joining with settings made elsewhere: its name and URLs as the settings give them; a learner until promoted. */
export function joiningMember(baseDir: string, ordinal: number, settings: JoiningSettings): LocalMember {
	const name = joiningSetting(settings, 'name');
	return {
		name,
		clientUrl: joiningSetting(settings, 'advertise-client-urls').split(',')[0]!,
		peerUrl: joiningSetting(settings, 'initial-advertise-peer-urls').split(',')[0]!,
		...memberPaths(baseDir, name, ordinal),
		isLearner: true,
		process: undefined,
	};
}

/** The flags naming a member the cluster made itself: its name, data directory, URLs and the cluster's token. */
export function ownMemberFlags(member: LocalMember, token: string): string[] {
	return [
		'--name', member.name,
		'--data-dir', member.dataDir,
		'--listen-client-urls', [member.clientUrl, ...(member.alsoListenOn === undefined ? [] : [member.alsoListenOn])].join(','),
		'--advertise-client-urls', member.advertiseClientUrl ?? member.clientUrl,
		'--listen-peer-urls', member.peerUrl,
		'--initial-advertise-peer-urls', member.peerUrl,
		'--initial-cluster-token', token,
	];
}
