import path from 'node:path';
import {isAlias, isScalar, isSeq, type Node, type Pair} from 'yaml';
import {parseEndpoints} from '../endpoints.ts';
import {maxTimerMs, minTimerMs} from '../number-settings.ts';
import {ConfigError} from '../settings.ts';
import {keyTextProblem} from '../../model/shared/key-text.ts';
import {ConfigFileError, passwordRefusal} from './config-file-error.ts';
import type {ContextField, ContextFieldKey} from './context-fields.ts';
import type {ContextValues} from './context-spec.ts';
import {describeNode} from './yaml-nodes.ts';

export interface FieldPlace {
	file: string;
	line: number;
	where: string;
	origin: string;
	baseDir: string;
	home: string;
}

export function fieldValue(field: ContextField, pair: Pair, place: FieldPlace): ContextValues[ContextFieldKey] {
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
