import path from 'node:path';
import {isMap, isScalar, isSeq, type Node, type Pair} from 'yaml';
import {needsEscaping} from '../../model/shared/safe-text.ts';
import {checkTogether} from './check-together.ts';
import {ConfigFileError, passwordRefusal} from './config-file-error.ts';
import {contextFields, type ContextFieldKey} from './context-fields.ts';
import type {ContextSpec, ContextValues} from './context-spec.ts';
import {fieldValue} from './field-value.ts';
import {describeNode, keyOf, textValue} from './yaml-nodes.ts';

export const fieldsByName = new Map(contextFields.map(field => [field.name, field]));
const contextNamePattern = /^\S+$/;
const maxNameLength = 100;

export function parseContexts(pair: Pair, file: string, line: number, lineOf: (offset: number) => number, nodeLine: (node: Node | null | undefined, fallback: number) => number, home: string): ContextSpec[] {
	const list = pair.value as Node | null;
	if (!isSeq(list)) {
		throw new ConfigFileError(file, nodeLine(list, line), 'contexts', `is ${describeNode(list)}; it is a list of contexts, each starting "- name: NAME"`);
	}

	const contexts: ContextSpec[] = [];
	for (const [index, item] of list.items.entries()) {
		const itemNode = item as Node | null;
		const itemLine = nodeLine(itemNode, line);
		if (!isMap(itemNode)) {
			throw new ConfigFileError(file, itemLine, undefined, `is ${describeNode(itemNode)}; a context is a mapping starting "- name: NAME"`, `contexts[${index}]`);
		}

		const namePair = itemNode.items.find(candidate => isScalar(candidate.key) && candidate.key.value === 'name');
		if (namePair === undefined) {
			throw new ConfigFileError(file, itemLine, 'name', 'missing: every context has a name (what --context and :ctx take)', `contexts[${index}] `);
		}

		const nameLine = nodeLine(namePair.key as Node, itemLine);
		const name = textValue(namePair, file, nameLine, 'name', `contexts[${index}] `);
		if (!contextNamePattern.test(name) || needsEscaping(name) || name.length > maxNameLength) {
			throw new ConfigFileError(file, nameLine, 'name', `"${name}" is not a context name: up to ${maxNameLength} characters, no spaces or control characters (it is typed after --context and :ctx)`, `contexts[${index}] `);
		}

		const earlier = contexts.find(context => context.name === name);
		if (earlier !== undefined) {
			throw new ConfigFileError(file, nameLine, 'name', `"${name}" is already the name of the context on line ${earlier.line}: names are unique`, `contexts[${index}] `);
		}

		const where = `context "${name}" `;
		const label = `${file}:${itemLine}: context "${name}"`;
		const values: ContextValues = {};
		const origins: Partial<Record<ContextFieldKey, string>> = {};
		const lines: Partial<Record<ContextFieldKey, number>> = {};
		for (const fieldPair of itemNode.items) {
			const key = keyOf(fieldPair, file, lineOf, where);
			if (key.name === 'name') {
				continue;
			}

			if (key.name === 'password') {
				throw new ConfigFileError(file, key.line, 'password', passwordRefusal, where);
			}

			const field = fieldsByName.get(key.name);
			if (field === undefined) {
				throw new ConfigFileError(file, key.line, key.name, `unknown field; a context has name, ${contextFields.map(known => known.name).join(', ')}`, where);
			}

			const origin = `${file}:${key.line}: ${where}${field.name}`;
			Object.assign(values, {[field.key]: fieldValue(field, fieldPair, {file, line: key.line, where, origin, baseDir: path.dirname(file), home})});
			origins[field.key] = origin;
			lines[field.key] = key.line;
		}

		checkTogether(values, lines, file, itemLine, where);
		contexts.push({name, label, line: itemLine, values, origins});
	}

	return contexts;
}
