import {execFile} from 'node:child_process';
import {startForFile} from './for-file.ts';
import {rmSync} from 'node:fs';
import {randomBytes} from 'node:crypto';
import {promisify} from 'node:util';
import {pathWithEtcdBinDir} from '../../source/demo/etcd-binaries.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {keymap, type CommandId, type KeyScope} from '../../source/ui/app/keymap.ts';
import {chordBytes} from '../../source/ui/keymap/chord-bytes.ts';
import type {KeyChord} from '../../source/ui/keymap/key-chord.ts';

const run = promisify(execFile);

export interface TerminalOptions {
	columns?: number;
	rows?: number;
	/** Extra environment for the shell (and what it runs). */
	env?: Record<string, string>;
}

/**
 * A real terminal: a tmux server of its own (its own socket, so runs never collide) running a plain
 * shell at a fixed size. Tests type into it and read the screen as an operator would see it.
 */
export class TmuxTerminal {
	static async start({columns = 100, rows = 30, env = {}}: TerminalOptions = {}): Promise<TmuxTerminal> {
		const terminal = new TmuxTerminal(`etcdeck-test-${process.pid}-${randomBytes(3).toString('hex')}`);
		// bash sets its own PS1 unless it finds one in its environment at start: hand it over with env.
		// PATH starts with the etcd line's directory: what etcdeck runs in the shell finds that etcd's tools.
		const environment = Object.entries({PS1: '$ ', TERM: 'xterm-256color', PATH: pathWithEtcdBinDir(), ...env}).map(([name, value]) => `${name}=${shellQuote(value)}`);
		try {
			await terminal.tmux(['-f', '/dev/null', 'new-session', '-d', '-s', 'main', '-x', String(columns), '-y', String(rows), `env ${environment.join(' ')} bash --norc --noprofile -i`]);
			await terminal.waitForScreen('the shell prompt', screen => screen.startsWith('$'));
		} catch (error) {
			await terminal.stop();
			throw error;
		}

		return terminal;
	}

	private constructor(private readonly socket: string) {}

	private async tmux(args: string[]): Promise<string> {
		const {stdout} = await run('tmux', ['-L', this.socket, ...args]);
		return stdout;
	}

	/** Types a command line into the shell and presses Enter. */
	async type(line: string): Promise<void> {
		await this.tmux(['send-keys', '-t', 'main', '-l', line]);
		await this.tmux(['send-keys', '-t', 'main', 'Enter']);
	}

	/** Types text without Enter: into a line the program edits, whose Enter is a key of the keymap. */
	async write(text: string): Promise<void> {
		await this.tmux(['send-keys', '-t', 'main', '-l', text]);
	}

	/** Presses one key of the keymap, as the terminal would send it. */
	async press(chord: KeyChord): Promise<void> {
		// As bytes (-H): the very bytes the component tests write, which the decoder reads back as this chord.
		await this.tmux(['send-keys', '-t', 'main', '-H', ...[...Buffer.from(chordBytes(chord))].map(byte => byte.toString(16).padStart(2, '0'))]);
	}

	/** The visible screen, one string per line; with joinWrapped, a line the terminal wrapped is one again. */
	async screen({joinWrapped = false}: {joinWrapped?: boolean} = {}): Promise<string> {
		return this.tmux(['capture-pane', '-p', ...(joinWrapped ? ['-J'] : []), '-t', 'main']);
	}

	/** The visible screen with its colours and attributes as SGR escapes, for pictures of it (npm run media). */
	async colouredScreen(): Promise<string> {
		return this.tmux(['capture-pane', '-e', '-p', '-t', 'main']);
	}

	/** Whether the program in the terminal is on the alternate screen buffer. */
	async onAlternateScreen(): Promise<boolean> {
		return (await this.tmux(['display-message', '-p', '-t', 'main', '#{alternate_on}'])).trim() === '1';
	}

	/** Polls the screen until `check` accepts it; on the deadline, the error shows the last screen. */
	async waitForScreen(what: string, check: (screen: string) => boolean, timeoutMs = 15_000): Promise<string> {
		let last = '';
		try {
			return await waitFor(what, async () => {
				last = await this.screen();
				return check(last) ? last : undefined;
			}, {timeoutMs, intervalMs: 50});
		} catch (error) {
			throw new Error(`${(error as Error).message}\n--- last screen ---\n${last}`);
		}
	}

	/** Resizes the terminal, as an operator dragging the window would; the program gets SIGWINCH. */
	async resize(columns: number, rows: number): Promise<void> {
		await this.tmux(['resize-window', '-t', 'main', '-x', String(columns), '-y', String(rows)]);
	}

	/** Appends every byte the program writes to the terminal (not only what is left on screen) to `file`. */
	async recordOutput(file: string): Promise<void> {
		await this.tmux(['pipe-pane', '-t', 'main', '-o', `cat >> ${shellQuote(file)}`]);
	}

	/** Ends the tmux server and everything running in it. */
	async stop(): Promise<void> {
		const socket = (await this.tmux(['display-message', '-p', '#{socket_path}']).catch(() => '')).trim();
		await this.tmux(['kill-server']).catch(() => undefined);
		// A killed server leaves its socket file behind.
		if (socket !== '') {
			rmSync(socket, {force: true});
		}
	}
}

/** One word for a POSIX shell, whatever it holds. */
export function shellQuote(value: string): string {
	return `'${value.replaceAll("'", String.raw`'\''`)}'`;
}

/** The first key bound to `command` in `scope`, looked up in the keymap so tests never name key characters. */
export function chordFor(command: CommandId, scope: KeyScope = 'global'): KeyChord {
	const binding = keymap.find(candidate => candidate.scope === scope && candidate.command === command);
	if (binding?.chords[0] === undefined) {
		throw new Error(`no key is bound to ${command} in scope ${scope}`);
	}

	return binding.chords[0];
}

/** A real terminal started before the tests of a file and stopped after them. */
export function startTerminalForFile(options: TerminalOptions = {}): () => TmuxTerminal {
	return startForFile('terminal', async () => TmuxTerminal.start(options), async terminal => terminal.stop());
}
