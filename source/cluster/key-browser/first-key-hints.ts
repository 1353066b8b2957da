/** How many prefixes' first keys are remembered: a level's rows, a few levels deep. */
const maxHints = 2048;

/**
 * The first key seen under each prefix, as the walks of the levels above found it. etcd counts the
 * whole range of every Range request, limit or not, so the first page of a level read over the whole
 * level costs as much as counting it; knowing where its first key was, the page asks whether anything
 * came before it (a range that is empty, so cheap) and reads on from it in narrow ranges.
 */
export class FirstKeyHints {
	private readonly hints = new Map<string, Buffer>();

	remember(prefix: Buffer, firstKey: Buffer): void {
		const name = prefix.toString('hex');
		this.hints.delete(name);
		this.hints.set(name, Buffer.from(firstKey));
		if (this.hints.size > maxHints) {
			this.hints.delete(this.hints.keys().next().value!);
		}
	}

	/** The first key last seen under `prefix`, if any. */
	hintFor(prefix: Buffer): Buffer | undefined {
		return this.hints.get(prefix.toString('hex'));
	}
}
