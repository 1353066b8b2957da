import {Range, SortOrder, SortTarget, type Etcd3, type IKeyValue, type IRangeRequest, type IRangeResponse} from 'etcd3';
import type {ConnectionSettings} from '../../config/settings.ts';
import {afterEntry, levelRange, prefixEnd, rangeEndForEtcd, rangeStartForEtcd, type LevelAddress} from '../key-range.ts';
import {escapeKey} from '../../model/shared/key-text.ts';
import {describeConnectionError} from '../describe-error.ts';
import {createEndpointClient} from '../etcd-client.ts';
import {plaintextRefusal} from '../plaintext-refusal.ts';
import {decimalIdToHex} from '../ids.ts';
import {withDeadline} from '../with-deadline.ts';
import {classifyReadError} from './classify-read-error.ts';
import type {KeyChange, KeyRecord, PageRequest, ReadConsistency, ReadResult, StopWatch, WatchListener} from './key-types.ts';
import {walkBackward, walkForward, type KeyRangeQuery, type LevelPage} from './level-walker.ts';

export interface KeyBrowserOptions {
	/** While reads are serializable for want of quorum, how often a linearizable read is tried again. */
	linearizableRetryMs?: number;
}

/** A read that failed, with the message to show. */
class ReadFailure extends Error {
	override name = 'ReadFailure';
}

interface Served<T> {
	value: T;
	read: ReadConsistency;
	revision: string | undefined;
}

/**
 * Reads the key space for the Keys pane: keys-only pages of one level, counts with count-only ranges,
 * one value when a key is opened, and watches. Every request carries the --timeout deadline and goes
 * to one member at a time (the next one when it is unreachable). Reads are linearizable; when the
 * member answers but cannot serve them (no quorum), serializable and labelled stale. Never throws.
 */
export class KeyBrowserService {
	private readonly clients = new Map<string, Etcd3>();
	private preferred = 0;
	private stale: {reason: string; since: number} | undefined;
	private closed = false;

	constructor(private readonly settings: ConnectionSettings, private readonly options: KeyBrowserOptions = {}) {
		// Seeds etcdeck may not connect to (http:// beside https://) are never preferred.
		this.preferred = Math.max(0, settings.endpoints.findIndex(endpoint => plaintextRefusal(endpoint, settings) === undefined));
	}

	/**
	 * Where browsing starts without --prefix: the separator when every key starts with it (etcd's
	 * convention, "/registry/…"), otherwise the top of the key space.
	 */
	async defaultStartPrefix(separator: Buffer): Promise<Buffer> {
		const all = await this.count(Buffer.alloc(0));
		const underSeparator = await this.count(separator);
		if (all.ok && underSeparator.ok && all.value > underSeparator.value) {
			return Buffer.alloc(0);
		}

		return Buffer.from(separator);
	}

	/** Up to `limit` rows of a level, keys only. */
	async page(level: LevelAddress, separator: Buffer, request: PageRequest, limit: number): Promise<ReadResult<LevelPage>> {
		const subject = Buffer.concat([level.prefix, level.filter]);
		const reads: Array<Served<Buffer[]>> = [];
		const read = async (query: KeyRangeQuery): Promise<Buffer[]> => {
			const served = await this.serve(subject, async (client, serializable) => client.kv.range(keysQuery(query, serializable)));
			reads.push({...served, value: []});
			return served.value.kvs.map(kv => kv.key);
		};

		return this.settle(async () => {
			const {start} = levelRange(level);
			const page = request.from === 'start' || request.from === 'at' || request.from === 'after'
				? await walkForward(read, level, separator, request.from === 'start' ? start : request.from === 'after' ? afterEntry(request.entry) : request.cursor, limit)
				: await walkBackward(read, level, separator, request.from === 'end' ? Buffer.alloc(0) : request.cursor, limit);
			return {value: page, ...summarizeReads(reads, this.preferredEndpoint())};
		});
	}

	/** Quorum is back (the dashboard's reading says so): the next read tries linearizable at once, not after the retry interval. */
	quorumRestored(): void {
		this.stale = undefined;
	}

	/** How many keys start with `prefix` (count-only: no key leaves etcd). */
	async count(prefix: Buffer): Promise<ReadResult<number>> {
		return this.settle(async () => {
			const served = await this.serve(prefix, async (client, serializable) =>
				client.kv.range({key: rangeStartForEtcd(prefix), range_end: rangeEndForEtcd(prefixEnd(prefix)), count_only: true, serializable}));
			return {...served, value: Number(served.value.count)};
		});
	}

