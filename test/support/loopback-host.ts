import {randomInt} from 'node:crypto';
import net from 'node:net';

/** A host of its own on this machine: an address in 127.0.0.0/8 and a free port there. */
export interface LoopbackHost {
	host: string;
	/** A port the kernel chose on that address, free when asked. */
	port: number;
}

/**
 * A random loopback address other than 127.0.0.1 where `fixedPort` is free, and a free port beside it:
 * a node there may use etcd's default client port (2379) as the runbooks' nodes do on their own hosts,
 * without colliding with anything on 127.0.0.1 or with another run of the same test.
 */
export async function freeLoopbackHost(fixedPort: number): Promise<LoopbackHost> {
	let lastError: unknown;
	for (let attempt = 0; attempt < 20; attempt++) {
		const host = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
		try {
			await listenOnce(host, fixedPort);
			return {host, port: await listenOnce(host, 0)};
		} catch (error) {
			lastError = error;
		}
	}

	throw new Error(`no loopback address with port ${fixedPort} free: ${String(lastError)}`);
}

/** Listens on host:port and closes again; the port that was bound (the kernel's choice for 0). */
async function listenOnce(host: string, port: number): Promise<number> {
	const server = net.createServer();
	const bound = await new Promise<number>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			const address = server.address();
			if (address === null || typeof address === 'string') {
				reject(new Error('could not read the port of a listening socket'));
				return;
			}

			resolve(address.port);
		});
	});
	await new Promise<void>(resolve => {
		server.close(() => {
			resolve();
		});
	});
	return bound;
}
