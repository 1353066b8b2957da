/** Polls `check` until it returns a value other than undefined, or throws after `timeoutMs`. */
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