	/** One key with its value and metadata, or undefined when it does not exist. */
	async get(key: Buffer): Promise<ReadResult<KeyRecord | undefined>> {
		return this.settle(async () => {
			const served = await this.serve(key, async (client, serializable) => client.kv.range({key, serializable}));
			const kv = served.value.kvs[0];
			return {...served, value: kv === undefined ? undefined : toRecord(kv)};
		});
	}

	/**
	 * Watches one key (`end` undefined) or every key of [start, end) from just after `afterRevision`, so
	 * that no change made after the read that showed the rows is missed (from now on without one).
	 */
	watch(start: Buffer, end: Buffer | undefined, afterRevision: string | undefined, listener: WatchListener): StopWatch {
		if (this.closed) {
			listener.onTrouble('watch not started: the key browser is closed');
			return () => undefined;
		}

		let stopped = false;
		let cancel: (() => Promise<void>) | undefined;
		const subject = start;
		let client: Etcd3;
		try {
			client = this.client(this.preferredEndpoint());
		} catch (error) {
			listener.onTrouble(`watch not started: ${error instanceof ReadFailure ? error.message : this.describe(error)}`);
			return () => undefined;
		}

		const builder = client.watch();
		const ranged = end === undefined ? builder.key(start) : builder.inRange(new Range(rangeStartForEtcd(start), rangeEndForEtcd(end)));
		if (afterRevision !== undefined) {
			ranged.startRevision((BigInt(afterRevision) + 1n).toString());
		}

		const watcher = ranged.watcher();
		watcher.on('put', (kv: IKeyValue) => {
			listener.onChange({kind: 'put', key: kv.key, revision: kv.mod_revision, created: kv.version === '1', record: toRecord(kv)});
		});
		watcher.on('delete', (kv: IKeyValue) => {
			listener.onChange({kind: 'delete', key: kv.key, revision: kv.mod_revision, created: false, record: undefined});
		});
		watcher.on('connected', () => {
			listener.onTrouble(undefined);
		});
		watcher.on('disconnected', (error: Error) => {
			if (!stopped) {
				listener.onTrouble(`watch lost, reconnecting: ${this.describe(error)}`);
			}
		});
		watcher.on('error', (error: Error) => {
			if (!stopped) {
				listener.onTrouble(classifyReadError(error) === 'denied' ? `watch: ${this.deniedMessage(subject)}` : `watch stopped: ${this.describe(error)}`);
			}
		});
		cancel = async () => watcher.cancel();
		return () => {
			stopped = true;
			void cancel?.().catch(() => undefined);
			cancel = undefined;
		};
	}

	/** Closes every client; watches end with them. */
	close(): void {
		this.closed = true;
		for (const client of this.clients.values()) {
			client.close();
		}

		this.clients.clear();
	}

	private async settle<T>(work: () => Promise<Served<T>>): Promise<ReadResult<T>> {
		try {
			return {ok: true, ...(await work())};
		} catch (error) {
			return {ok: false, error: error instanceof ReadFailure ? error.message : this.describe(error)};
		}
	}

	/**
	 * One request, linearizable unless the cluster was found without quorum lately; the preferred member
	 * first and the others after it when it cannot be reached.
	 */
	private async serve(subject: Buffer, request: (client: Etcd3, serializable: boolean) => Promise<IRangeResponse>): Promise<Served<IRangeResponse>> {
		const endpoints = this.settings.endpoints;
		const failures: string[] = [];
		for (let offset = 0; offset < endpoints.length; offset++) {
			const index = (this.preferred + offset) % endpoints.length;
			const endpoint = endpoints[index]!;
			const refusal = plaintextRefusal(endpoint, this.settings);
			if (refusal !== undefined) {
				failures.push(refusal);
				continue;
			}

			const staleReason = this.staleReason();
			try {
				const response = await this.call(endpoint, request, staleReason !== undefined);
				this.preferred = index;
				if (staleReason === undefined) {
					this.stale = undefined;
					return {value: response, read: {mode: 'linearizable', endpoint}, revision: response.header.revision};
				}

				return {value: response, read: {mode: 'serializable', endpoint, reason: staleReason}, revision: response.header.revision};
			} catch (error) {
				const kind = classifyReadError(error);
				if (kind === 'denied') {
					throw new ReadFailure(this.deniedMessage(subject));
				}

				if (kind === 'other') {
					throw new ReadFailure(`${endpoint}: ${this.describe(error)}`);
				}

				if (kind === 'no-quorum' && staleReason === undefined) {
					const fallback = await this.serializableFallback(endpoint, request, `${endpoint}: ${this.describe(error)}`);
					if (fallback !== undefined) {
						this.preferred = index;
						return fallback;
					}
				}

				failures.push(`${endpoint}: ${this.describe(error)}`);
			}
		}

		throw new ReadFailure(failures.length === 0 ? 'no endpoint to ask' : failures.join('; '));
	}

