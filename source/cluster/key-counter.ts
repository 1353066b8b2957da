import {SortOrder, SortTarget, type Etcd3, type IRangeRequest} from 'etcd3';
import {afterEntry, prefixEnd, rangeEndForEtcd, rangeStartForEtcd} from './key-range.ts';
import {escapeKey} from '../model/shared/key-text.ts';
import type {KeyCounts, PrefixCount} from './cluster-record.ts';
import {walkForward, type KeyRangeQuery} from './key-browser/level-walker.ts';
import {withDeadline} from './with-deadline.ts';

/** How far the counting goes: enough to tell a Deephaven or Kubernetes key space apart, bounded for any other. */
export const keyCountLimits = {
	/** Prefixes counted directly below the root. */
	topLevel: 200,
	/** Prefixes counted one level below each of those. */
	perPrefix: 100,
	/** Prefixes counted in all: a count is one request, and a save should not take minutes for them. */
	total: 1000,
	/** Levels the root may descend while every key shares them. */
	rootDepth: 16,
} as const;

export interface KeyCountReader {
	/** Keys only, up to `limit`, in [start, end). */
	keys(query: KeyRangeQuery): Promise<Buffer[]>;
	/** How many keys start with `prefix` (count-only: no key leaves etcd); the empty prefix counts all. */
	count(prefix: Buffer): Promise<number>;
}

export interface KeyCountReaderOptions {
	/** Read as of this revision (the snapshot's); the member's current one when undefined. */
	revision: number | undefined;
	/**
	 * Serializable reads answer from the member asked, without quorum: the member a snapshot came from
	 * holds exactly the data it sent, and a cluster may have just lost quorum.
	 */
	serializable: boolean;
	timeoutMs: number;
}

/** Reads through one client; every request carries the deadline. */
export function keyCountReader(client: Etcd3, options: KeyCountReaderOptions): KeyCountReader {
	const base = {serializable: options.serializable, ...(options.revision === undefined ? {} : {revision: options.revision})};
	const range = async (request: IRangeRequest) => withDeadline(client.kv.range({...base, ...request}), options.timeoutMs);
	return {
		async keys(query) {
			const response = await range({
				key: rangeStartForEtcd(query.start),
				range_end: rangeEndForEtcd(query.end),
				limit: query.limit,
				keys_only: true,
				...(query.descending ? {sort_order: SortOrder.Descend, sort_target: SortTarget.Key} : {}),
			});
			return response.kvs.map(kv => kv.key);
		},
		async count(prefix) {
			const response = await range({key: rangeStartForEtcd(prefix), range_end: rangeEndForEtcd(prefixEnd(prefix)), count_only: true});
			return Number(response.count);
		},
	};
}

/**
 * Counts the key space level by level: finds the root (the whole levels every key shares), then counts
 * each prefix below it and each one level below those, one count-only request a prefix. A level with
 * more prefixes than {@link keyCountLimits} allows is counted in part and listed in cutShort; the total
 * still covers every key.
 */
export async function countKeysByPrefix(reader: KeyCountReader, separator: Buffer, revision: number): Promise<KeyCounts> {
	const root = await findRoot(reader, separator);
	const prefixes: PrefixCount[] = [];
	const cutShort: string[] = [];
	const top = await childPrefixes(reader, root, separator, keyCountLimits.topLevel);
	if (top.more) {
		cutShort.push(escapeKey(root));
	}

	for (const [index, prefix] of top.prefixes.entries()) {
		prefixes.push({prefix: escapeKey(prefix), keys: await reader.count(prefix), depth: 1});
		// Every top-level prefix is counted; what is left of the budget goes to the levels below, in order.
		const budget = keyCountLimits.total - prefixes.length - (top.prefixes.length - index - 1);
		const below = await childPrefixes(reader, prefix, separator, Math.max(0, Math.min(keyCountLimits.perPrefix, budget)));
		if (below.more) {
			cutShort.push(escapeKey(prefix));
		}

		for (const child of below.prefixes) {
			prefixes.push({prefix: escapeKey(child), keys: await reader.count(child), depth: 2});
		}
	}

	return {revision, separator: separator.toString('utf8'), root: escapeKey(root), totalKeys: await reader.count(Buffer.alloc(0)), prefixes, cutShort};
}

/** Descends while the level holds one child prefix and nothing else: "/" and then "/main/" for Deephaven. */
async function findRoot(reader: KeyCountReader, separator: Buffer): Promise<Buffer> {
	let root: Buffer = Buffer.alloc(0);
	for (let depth = 0; depth < keyCountLimits.rootDepth; depth++) {
		const page = await walkForward(async query => reader.keys(query), {prefix: root, filter: Buffer.alloc(0)}, separator, root, 1);
		const only = page.entries[0];
		if (page.more || only?.kind !== 'prefix') {
			break;
		}

		root = only.bytes;
	}

	return root;
}

async function childPrefixes(reader: KeyCountReader, level: Buffer, separator: Buffer, limit: number): Promise<{prefixes: Buffer[]; more: boolean}> {
	const prefixes: Buffer[] = [];
	let from: Buffer = level;
	// Keys directly in the level come in the same pages as prefixes: page on until enough prefixes are found.
	for (;;) {
		const page = await walkForward(async query => reader.keys(query), {prefix: level, filter: Buffer.alloc(0)}, separator, from, Math.max(limit, 1));
		for (const entry of page.entries) {
			if (entry.kind === 'prefix') {
				if (prefixes.length === limit) {
					return {prefixes, more: true};
				}

				prefixes.push(entry.bytes);
			}
		}

		const last = page.entries.at(-1);
		const next = last === undefined ? undefined : afterEntry(last);
		// A prefix of only 0xFF bytes has no end: nothing can follow it.
		if (!page.more || next === undefined || next.length === 0) {
			return {prefixes, more: false};
		}

		from = next;
	}
}
