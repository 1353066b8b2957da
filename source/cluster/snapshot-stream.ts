import type {Etcd3, IResponseHeader, ISnapshotResponse} from 'etcd3';
import type {ConnectionSettings} from '../config/settings.ts';
import {describeError, secretsOf} from './describe-error.ts';
import {createEndpointClient} from './etcd-client.ts';
import {withDeadline} from './with-deadline.ts';

/** One message of etcd's Maintenance Snapshot stream. */
export interface SnapshotChunk {
	data: Buffer;
	/** Database bytes the member still has to send after this chunk (its trailing hash not counted). */
	remainingBytes: number;
	/** The revision the snapshot was taken at, when the member says (etcd 3.4 does not). */
	revision: number | undefined;
}

export interface SnapshotStreamOptions {
	/** Cancels the stream: the member stops sending and the iteration throws a "cancelled" error. */
	signal?: AbortSignal;
	/** Gives up when the member sends nothing for this long while the consumer waits for data. */
	stallMs?: number;
}

export type SnapshotStreamFailure = 'cancelled' | 'stalled' | 'failed';

/** Why a snapshot stream stopped early, in words for the operator (credentials masked). */
export class SnapshotStreamError extends Error {
	override name = 'SnapshotStreamError';

	constructor(message: string, readonly failure: SnapshotStreamFailure) {
		super(message);
	}
}

/** The part of grpc's response stream used here; etcd3's own type hides cancel() and async iteration. */
interface SnapshotCall extends AsyncIterable<ISnapshotResponse> {
	cancel(): void;
}

/**
 * Streams a snapshot of the backend of the member at `endpoint`, chunk by chunk, with backpressure: the
 * member sends no faster than the consumer takes chunks. Its own client, closed at the end, so a long
 * stream never shares a connection with the dashboard's polling. Stream calls have no deadline (a big
 * database takes minutes), so a stall timer stands in for one while waiting on the member.
 */
export async function* streamSnapshot(endpoint: string, settings: ConnectionSettings, options: SnapshotStreamOptions = {}): AsyncGenerator<SnapshotChunk, void, undefined> {
	const stallMs = options.stallMs ?? Math.max(5 * settings.timeoutMs, 10_000);
	const {signal} = options;
	if (signal?.aborted) {
		throw new SnapshotStreamError('cancelled', 'cancelled');
	}

	const client = clientFor(endpoint, settings);
	let call: SnapshotCall | undefined;
	let stopped: 'cancelled' | 'stalled' | undefined;
	let stallTimer: NodeJS.Timeout | undefined;
	const stop = (reason: 'cancelled' | 'stalled') => {
		stopped ??= reason;
		call?.cancel();
	};

	const onAbort = () => {
		stop('cancelled');
	};

	const awaitMember = () => {
		clearTimeout(stallTimer);
		stallTimer = setTimeout(() => {
			stop('stalled');
		}, stallMs);
	};

	signal?.addEventListener('abort', onAbort, {once: true});
	try {
		awaitMember();
		call = asSnapshotCall(await withDeadline(client.maintenance.snapshot(), settings.timeoutMs));
		if (stopped !== undefined) {
			call.cancel();
		}

		for await (const message of call) {
			clearTimeout(stallTimer);
			yield {data: message.blob, remainingBytes: Number(message.remaining_bytes), revision: revisionOf(message)};
			awaitMember();
		}
	} catch (error) {
		if (stopped === 'cancelled') {
			throw new SnapshotStreamError('cancelled', 'cancelled');
		}

		if (stopped === 'stalled') {
			throw new SnapshotStreamError(`the member sent nothing for ${stallMs / 1000} s`, 'stalled');
		}

		const secrets = secretsOf(settings);
		const described = describeError(error, settings.timeoutMs, secrets);
		// A member that dies mid-stream resets the connection; say so rather than only the errno.
		throw new SnapshotStreamError(/ECONNRESET|EPIPE/.test(described) ? `the connection to the member was lost mid-stream (${described}): did it stop or restart?` : described, 'failed');
	} finally {
		clearTimeout(stallTimer);
		signal?.removeEventListener('abort', onAbort);
		// After a complete stream this does nothing; after an early stop it tells the member to stop sending.
		call?.cancel();
		client.close();
	}
}

function clientFor(endpoint: string, settings: ConnectionSettings): Etcd3 {
	try {
		return createEndpointClient(endpoint, settings);
	} catch (error) {
		// A member etcdeck may not connect to (http:// behind TLS): refused, in the refusal's words.
		throw new SnapshotStreamError(describeError(error, settings.timeoutMs), 'failed');
	}
}

function asSnapshotCall(stream: unknown): SnapshotCall {
	const candidate = stream as Partial<SnapshotCall> | null;
	if (typeof candidate?.cancel !== 'function' || typeof candidate[Symbol.asyncIterator] !== 'function') {
		throw new TypeError('etcd3 returned a snapshot stream that cannot be iterated or cancelled');
	}

	return candidate as SnapshotCall;
}

function revisionOf(message: ISnapshotResponse): number | undefined {
	// etcd 3.4 sends no header at all; later versions put the snapshot's revision in the first one.
	const header = message.header as IResponseHeader | null;
	const revision = Number(header?.revision ?? 0);
	return revision > 0 ? revision : undefined;
}
