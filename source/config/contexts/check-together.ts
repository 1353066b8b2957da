import {ConfigFileError} from './config-file-error.ts';
import {contextFields, type ContextFieldKey} from './context-fields.ts';
import type {ContextValues} from './context-spec.ts';

/** Rules between fields, checked where the later field was written. */
export function checkTogether(values: ContextValues, lines: Partial<Record<ContextFieldKey, number>>, file: string, contextLine: number, where: string): void {
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
