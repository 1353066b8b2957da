import type {Etcd3} from 'etcd3';
import type {AuthSettings, ConnectionSettings} from '../config/settings.ts';
import {prefixEnd, rangeEndForEtcd, rangeStartForEtcd} from './key-range.ts';
import {escapeKey, unescapeKey} from '../model/shared/key-text.ts';
import type {KeyCounts} from './cluster-record.ts';
import {describeConnectionError} from './describe-error.ts';
import {createEndpointClient} from './etcd-client.ts';
import {keyCountReader} from './key-counter.ts';
import {withDeadline} from './with-deadline.ts';

/** What a member restored from a snapshot holds, read back for the drill. */
export interface RestoredReading {
	/** The revision it serves at. */
	revision: number;
	totalKeys: number;
	/** Keys per escaped prefix, for every prefix the manifest recorded. */
	prefixes: Map<string, number>;
	/** Keys read with their values, escaped, and the bytes of those values. */
	sample: {keys: string[]; valueBytes: number};
}

export type RestoredReadOutcome =
	| {kind: 'read'; reading: RestoredReading}
	/** The snapshot's cluster had authentication on and no user was given (or etcd refused the one given). */
	| {kind: 'needs-user'; message: string}
	| {kind: 'failed'; message: string};

export interface RestoredReadRequest {
	endpoint: string;
	/** The certificate the member made for itself (etcd --auto-tls), trusted for this connection alone. */
	ca: Buffer;
	auth: AuthSettings | undefined;
	timeoutMs: number;
	/** What to count; undefined when the manifest recorded no counts (only the total is read). */
	recorded: KeyCounts | undefined;
	/** Keys to read with their values. */
	sampleSize: number;
}

/**
 * Reads a restored member: its revision, the total and every recorded prefix with count-only requests,
 * and a sample of keys with their values (the first key under each recorded top-level prefix, then the
 * first keys of the key space). Without a user first: a cluster without authentication refuses one.
 */
export async function readRestoredMember(request: RestoredReadRequest): Promise<RestoredReadOutcome> {
	const settings = (auth: AuthSettings | undefined): ConnectionSettings => ({endpoints: [request.endpoint], tls: {ca: request.ca}, timeoutMs: request.timeoutMs, ...(auth === undefined ? {} : {auth})});
	const anonymous = await attempt(settings(undefined), request);
	if (anonymous.kind !== 'needs-user' || request.auth === undefined) {
		return anonymous.kind === 'needs-user'
			? {kind: 'needs-user', message: 'the snapshot\'s cluster has authentication on, so reading it back needs a user of it: pass --user (root, as for snapshot save) and --password or ETCDCTL_PASSWORD'}
			: anonymous;
	}

	return attempt(settings(request.auth), request);
}

/** etcd's words (before describeError rewords them) for a request refused for want of a user or a right. */
function isAuthRefusal(error: unknown): boolean {
	const raw = error instanceof Error ? error.message : String(error);
	return /user name is empty|permission denied|invalid auth token|authentication failed/i.test(raw);
}

/**
 * Whether the member answers a read: undefined when it does (a refusal for want of a user is an
 * answer too), else why not. For waiting on a member that is starting.
 */
export async function probeServing(endpoint: string, ca: Buffer, timeoutMs: number): Promise<string | undefined> {
	const settings: ConnectionSettings = {endpoints: [endpoint], tls: {ca}, timeoutMs};
	const client = createEndpointClient(endpoint, settings);
	try {
		await withDeadline(client.kv.range({key: Buffer.from([0]), range_end: Buffer.from([0]), limit: 1, keys_only: true}), timeoutMs);
		return undefined;
	} catch (error) {
		return isAuthRefusal(error) ? undefined : describeConnectionError(error, settings);
	} finally {
		client.close();
	}
}

async function attempt(settings: ConnectionSettings, request: RestoredReadRequest): Promise<RestoredReadOutcome> {
	const client = createEndpointClient(request.endpoint, settings);
	try {
		return {kind: 'read', reading: await read(client, request)};
	} catch (error) {
		const message = describeConnectionError(error, settings);
		if (isAuthRefusal(error)) {
			return {kind: 'needs-user', message};
		}

		return {kind: 'failed', message};
	} finally {
		client.close();
	}
}

async function read(client: Etcd3, request: RestoredReadRequest): Promise<RestoredReading> {
	const first = await withDeadline(client.kv.range({key: rangeStartForEtcd(Buffer.alloc(0)), range_end: rangeEndForEtcd(Buffer.alloc(0)), limit: 1, keys_only: true}), request.timeoutMs);
	const revision = Number(first.header.revision);
	const reader = keyCountReader(client, {revision, serializable: false, timeoutMs: request.timeoutMs});
	const prefixes = new Map<string, number>();
	for (const {prefix} of request.recorded?.prefixes ?? []) {
		prefixes.set(prefix, await reader.count(unescapeKey(prefix)));
	}

	const totalKeys = await reader.count(Buffer.alloc(0));
	const sampleFrom = (request.recorded?.prefixes ?? []).filter(entry => entry.depth === 1).map(entry => unescapeKey(entry.prefix));
	const keys: string[] = [];
	let valueBytes = 0;
	const take = async (prefix: Buffer, limit: number) => {
		const response = await withDeadline(client.kv.range({key: rangeStartForEtcd(prefix), range_end: rangeEndForEtcd(prefixEnd(prefix)), limit, revision}), request.timeoutMs);
		for (const kv of response.kvs) {
			if (keys.length < request.sampleSize && !keys.includes(escapeKey(kv.key))) {
				keys.push(escapeKey(kv.key));
				valueBytes += kv.value.length;
			}
		}
	};

	for (const prefix of sampleFrom.slice(0, request.sampleSize)) {
		await take(prefix, 1);
	}

	if (keys.length < request.sampleSize) {
		await take(Buffer.alloc(0), request.sampleSize);
	}

	return {revision, totalKeys, prefixes, sample: {keys, valueBytes}};
}
