import type {PasswordTerminal} from '../config/password-prompt.ts';
import type {Settings} from '../config/settings.ts';

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
