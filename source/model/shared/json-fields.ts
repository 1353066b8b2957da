/** Readers for JSON read back from files: each throws an Error naming the field that is wrong. */

export function asRecord(value: unknown, what: string): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new Error(`${what} is not a JSON object`);
	}

	return value as Record<string, unknown>;
}

export function field<K extends 'string' | 'number' | 'boolean'>(record: Record<string, unknown>, name: string, type: K): K extends 'string' ? string : K extends 'number' ? number : boolean {
	const value = record[name];
	if (typeof value !== type) {
		throw new Error(`${name} is missing or not a ${type}`);
	}

	return value as K extends 'string' ? string : K extends 'number' ? number : boolean;
}

export function asArray(value: unknown, what: string): unknown[] {
	if (!Array.isArray(value)) {
		throw new TypeError(`${what} is not a JSON array`);
	}

	return value;
}

export function stringArray(record: Record<string, unknown>, name: string): string[] {
	return asArray(record[name], name).map((item, index) => {
		if (typeof item !== 'string') {
			throw new TypeError(`${name}[${index}] is not a string`);
		}

		return item;
	});
}

/** A whole number of at least 0: counts and revisions. */
export function count(record: Record<string, unknown>, name: string): number {
	const value = field(record, name, 'number');
	if (!Number.isSafeInteger(value) || value < 0) {
		throw new Error(`${name} is not a whole number of at least 0`);
	}

	return value;
}
