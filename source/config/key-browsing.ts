import {keyTextProblem} from '../model/shared/key-text.ts';
import {ConfigError} from './settings.ts';

/** Where the Keys pane starts (--prefix; undefined: found from the keys) and what splits levels (--separator). */
export interface KeyBrowsing {
	prefix: string | undefined;
	separator: string;
}

export function resolveKeyBrowsing(flags: {prefix?: string; separator?: string}): KeyBrowsing {
	const separator = flags.separator ?? '/';
	if (separator === '') {
		throw new ConfigError('--separator is empty: give the character that splits key levels, e.g. --separator /');
	}

	const problem = flags.prefix === undefined ? undefined : keyTextProblem(flags.prefix);
	if (problem !== undefined) {
		throw new ConfigError(`--prefix: ${problem}`);
	}

	return {prefix: flags.prefix, separator};
}
