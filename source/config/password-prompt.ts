import {safeText} from '../model/shared/safe-text.ts';
import {resolveSettings, type RawOptions, type ResolveOptions} from './resolve-settings.ts';
import {ConfigError, PasswordNeeded, type Settings} from './settings.ts';

/** The operator left the password prompt (Ctrl-C, or Ctrl-D before typing anything). */
export class PromptCancelled extends Error {
	override name = 'PromptCancelled';
}

/** The terminal to ask on: stdin in raw mode for the keys, stderr for the prompt (stdout may be piped). */
export interface PasswordTerminal {
	input: NodeJS.ReadStream;
	output: {write(text: string): unknown};
}

/**
 * resolveSettings, asking for the password on the terminal when a user is named without one, as etcdctl
 * does. Without a terminal (stdin is not a TTY: cron, a pipe) that is a ConfigError saying where a
 * password can be given.
 */
export async function resolveSettingsAsking(flags: RawOptions, env: Record<string, string | undefined>, terminal: PasswordTerminal | undefined, options: ResolveOptions = {}): Promise<Settings> {
	try {
		return resolveSettings(flags, env, options);
	} catch (error) {
		if (!(error instanceof PasswordNeeded) || terminal === undefined) {
			throw error;
		}

		const password = await readPassword(terminal, `Password for etcd user ${safeText(error.username)}: `);
		if (password === '') {
			throw new ConfigError(`no password typed for user "${error.username}" (${error.origin})`);
		}

		// A typed password ranks as --password: the prompt only runs when no password was given anywhere.
		return resolveSettings({...flags, password}, env, options);
	}
}

/**
 * Reads a line from the terminal without echoing it: raw mode, so no character is shown, and the
 * keys read one by one (Backspace erases, Ctrl-U clears, Enter ends, Ctrl-C or an early Ctrl-D
 * cancels). The terminal is left as it was found.
 */
export async function readPassword(terminal: PasswordTerminal, prompt: string): Promise<string> {
	const {input, output} = terminal;
	const wasRaw = input.isRaw;
	// Echo off before the prompt shows: a password typed the moment it appears is never echoed.
	input.setRawMode(true);
	input.setEncoding('utf8');
	output.write(prompt);
	return new Promise((resolve, reject) => {
		let typed = '';
		const finish = (outcome: () => void) => {
			input.removeListener('data', onData);
			input.setRawMode(wasRaw);
			input.pause();
			output.write('\n');
			outcome();
		};

		const onData = (chunk: string) => {
			for (const character of chunk) {
				switch (character) {
					case '\r':
					case '\n': {
						finish(() => {
							resolve(typed);
						});
						return;
					}

					case '\u0003': {
						finish(() => {
							reject(new PromptCancelled('password prompt cancelled (Ctrl-C)'));
						});
						return;
					}

					case '\u0004': {
						if (typed === '') {
							finish(() => {
								reject(new PromptCancelled('password prompt cancelled (Ctrl-D)'));
							});
							return;
						}

						break;
					}

					case '\u007F':
					case '\b': {
						typed = [...typed].slice(0, -1).join('');
						break;
					}

					case '\u0015': {
						typed = '';
						break;
					}

					default: {
						// Other control characters (an arrow key's escape sequence) are not part of a password.
						if (character >= ' ' && character !== '\u007F') {
							typed += character;
						}
					}
				}
			}
		};

		input.on('data', onData);
		input.resume();
	});
}