	/** A member that fails a linearizable read but answers a serializable one is up without quorum. */
	private async serializableFallback(endpoint: string, request: (client: Etcd3, serializable: boolean) => Promise<IRangeResponse>, linearizableError: string): Promise<Served<IRangeResponse> | undefined> {
		try {
			const response = await this.call(endpoint, request, true);
			const reason = `linearizable reads need quorum and failed (${linearizableError}): serializable reads from ${endpoint}, possibly stale`;
			this.stale = {reason, since: Date.now()};
			return {value: response, read: {mode: 'serializable', endpoint, reason}, revision: response.header.revision};
		} catch {
			return undefined;
		}
	}

	/** Why reads are serializable now, or undefined when a linearizable one is to be tried. */
	private staleReason(): string | undefined {
		if (this.stale === undefined) {
			return undefined;
		}

		if (Date.now() - this.stale.since >= (this.options.linearizableRetryMs ?? 10_000)) {
			// Try a linearizable read again; it falls back to serializable once more if quorum is still lost.
			this.stale = undefined;
			return undefined;
		}

		return this.stale.reason;
	}

	private async call(endpoint: string, request: (client: Etcd3, serializable: boolean) => Promise<IRangeResponse>, serializable: boolean): Promise<IRangeResponse> {
		return withDeadline(request(this.client(endpoint), serializable), this.settings.timeoutMs);
	}

	private preferredEndpoint(): string {
		return this.settings.endpoints[this.preferred] ?? this.settings.endpoints[0] ?? '';
	}

	private client(endpoint: string): Etcd3 {
		if (this.closed) {
			throw new ReadFailure('the key browser is closed');
		}

		let client = this.clients.get(endpoint);
		if (client === undefined) {
			client = createEndpointClient(endpoint, this.settings);
			this.clients.set(endpoint, client);
		}

		return client;
	}

	private deniedMessage(subject: Buffer): string {
		const user = this.settings.auth?.username;
		return `permission denied for ${subject.length === 0 ? '(all keys)' : escapeKey(subject)}${user === undefined ? '' : ` (user ${user})`}`;
	}

	private describe(error: unknown): string {
		return describeConnectionError(error, this.settings);
	}
}

function keysQuery(query: KeyRangeQuery, serializable: boolean): IRangeRequest {
	return {
		key: rangeStartForEtcd(query.start),
		range_end: rangeEndForEtcd(query.end),
		limit: query.limit,
		keys_only: true,
		serializable,
		...(query.descending ? {sort_order: SortOrder.Descend, sort_target: SortTarget.Key} : {}),
	};
}

/** A page read in several requests is as stale as its stalest one, and as new as its first one. */
function summarizeReads(reads: ReadonlyArray<Served<unknown>>, endpoint: string): {read: ReadConsistency; revision: string | undefined} {
	const stale = reads.find(read => read.read.mode === 'serializable');
	const first = reads[0];
	return {read: stale?.read ?? first?.read ?? {mode: 'linearizable', endpoint}, revision: first?.revision};
}

function toRecord(kv: IKeyValue): KeyRecord {
	return {
		key: kv.key,
		value: kv.value,
		createRevision: kv.create_revision,
		modRevision: kv.mod_revision,
		version: kv.version,
		lease: kv.lease === '0' || kv.lease === '' ? undefined : decimalIdToHex(kv.lease),
	};
}

export type {KeyChange, KeyRecord, LevelPage, PageRequest, ReadConsistency, ReadResult, StopWatch, WatchListener};
