import {isAlias, isMap, isScalar, isSeq, type Node, type Pair} from 'yaml';
import {ConfigFileError} from './config-file-error.ts';

export function keyOf(pair: Pair, file: string, lineOf: (offset: number) => number, where: string): {name: string; line: number} {
	const key = pair.key as Node | null;
	const line = key?.range === undefined || key.range === null ? 1 : lineOf(key.range[0]);
	if (!isScalar(key) || typeof key.value !== 'string') {
		throw new ConfigFileError(file, line, undefined, `a field's name is text, got ${describeNode(key)}`, where);
	}

	return {name: key.value, line};
}

export function textValue(pair: Pair, file: string, line: number, field: string, where: string): string {
	const node = pair.value as Node | null;
	if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') {
		return node.value;
	}

	throw new ConfigFileError(file, line, field, `is text, got ${describeNode(node)}`, where);
}

/** What a node is, for a message: its kind, and a scalar's value (never a user's or password's: those are text and pass). */
export function describeNode(node: Node | null | undefined): string {
	if (node === null || node === undefined || (isScalar(node) && node.value === null)) {
		return 'nothing';
	}

	if (isMap(node)) {
		return 'a mapping';
	}

	if (isSeq(node)) {
		return 'a list';
	}

	if (isAlias(node)) {
		return 'an alias';
	}

	if (isScalar(node)) {
		return typeof node.value === 'string' ? `the text "${node.value}"` : `${typeof node.value} ${String(node.value)}`;
	}

	return 'something else';
}
