import {Range, SortOrder, SortTarget, type Etcd3, type IKeyValue, type IRangeRequest} from 'etcd3';
import type {ConnectionSettings} from '../../config/settings.ts';
import {afterEntry, levelRange, prefixEnd, rangeEndForEtcd, rangeStartForEtcd, type LevelAddress} from '../key-range.ts';
import {decimalIdToHex} from '../ids.ts';
import {classifyReadError} from './classify-read-error.ts';
import {RangeRouter, ReadFailure, type KeyBrowserOptions, type Served} from './range-router.ts';
import {FirstKeyHints} from './first-key-hints.ts';
import type {KeyChange, KeyRecord, PageRequest, ReadConsistency, ReadResult, StopWatch, WatchListener} from './key-types.ts';
import {walkBackward, walkForward, type KeyRangeQuery, type LevelPage} from './level-walker.ts';


/**
 * Reads the key space for the Keys pane: keys-only pages of one level, counts with count-only ranges,
 * one value when a key is opened, and watches. Every request carries the --timeout deadline and goes
 * to one member at a time (the next one when it is unreachable). Reads are linearizable; when the
 * member answers but cannot serve them (no quorum), serializable and labelled stale. Never throws.
 */
export class KeyBrowserService {
	private readonly router: RangeRouter;
	private readonly firstKeys = new FirstKeyHints();

	constructor(settings: ConnectionSettings, options: KeyBrowserOptions = {}) {
		this.router = new RangeRouter(settings, options);
	}

	/**
	 * Where browsing starts without --prefix: the separator when every key starts with it (etcd's
	 * convention, "/registry/…"), otherwise the top of the key space.
	 */
	async defaultStartPrefix(separator: Buffer): Promise<Buffer> {
		// One key outside the separator's range is enough, and asking for one on each side of it costs
		// etcd only the keys outside (counting both ranges would walk the whole key space).
		const outside = await Promise.all([
			this.anyKey(Buffer.alloc(0), separator),
			this.anyKey(prefixEnd(separator), Buffer.alloc(0)),
		]);
		return outside.some(found => found.ok && found.value) ? Buffer.alloc(0) : Buffer.from(separator);
	}

	/** Up to `limit` rows of a level, keys only. */
	async page(level: LevelAddress, separator: Buffer, request: PageRequest, limit: number): Promise<ReadResult<LevelPage>> {
		const subject = Buffer.concat([level.prefix, level.filter]);
		const reads: Array<Served<Buffer[]>> = [];
		const read = async (query: KeyRangeQuery): Promise<Buffer[]> => {
			const served = await this.router.serve(subject, async (client, serializable) => client.kv.range(keysQuery(query, serializable)));
			reads.push({...served, value: []});
			return served.value.kvs.map(kv => kv.key);
		};

		return this.settle(async () => {
			const {start} = levelRange(level);
			const hints = {firstKey: this.firstKeys.hintFor(start), remember: (prefix: Buffer, key: Buffer) => {
				this.firstKeys.remember(prefix, key);
			}};
			const page = request.from === 'start' || request.from === 'at' || request.from === 'after'
				? await walkForward(read, level, separator, request.from === 'start' ? start : request.from === 'after' ? afterEntry(request.entry) : request.cursor, limit, hints)
				: await walkBackward(read, level, separator, request.from === 'end' ? Buffer.alloc(0) : request.cursor, limit);
			return {value: page, ...summarizeReads(reads, this.router.preferredEndpoint())};
		});
	}

	/** Whether any key is in [start, end) (an empty end has no bound). */
	private async anyKey(start: Buffer, end: Buffer): Promise<ReadResult<boolean>> {
		return this.settle(async () => {
			const served = await this.router.serve(start, async (client, serializable) =>
				client.kv.range({key: rangeStartForEtcd(start), range_end: rangeEndForEtcd(end), limit: 1, keys_only: true, serializable}));
			return {...served, value: served.value.kvs.length > 0};
		});
	}

	/** Quorum is back (the dashboard's reading says so): the next read tries linearizable at once, not after the retry interval. */
	quorumRestored(): void {
		this.router.quorumRestored();
	}

	/** How many keys start with `prefix` (count-only: no key leaves etcd). */
	async count(prefix: Buffer): Promise<ReadResult<number>> {
		return this.settle(async () => {
			const served = await this.router.serve(prefix, async (client, serializable) =>
				client.kv.range({key: rangeStartForEtcd(prefix), range_end: rangeEndForEtcd(prefixEnd(prefix)), count_only: true, serializable}));
			return {...served, value: Number(served.value.count)};
		});
	}

	/** One key with its value and metadata, or undefined when it does not exist. */
	async get(key: Buffer): Promise<ReadResult<KeyRecord | undefined>> {
		return this.settle(async () => {
			const served = await this.router.serve(key, async (client, serializable) => client.kv.range({key, serializable}));
			const kv = served.value.kvs[0];
			return {...served, value: kv === undefined ? undefined : toRecord(kv)};
		});
	}

	/**
	 * Watches one key (`end` undefined) or every key of [start, end) from just after `afterRevision`, so
	 * that no change made after the read that showed the rows is missed (from now on without one).
	 */
	watch(start: Buffer, end: Buffer | undefined, afterRevision: string | undefined, listener: WatchListener): StopWatch {
		if (this.router.closed) {
			listener.onTrouble('watch not started: the key browser is closed');
			return () => undefined;
		}

		let stopped = false;
		let cancel: (() => Promise<void>) | undefined;
		const subject = start;
		let client: Etcd3;
		try {
			client = this.router.client(this.router.preferredEndpoint());
		} catch (error) {
			listener.onTrouble(`watch not started: ${error instanceof ReadFailure ? error.message : this.router.describe(error)}`);
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
				listener.onTrouble(`watch lost, reconnecting: ${this.router.describe(error)}`);
			}
		});
		watcher.on('error', (error: Error) => {
			if (!stopped) {
				listener.onTrouble(classifyReadError(error) === 'denied' ? `watch: ${this.router.deniedMessage(subject)}` : `watch stopped: ${this.router.describe(error)}`);
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
		this.router.close();
	}

	private async settle<T>(work: () => Promise<Served<T>>): Promise<ReadResult<T>> {
		try {
			return {ok: true, ...(await work())};
		} catch (error) {
			return {ok: false, error: error instanceof ReadFailure ? error.message : this.router.describe(error)};
		}
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

export type {KeyBrowserOptions, KeyChange, KeyRecord, LevelPage, PageRequest, ReadConsistency, ReadResult, StopWatch, WatchListener};
