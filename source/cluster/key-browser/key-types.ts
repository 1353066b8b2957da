import type {LevelEntry} from '../key-range.ts';

/** Rows from the level's start or end, from a key on (inclusive), after an entry, or before a key (exclusive). */
export type PageRequest = {from: 'start'} | {from: 'end'} | {from: 'at'; cursor: Buffer} | {from: 'after'; entry: LevelEntry} | {from: 'before'; cursor: Buffer};

/** One key as etcd holds it: bytes in, bytes out, revisions as decimal strings (they are int64). */
export interface KeyRecord {
	key: Buffer;
	value: Buffer;
	createRevision: string;
	modRevision: string;
	version: string;
	/** Lease ID in hex, or undefined without a lease. */
	lease: string | undefined;
}

/**
 * How a read was served. Linearizable is the default: what the cluster agreed on. When a member is up
 * but its linearizable reads fail (no quorum, no leader), reads fall back to serializable ones from that
 * member, which may be stale: the pane labels them so.
 */
export type ReadConsistency =
	| {mode: 'linearizable'; endpoint: string}
	| {mode: 'serializable'; endpoint: string; reason: string};

/** What a read gave, or the operator-facing reason it failed. Reads never throw. */
export type ReadResult<T> =
	| {ok: true; value: T; read: ReadConsistency; revision: string | undefined}
	| {ok: false; error: string};

/** A change a watch saw. */
export interface KeyChange {
	kind: 'put' | 'delete';
	key: Buffer;
	revision: string;
	/** A put of a key that did not exist (version 1). */
	created: boolean;
	/** The key after a put (a delete carries none). */
	record: KeyRecord | undefined;
}

/** What a watch reports: changes, or that it stopped (and why) or is back. */
export interface WatchListener {
	onChange: (change: KeyChange) => void;
	/** A watch that failed or lost its connection; undefined when it is working again. */
	onTrouble: (message: string | undefined) => void;
}

/** Ends a watch. */
export type StopWatch = () => void;
