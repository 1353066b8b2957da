import {PromptCancelled, type PasswordTerminal} from '../config/password-prompt.ts';
import {ConfigError, type Settings} from '../config/settings.ts';
import {printLines} from './print.ts';

/** What a headless command writes to and reads from: the process's, or a test's. */
export interface CommandIo {
	stdout: {write(text: string): unknown};
	stderr: {write(text: string): unknown; isTTY?: boolean};
	env: Record<string, string | undefined>;
	cwd: string;
	/** Where to ask for a password when a user is named without one; undefined: stdin is no terminal. */
	terminal?: PasswordTerminal;
	/** Called once the settings are read (the CLI hides a password from the process list then). */
	onSettings?: (settings: Settings) => void;
}

/** A headless command said no before changing anything: the message, and detail lines (one per member) under it. */
export class Refusal extends Error {
	constructor(message: string, readonly details: readonly string[] = []) {
		super(message);
	}
}

/** A shell's code for a command the operator stopped at the password prompt (Ctrl-C, Ctrl-D). */
const promptCancelledCode = 130;

/**
 * Runs a headless command and turns what stops it early into its message on stderr and its exit code:
 * a refusal or a settings mistake → `refusedCode`, a cancelled password prompt → 130. Anything else
 * is a bug and is thrown on.
 */
export async function reportRefusals(io: Pick<CommandIo, 'stderr'>, refusedCode: number, run: () => Promise<number>): Promise<number> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof PromptCancelled) {
			printLines(io.stderr, [`etcdeck: ${error.message}`]);
			return promptCancelledCode;
		}

		if (error instanceof Refusal || error instanceof ConfigError) {
			const details = error instanceof Refusal ? error.details : [];
			printLines(io.stderr, [`etcdeck: ${error.message}`, ...details.map(detail => `  ${detail}`)]);
			return refusedCode;
		}

		throw error;
	}
}
