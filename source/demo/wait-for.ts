/** Thrown by a check when waiting longer cannot help (the process it waits for has exited): waitFor rethrows it at once. */
export class StopWaiting extends Error {
	override name = 'StopWaiting';
}

/** Polls `check` until it returns a value other than undefined, or throws after `timeoutMs`. A StopWaiting ends it early. */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined> | T | undefined,
	{timeoutMs = 30_000, intervalMs = 100}: {timeoutMs?: number; intervalMs?: number} = {},
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			 
			const value = await check();
			if (value !== undefined) {
				return value;
			}
		} catch (error) {
			if (error instanceof StopWaiting) {
				throw error;
			}

			lastError = error;
		}

		if (Date.now() > deadline) {
			const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
		}

		 
		await new Promise(resolve => {
			setTimeout(resolve, intervalMs);
		});
	}
}
