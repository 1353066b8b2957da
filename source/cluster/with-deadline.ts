/**
 * Rejects when `promise` has not settled within `ms`. etcd3 puts a gRPC deadline on every call; this is
 * the backstop for the parts of a call (token exchange, channel set-up) that could still wait longer.
 */
export async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			reject(new Error('deadline exceeded'));
		}, ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}
