import type {Etcd3, IRangeResponse} from 'etcd3';
import type {ConnectionSettings} from '../../config/settings.ts';
import {escapeKey} from '../../model/shared/key-text.ts';
import {describeConnectionError} from '../describe-error.ts';
import {EndpointClients} from '../endpoint-clients.ts';
import {plaintextRefusal} from '../plaintext-refusal.ts';
import {withDeadline} from '../with-deadline.ts';
import {classifyReadError} from './classify-read-error.ts';
import type {ReadConsistency} from './key-types.ts';

export interface KeyBrowserOptions {
	/** While reads are serializable for want of quorum, how often a linearizable read is tried again. */
	linearizableRetryMs?: number;
}

/** A read that failed, with the message to show. */
export class ReadFailure extends Error {
	override name = 'ReadFailure';
}

export interface Served<T> {
	value: T;
	read: ReadConsistency;
	revision: string | undefined;
}

/**
 * Where the key browser's reads go: one client per member, the preferred member first and the next one
 * when it cannot be reached, every request under the --timeout deadline. Linearizable; when a member
 * answers but cannot serve them (no quorum), serializable for a while and labelled stale.
 */
export class RangeRouter {
	private readonly clients: EndpointClients;
	private preferred = 0;
	private stale: {reason: string; since: number} | undefined;

	constructor(private readonly settings: ConnectionSettings, private readonly options: KeyBrowserOptions = {}) {
		this.clients = new EndpointClients(settings, () => new ReadFailure('the key browser is closed'));
		// Seeds etcdeck may not connect to (http:// beside https://) are never preferred.
		this.preferred = Math.max(0, settings.endpoints.findIndex(endpoint => plaintextRefusal(endpoint, settings) === undefined));
	}

	get closed(): boolean {
		return this.clients.closed;
	}

	/** Quorum is back: the next read tries linearizable at once, not after the retry interval. */
	quorumRestored(): void {
		this.stale = undefined;
	}

	close(): void {
		this.clients.close();
	}

	/**
	 * One request, linearizable unless the cluster was found without quorum lately; the preferred member
	 * first and the others after it when it cannot be reached.
	 */
	async serve(subject: Buffer, request: (client: Etcd3, serializable: boolean) => Promise<IRangeResponse>): Promise<Served<IRangeResponse>> {
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

	preferredEndpoint(): string {
		return this.settings.endpoints[this.preferred] ?? this.settings.endpoints[0] ?? '';
	}

	client(endpoint: string): Etcd3 {
		return this.clients.get(endpoint);
	}

	deniedMessage(subject: Buffer): string {
		const user = this.settings.auth?.username;
		return `permission denied for ${subject.length === 0 ? '(all keys)' : escapeKey(subject)}${user === undefined ? '' : ` (user ${user})`}`;
	}

	describe(error: unknown): string {
		return describeConnectionError(error, this.settings);
	}
}
