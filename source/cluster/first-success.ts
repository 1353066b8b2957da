/**
 * Asks candidates one after another for the same thing, starting the next one when the previous fails
 * or has not answered within `hedgeMs`, and settles with the first success. A dead or hung first
 * candidate so costs `hedgeMs`, not a whole timeout. Rejects with every candidate's error when all fail.
 */
export async function firstSuccess<T>(
	candidates: readonly string[],
	call: (candidate: string) => Promise<T>,
	hedgeMs: number,
): Promise<{candidate: string; value: T}> {
	if (candidates.length === 0) {
		throw new AggregateError([], 'no endpoint to ask');
	}

	return new Promise((resolve, reject) => {
		const errors = new Map<string, unknown>();
		let next = 0;
		let settled = false;
		let timer: NodeJS.Timeout | undefined;

		const startNext = () => {
			clearTimeout(timer);
			if (settled || next >= candidates.length) {
				return;
			}

			const candidate = candidates[next++]!;
			timer = setTimeout(startNext, hedgeMs);
			call(candidate).then(
				value => {
					if (!settled) {
						settled = true;
						clearTimeout(timer);
						resolve({candidate, value});
					}
				},
				(error: unknown) => {
					errors.set(candidate, error);
					if (settled) {
						return;
					}

					if (errors.size === candidates.length) {
						settled = true;
						clearTimeout(timer);
						reject(new AggregateError([...errors.values()], [...errors.keys()].join(', ')));
						return;
					}

					if (next < candidates.length) {
						startNext();
					}
				},
			);
		};

		startNext();
	});
}
