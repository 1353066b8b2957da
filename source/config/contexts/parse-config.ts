import path from 'node:path';
import {isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair} from 'yaml';
import {parseEndpoints} from '../endpoints.ts';
import {maxTimerMs, minTimerMs} from '../number-settings.ts';
import {ConfigError} from '../settings.ts';
import {keyTextProblem} from '../../model/shared/key-text.ts';
import {needsEscaping} from '../../model/shared/safe-text.ts';
import {contextFields, topLevelFields, type ContextField, type ContextFieldKey} from './context-fields.ts';

/** What a context's fields hold once checked: endpoint lists normalised, paths absolute. */
export interface ContextValues {
	endpoints?: string[];
	user?: string;
	passwordEnv?: string;
	passwordFile?: string;
	cacert?: string;
	cert?: string;
	key?: string;
	clientDir?: string;
	timeout?: number;
	refresh?: number;
	quotaBytes?: number;
	readOnly?: boolean;
	logUnit?: string[];
	journalDir?: string;
	journalFile?: string;
	logCommand?: string;
	logLines?: number;
	metricsUrls?: string[];
	snapshotDir?: string;
	prefix?: string;
	separator?: string;
}

/** One context of the config file, checked for shape (what is on disk is read when it is opened). */
export interface ContextSpec {
	name: string;
	/** How messages name it: `/home/op/.config/etcdeck/config.yaml:4: context "eqiad"`. */
	label: string;
	/** The line its entry starts on. */
	line: number;
	values: ContextValues;
	/** Where each field was written, as messages name it: `…config.yaml:7: context "eqiad" cacert`. */
	origins: Partial<Record<ContextFieldKey, string>>;
}

/** etcdeck's config file: its contexts in the order written, and the one used when none is named. */
export interface EtcdeckConfig {
	file: string;
	currentContext: string | undefined;
	contexts: ContextSpec[];
}

/** A problem in the config file: the message names the file, the line and the field. */
export class ConfigFileError extends ConfigError {
	override name = 'ConfigFileError';

	/** `where` names the context (`context "eqiad"`, or `contexts[2]` before its name is known). */
	constructor(readonly file: string, readonly line: number, readonly field: string | undefined, problem: string, where = '') {
		const subject = [where.trim(), field ?? ''].filter(part => part !== '').join(' ');
		super(`${file}:${line}: ${subject === '' ? '' : `${subject}: `}${problem}`);
	}
}

const passwordRefusal = 'a password is never written in the config file (whoever reads the file, or a backup of it, would have it): name the variable that holds it with password-env, a file only you may read with password-file (mode 0600), or use client-dir';
const fieldsByName = new Map(contextFields.map(field => [field.name, field]));
const contextNamePattern = /^\S+$/;
const maxNameLength = 100;

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

