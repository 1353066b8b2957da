import type {MemberInfo} from '../../cluster/cluster-reading.ts';
import {shellFlag} from '../shared/shell-quote.ts';

/** The forms the runbooks keep a member's settings in. */
export const settingsFormats = ['env', 'flags', 'yaml'] as const;
export type SettingsFormat = (typeof settingsFormats)[number];

/** What the new member's etcd needs to join: `member add` decides the first four, the rest follow from its URLs. */
export interface NewMemberSettings {
	name: string;
	/** Every member's name=peer-URL once the new one is added, itself included (etcdctl's ETCD_INITIAL_CLUSTER). */
	initialCluster: string;
	initialClusterState: 'existing';
	initialAdvertisePeerUrls: string;
	listenPeerUrls: string;
	advertiseClientUrls: string;
	listenClientUrls: string;
}

/** etcd's default client port, for a client URL derived from the peer URL's host. */
const defaultClientPort = '2379';

/**
 * The settings as `member add` left the cluster: `members` is etcd's member list in its answer (the new
 * member, still without a name, included), as etcdctl builds ETCD_INITIAL_CLUSTER from it.
 * Client URLs default to the peer URLs' hosts on port 2379 with the scheme the cluster's clients use.
 */
export function newMemberSettings(input: {name: string; memberId: string; members: readonly MemberInfo[]; clientUrls?: readonly string[]}): NewMemberSettings {
	const self = input.members.find(member => member.id === input.memberId);
	const peerUrls = self?.peerUrls ?? [];
	const initialCluster = input.members.flatMap(member => member.peerUrls.map(url => `${member.id === input.memberId ? input.name : member.name}=${url}`));
	const clientScheme = input.members.flatMap(member => member.clientUrls).map(url => (URL.canParse(url) ? new URL(url).protocol : undefined)).find(scheme => scheme !== undefined) ?? 'http:';
	const clientUrls = input.clientUrls !== undefined && input.clientUrls.length > 0 ? [...input.clientUrls] : peerUrls.map(url => withPort(url, clientScheme, defaultClientPort));
	return {
		name: input.name,
		initialCluster: initialCluster.join(','),
		initialClusterState: 'existing',
		initialAdvertisePeerUrls: peerUrls.join(','),
		listenPeerUrls: peerUrls.map(listenUrl).join(','),
		advertiseClientUrls: clientUrls.join(','),
		listenClientUrls: clientUrls.map(listenUrl).join(','),
	};
}

/** etcd binds only to IPs: a URL with a host name listens on every interface at its port. */
function listenUrl(url: string): string {
	if (!URL.canParse(url)) {
		return url;
	}

	const parsed = new URL(url);
	const host = parsed.hostname.replace(/^\[|\]$/g, '');
	const isIp = /^[\d.]+$/.test(host) || host.includes(':');
	return isIp ? `${parsed.protocol}//${parsed.host}` : `${parsed.protocol}//0.0.0.0:${parsed.port}`;
}

function withPort(url: string, scheme: string, port: string): string {
	const parsed = new URL(url);
	return `${scheme}//${parsed.hostname}:${port}`;
}

/** The settings as etcd's names for them, in the order a config file lists them. */
function entries(settings: NewMemberSettings): Array<[flag: string, value: string]> {
	return [
		['name', settings.name],
		['initial-cluster', settings.initialCluster],
		['initial-cluster-state', settings.initialClusterState],
		['initial-advertise-peer-urls', settings.initialAdvertisePeerUrls],
		['listen-peer-urls', settings.listenPeerUrls],
		['advertise-client-urls', settings.advertiseClientUrls],
		['listen-client-urls', settings.listenClientUrls],
	];
}

/**
 * The settings in one of the runbooks' forms: etcd flags one a line (`--name=etcd-4`), `ETCD_*` lines
 * for an environment file (TPA's etcd.conf, a systemd EnvironmentFile), or config.yaml keys
 * (Deephaven's). `comment` heads the env and yaml forms; flags carry none, so they paste as they are.
 */
export function renderSettings(settings: NewMemberSettings, format: SettingsFormat, comment?: string): string[] {
	const header = comment === undefined ? [] : [`# ${comment}`];
	switch (format) {
		case 'flags': {
			return entries(settings).map(([flag, value]) => shellFlag(`--${flag}`, value));
		}

		case 'env': {
			return [...header, ...entries(settings).map(([flag, value]) => `ETCD_${flag.toUpperCase().replaceAll('-', '_')}=${doubleQuoted(value)}`)];
		}

		case 'yaml': {
			// A JSON string is a YAML double-quoted scalar: every value reads back exactly, whatever it holds.
			return [...header, ...entries(settings).map(([flag, value]) => `${flag}: ${JSON.stringify(value)}`)];
		}
	}
}

/** As etcdctl prints ETCD_* lines: in double quotes, with the characters sh and systemd treat specially escaped. */
function doubleQuoted(value: string): string {
	return `"${value.replaceAll(/["\\$`]/g, character => `\\${character}`)}"`;
}

/** The file name the settings are written to when the operator asks: etcd-4.env, etcd-4.flags, etcd-4.yaml. */
export function settingsFileName(name: string, format: SettingsFormat): string {
	return `${name.replaceAll(/[^\w.-]/g, '_')}.${format === 'yaml' ? 'yaml' : format}`;
}
