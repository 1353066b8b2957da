import type {Etcd3} from 'etcd3';
import type {ConnectionSettings} from '../config/settings.ts';
import {createEndpointClient} from './etcd-client.ts';

/**
 * One etcd client per endpoint, made on first use and kept (a client's channel is what makes a refresh
 * one round trip), closed together. After close() asking for a client throws `closedError`.
 */
export class EndpointClients {
	closed = false;
	private readonly clients = new Map<string, Etcd3>();

	constructor(private readonly settings: ConnectionSettings, private readonly closedError: () => Error) {}

	get(endpoint: string): Etcd3 {
		if (this.closed) {
			throw this.closedError();
		}

		let client = this.clients.get(endpoint);
		if (client === undefined) {
			client = createEndpointClient(endpoint, this.settings);
			this.clients.set(endpoint, client);
		}

		return client;
	}

	/** Closes the clients of endpoints not in `keep` (members that left); they are made again if asked for. */
	closeExcept(keep: ReadonlySet<string>): void {
		for (const [endpoint, client] of this.clients) {
			if (!keep.has(endpoint)) {
				client.close();
				this.clients.delete(endpoint);
			}
		}
	}

	close(): void {
		this.closed = true;
		this.closeExcept(new Set());
	}
}