function parseContexts(pair: Pair, file: string, line: number, lineOf: (offset: number) => number, nodeLine: (node: Node | null | undefined, fallback: number) => number, home: string): ContextSpec[] {
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

interface FieldPlace {
	file: string;
	line: number;
	where: string;
	origin: string;
	baseDir: string;
	home: string;
}

function fieldValue(field: ContextField, pair: Pair, place: FieldPlace): ContextValues[ContextFieldKey] {
	const fail = (problem: string): never => {
		throw new ConfigFileError(place.file, place.line, field.name, problem, place.where);
	};

	const node = pair.value as Node | null;
	if (isAlias(node)) {
		fail('is an alias (*name): write the value itself');
	}

	if (node === null || (isScalar(node) && node.value === null)) {
		fail('has no value: give one, or leave the field out');
	}

	switch (field.kind) {
		case 'urls':
		case 'names': {
			const items = isSeq(node) ? node.items.map(item => item as Node | null) : [node];
			const texts = items.map(item => (isScalar(item) && typeof item.value === 'string' ? item.value : fail(`every entry is text; one is ${describeNode(item)}`)));
			if (texts.length === 0) {
				fail('is an empty list');
			}

			if (field.kind === 'urls') {
				try {
					return parseEndpoints(texts.join(','), place.origin);
				} catch (error) {
					const message = error instanceof ConfigError ? error.message : String(error);
					fail(message.slice(message.startsWith(place.origin) ? place.origin.length : 0).replace(/^:? */, '').replace('with --user NAME and --password instead', 'with user and password-env or password-file instead'));
				}
			}

			const names = texts.flatMap(text => text.split(',').map(name => name.trim()));
			if (names.some(name => name === '' || /\s/.test(name))) {
				fail(`takes unit names (a list, or one text separated by commas), got "${texts.join(',')}"`);
			}

			return names;
		}

		case 'boolean': {
			return isScalar(node) && typeof node.value === 'boolean' ? node.value : fail(`is true or false, got ${describeNode(node)}`);
		}

		case 'milliseconds':
		case 'count': {
			const value = isScalar(node) && typeof node.value === 'number' ? node.value : fail(`is a whole number, got ${describeNode(node)}`);
			if (field.kind === 'milliseconds' && (!Number.isInteger(value) || value < minTimerMs || value > maxTimerMs)) {
				fail(`is a whole number of milliseconds from ${minTimerMs} to ${maxTimerMs} (one hour), got ${String(value)}`);
			}

			if (field.kind === 'count' && (!Number.isInteger(value) || value < 1)) {
				fail(`is a whole number of at least 1, got ${String(value)}`);
			}

			return value;
		}

		case 'text':
		case 'path':
		case 'variable': {
			const text = isScalar(node) && typeof node.value === 'string' ? node.value : fail(`is text, got ${describeNode(node)}`);
			if (text.trim() === '') {
				fail('is empty');
			}

			if (field.kind === 'variable' && !/^[A-Za-z_]\w*$/.test(text)) {
				// Not echoed: it may be the password itself, written where its variable's name belongs.
				fail('is not the name of an environment variable (letters, digits and _): write the name of the variable that holds the password, not the password');
			}

			if (field.kind === 'path') {
				return text === '~' || text.startsWith('~/') ? path.join(place.home, text.slice(1)) : path.resolve(place.baseDir, text);
			}

			if (field.key === 'user' && text.includes(':')) {
				// NAME:PASSWORD, as --user takes it: the part after the colon must not reach a message.
				fail(`holds a password after "${text.slice(0, text.indexOf(':'))}:"; ${passwordRefusal}`);
			}

			if (field.key === 'prefix') {
				const problem = keyTextProblem(text);
				if (problem !== undefined) {
					fail(problem);
				}
			}

			return text;
		}
	}
}

/** Rules between fields, checked where the later field was written. */
function checkTogether(values: ContextValues, lines: Partial<Record<ContextFieldKey, number>>, file: string, contextLine: number, where: string): void {
	const fail = (key: ContextFieldKey, problem: string): never => {
		const field = contextFields.find(candidate => candidate.key === key)!;
		throw new ConfigFileError(file, lines[key] ?? contextLine, field.name, problem, where);
	};

	if (values.endpoints === undefined && values.clientDir === undefined) {
		throw new ConfigFileError(file, contextLine, 'endpoints', 'missing: a context gives endpoints, or a client-dir whose endpoints file names them', where);
	}

	if (values.passwordEnv !== undefined && values.passwordFile !== undefined) {
		fail((lines.passwordFile ?? 0) > (lines.passwordEnv ?? 0) ? 'passwordFile' : 'passwordEnv', 'password-env and password-file both give the password: keep one');
	}

	for (const key of ['passwordEnv', 'passwordFile'] as const) {
		if (values[key] !== undefined && values.user === undefined && values.clientDir === undefined) {
			fail(key, 'gives a password but the context names no user: add user');
		}
	}

	if ((values.cert === undefined) !== (values.key === undefined)) {
		fail(values.cert === undefined ? 'key' : 'cert', `is given without ${values.cert === undefined ? 'cert' : 'key'}: a client certificate needs both`);
	}

	if (values.logCommand !== undefined) {
		const ignored = (['logUnit', 'journalDir', 'journalFile'] as const).filter(key => values[key] !== undefined);
		if (ignored.length > 0) {
			fail('logCommand', `runs its own command: ${ignored.map(key => contextFields.find(candidate => candidate.key === key)!.name).join(' and ')} would be ignored; put them in the command instead`);
		}
	}

	if (values.journalDir !== undefined && values.journalFile !== undefined) {
		fail((lines.journalFile ?? 0) > (lines.journalDir ?? 0) ? 'journalFile' : 'journalDir', 'journal-dir and journal-file do not go together: journalctl reads one or the other');
	}
}

function keyOf(pair: Pair, file: string, lineOf: (offset: number) => number, where: string): {name: string; line: number} {
	const key = pair.key as Node | null;
	const line = key?.range === undefined || key.range === null ? 1 : lineOf(key.range[0]);
	if (!isScalar(key) || typeof key.value !== 'string') {
		throw new ConfigFileError(file, line, undefined, `a field's name is text, got ${describeNode(key)}`, where);
	}

	return {name: key.value, line};
}

function textValue(pair: Pair, file: string, line: number, field: string, where: string): string {
	const node = pair.value as Node | null;
	if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') {
		return node.value;
	}

	throw new ConfigFileError(file, line, field, `is text, got ${describeNode(node)}`, where);
}

/** What a node is, for a message: its kind, and a scalar's value (never a user's or password's: those are text and pass). */
function describeNode(node: Node | null | undefined): string {
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
