import {isMap, isScalar, LineCounter, parseDocument, type Node} from 'yaml';
import {ConfigFileError, passwordRefusal} from './config-file-error.ts';
import {topLevelFields} from './context-fields.ts';
import type {ContextSpec, EtcdeckConfig} from './context-spec.ts';
import {fieldsByName, parseContexts} from './parse-contexts.ts';
import {describeNode, keyOf, textValue} from './yaml-nodes.ts';

/**
 * Parses and checks etcdeck's config file (YAML, with positions kept by the yaml library): every field
 * known and of its kind, no password written in it, names unique, current-context naming one of them.
 * Throws ConfigFileError naming the file, the line and the field. Pure: files the fields name are not
 * read here.
 */
export function parseConfig(text: string, file: string, home: string): EtcdeckConfig {
	const lineCounter = new LineCounter();
	const document = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2'});
	const lineOf = (offset: number) => lineCounter.linePos(offset).line;
	const problem = document.errors[0] ?? document.warnings[0];
	if (problem !== undefined) {
		const line = lineOf(problem.pos[0]);
		// The YAML library's message, never the text around it: the line could hold anything, a password too.
		const near = fieldNear(text, line);
		throw new ConfigFileError(file, line, undefined, `not valid YAML${near === undefined ? '' : ` (near field ${near})`}: ${problem.message.split('\n')[0]!}`);
	}

	const root = document.contents;
	if (root === null || (isScalar(root) && root.value === null)) {
		return {file, currentContext: undefined, contexts: []};
	}

	const nodeLine = (node: Node | null | undefined, fallback: number) => (node?.range === undefined || node.range === null ? fallback : lineOf(node.range[0]));
	if (!isMap(root)) {
		throw new ConfigFileError(file, nodeLine(root, 1), undefined, `the file holds ${describeNode(root)}; it is a mapping with ${topLevelFields.join(' and ')}`);
	}

	let currentContext: {name: string; line: number} | undefined;
	let contexts: ContextSpec[] = [];
	for (const pair of root.items) {
		const {name, line} = keyOf(pair, file, lineOf, '');
		if (name === 'password') {
			throw new ConfigFileError(file, line, name, passwordRefusal);
		}

		if (name === 'current-context') {
			currentContext = {name: textValue(pair, file, line, name, ''), line};
		} else if (name === 'contexts') {
			contexts = parseContexts(pair, file, line, lineOf, nodeLine, home);
		} else {
			const hint = fieldsByName.has(name) ? `; ${name} belongs to a context, under contexts:` : '';
			throw new ConfigFileError(file, line, name, `unknown field (the file has ${topLevelFields.join(' and ')})${hint}`);
		}
	}

	if (currentContext !== undefined && !contexts.some(context => context.name === currentContext.name)) {
		throw new ConfigFileError(file, currentContext.line, 'current-context', `no context is named "${currentContext.name}"${namesList(contexts)}`);
	}

	return {file, currentContext: currentContext?.name, contexts};
}

function namesList(contexts: readonly ContextSpec[]): string {
	return contexts.length === 0 ? ' (the file has no contexts)' : ` (the contexts are ${contexts.map(context => context.name).join(', ')})`;
}

/** The field a YAML syntax error is nearest to: the key written on its line or the closest one above it. */
function fieldNear(text: string, line: number): string | undefined {
	const lines = text.split('\n').slice(0, line).reverse();
	for (const written of lines) {
		const key = /^\s*(?:-\s+)?([A-Za-z][\w-]*)\s*:/.exec(written)?.[1];
		if (key !== undefined) {
			return key;
		}
	}

	return undefined;
}
