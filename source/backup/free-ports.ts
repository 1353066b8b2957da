import net from 'node:net';

/**
 * Asks the kernel for `count` distinct free ports on 127.0.0.1. All sockets are held open until every
 * port is known, so the same port is never handed out twice within one call.
 */
export async function freePorts(count: number): Promise<number[]> {
	const servers: net.Server[] = [];
	try {
		const ports: number[] = [];
		for (let index = 0; index < count; index++) {
			const server = net.createServer();
			servers.push(server);
			 
			const port = await new Promise<number>((resolve, reject) => {
				server.once('error', reject);
				server.listen(0, '127.0.0.1', () => {
					const address = server.address();
					if (address === null || typeof address === 'string') {
						reject(new Error('could not read the port of a listening socket'));
						return;
					}

					resolve(address.port);
				});
			});
			ports.push(port);
		}

		return ports;
	} finally {
		await Promise.all(servers.map(async server => new Promise<void>(resolve => {
			server.close(() => {
				resolve();
			});
		})));
	}
}
