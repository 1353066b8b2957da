import net from 'node:net';

/**
 * A plaintext TCP listener on 127.0.0.1 that keeps every byte any client sends it. With `forwardTo` it
 * passes the bytes on to that port and the answers back (a wiretap in front of a real server, so a
 * client gets far enough to send what it would send); without, it answers nothing.
 */
export interface RecordingListener {
	port: number;
	url: string;
	/** Connections accepted so far. */
	connections: () => number;
	/** Everything received, over all connections. */
	received: () => Buffer;
	close: () => Promise<void>;
}

export async function startRecordingListener({forwardTo}: {forwardTo?: number} = {}): Promise<RecordingListener> {
	const chunks: Buffer[] = [];
	const sockets = new Set<net.Socket>();
	let connections = 0;
	const track = (socket: net.Socket) => {
		sockets.add(socket);
		socket.on('error', () => undefined);
		socket.on('close', () => sockets.delete(socket));
	};

	const server = net.createServer(socket => {
		connections++;
		track(socket);
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		if (forwardTo !== undefined) {
			const upstream = net.connect(forwardTo, '127.0.0.1');
			track(upstream);
			socket.pipe(upstream);
			upstream.pipe(socket);
			upstream.on('close', () => socket.destroy());
			socket.on('close', () => upstream.destroy());
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as net.AddressInfo;
	return {
		port,
		url: `http://127.0.0.1:${port}`,
		connections: () => connections,
		received: () => Buffer.concat(chunks),
		close: async () => {
			for (const socket of sockets) {
				socket.destroy();
			}

			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
}
