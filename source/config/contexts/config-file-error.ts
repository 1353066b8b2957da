import {ConfigError} from '../settings.ts';

/** A problem in the config file: the message names the file, the line and the field. */
export class ConfigFileError extends ConfigError {
	override name = 'ConfigFileError';

	/** `where` names the context (`context "eqiad"`, or `contexts[2]` before its name is known). */
	constructor(readonly file: string, readonly line: number, readonly field: string | undefined, problem: string, where = '') {
		const subject = [where.trim(), field ?? ''].filter(part => part !== '').join(' ');
		super(`${file}:${line}: ${subject === '' ? '' : `${subject}: `}${problem}`);
	}
}

export const passwordRefusal = 'a password is never written in the config file (whoever reads the file, or a backup of it, would have it): name the variable that holds it with password-env, a file only you may read with password-file (mode 0600), or use client-dir';
