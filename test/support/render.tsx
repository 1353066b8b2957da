import type {ClusterContext} from '../../source/ui/fleet/context-commands.ts';
import React from 'react';
import {setImmediate, setTimeout as delay} from 'node:timers/promises';
import {stripVTControlCharacters} from 'node:util';
import chalk from 'chalk';
import {render} from 'ink-testing-library';
import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import type {ReadingSource} from '../../source/cluster/reading-poller.ts';
import type {SaveSnapshot} from '../../source/backup/dashboard-saver.ts';
import type {DrillSnapshot} from '../../source/backup/dashboard-driller.ts';
import type {KeyBrowserSource} from '../../source/hooks/use-key-browser.ts';
import type {LogTailSource} from '../../source/hooks/use-log-tail.ts';
import type {MetricsRound} from '../../source/metrics/etcd-metrics.ts';
import type {MemberActionResult} from '../../source/cluster/member-action-result.ts';
import {App} from '../../source/ui/app/App.tsx';
import type {MemberActions} from '../../source/hooks/dashboard-services.ts';
import type {MembershipActions} from '../../source/hooks/use-membership.ts';
import {keymap, type CommandId, type KeyScope} from '../../source/ui/app/keymap.ts';
import {chordBytes} from '../../source/ui/keymap/chord-bytes.ts';
import {FixtureSource, fixtureQuotaBytes} from './reading-fixtures.ts';

// Ink colours what it draws only where chalk finds a colour terminal, and a test runner's output is a
// pipe in CI: every component test draws as on a 16-colour terminal, wherever it runs.
chalk.level = 1;

export interface TerminalSize {
	columns: number;
	rows: number;
}

/**
 * The sizes the dashboard is tested at. ink-testing-library's fake stdout is 100 columns wide and has
 * no rows, so App gets its size as props, as Root would hand it down.
 */
export const sizes = {
	roomy: {columns: 100, rows: 30},
	/** The smallest size the dashboard draws itself at (TooSmall's minimum). */
	minimum: {columns: 80, rows: 24},
} as const satisfies Record<string, TerminalSize>;

/**
 * Frames as text. Whether Ink's output carries colour codes depends on the terminal the test runner
 * itself runs in (node --test sets FORCE_COLOR for its children on a colour terminal only), so
 * assertions read frames without them.
 */
export function plain(frame: string | undefined): string {
	return stripVTControlCharacters(frame ?? '');
}

/** The lines of a plain frame, without the trailing newline, exactly as drawn. */
export function rawLinesOf(frame: string | undefined): string[] {
	return plain(frame).replace(/\n+$/, '').split('\n');
}

/** DataTable's selection marker column: "› " on the selected row, two spaces on the others and the titles. */
const markerColumn = /^(› | {2})/;

/**
 * The lines of a plain frame, with DataTable's two-cell selection marker column taken off, so tests
 * read table lines as etcdctl would print them. Tests of the marker itself use rawLinesOf.
 */
export function linesOf(frame: string | undefined): string[] {
	return rawLinesOf(frame).map(line => line.replace(markerColumn, ''));
}

/** Width in terminal cells; every character etcdeck draws (…, ↓, ▲, ✖, box corners) is one cell wide. */
export function cells(line: string): number {
	return [...stripVTControlCharacters(line)].length;
}

export interface RenderAppOptions {
	/** Where snapshots come from; defaults to a source that always returns `snapshot`. */
	source?: ReadingSource<ClusterReading>;
	snapshot?: ClusterReading;
	initialReading?: ClusterReading;
	size?: TerminalSize;
	/** Long by default, so a test sees exactly the refreshes it asks for. */
	refreshMs?: number;
	quotaBytes?: number;
	/** Where promote and move-leader go; by default a RecordedActions that answers ok. */
	actions?: MemberActions;
	saveSnapshot?: SaveSnapshot;
	drillSnapshot?: DrillSnapshot;
	snapshotDir?: string;
	/** The Logs pane's tail; by default one that never sends a line. */
	logSource?: LogTailSource;
	logLines?: number;
	metrics?: ReadingSource<MetricsRound>;
	keyBrowser?: KeyBrowserSource;
	readOnly?: boolean;
	onQuit?: () => void;
	/** Opened as a context of the fleet. */
	context?: ClusterContext;
	/** Member add and remove; without it the session offers none. */
	membership?: MembershipActions;
}

/** A log tail that never sends anything: the Logs pane stays on its starting status. */
const silentLogs: LogTailSource = {start: () => undefined, stop: () => undefined};

/** A key space that is never asked: the app tests do not open the Keys pane (test/ui/keys-pane and test/integration/keys-pane do). */
const noKeys: KeyBrowserSource = {
	defaultStartPrefix: () => Promise.reject(new Error('this test reads no keys')),
	page: () => Promise.reject(new Error('this test reads no keys')),
	count: () => Promise.reject(new Error('this test reads no keys')),
	get: () => Promise.reject(new Error('this test reads no keys')),
	watch: () => () => undefined,
	quorumRestored: () => undefined,
};

/** A drill for tests that drill nothing: says so, if asked. */
const refuseDrills: DrillSnapshot = () => Promise.reject(new Error('this test drills no snapshots'));

/** A snapshot saver for tests that do not save: says so, if asked. */
const refuseSnapshots: SaveSnapshot = () => Promise.reject(new Error('this test saves no snapshots'));

/**
 * Member actions for component tests: records each request and answers with `answer`. (Tests of the
 * real requests run against a real cluster, in test/integration and test/e2e.)
 */
export class RecordedActions implements MemberActions {
	readonly calls: Array<{action: 'promote' | 'move-leader'; memberId: string}> = [];
	constructor(private readonly answer: (action: 'promote' | 'move-leader', memberId: string) => MemberActionResult = () => ({ok: true, message: 'done', sentTo: 'http://10.0.0.1:2379', leaderBefore: undefined, leaderAfter: undefined})) {}

	promote(memberId: string): Promise<MemberActionResult> {
		this.calls.push({action: 'promote', memberId});
		return Promise.resolve(this.answer('promote', memberId));
	}

	moveLeader(memberId: string): Promise<MemberActionResult> {
		this.calls.push({action: 'move-leader', memberId});
		return Promise.resolve(this.answer('move-leader', memberId));
	}
}

export type RenderedApp = ReturnType<typeof render> & {
	size: TerminalSize;
	/** The last frame without colour codes. */
	frame: () => string;
	/** The last frame's lines, without colour codes. */
	lines: () => string[];
	/**
	 * Presses the key bound to `command` (see {@link press}) and waits until Ink has drawn the frame
	 * that follows, so the next key acts on it. For keys that change the app's state: a key that
	 * changes nothing draws nothing, and this times out.
	 */
	press: (command: CommandId, chord?: number) => Promise<void>;
	/** Writes `sequence` to stdin and waits for the frame that follows, as `press` does. */
	send: (sequence: string) => Promise<void>;
};

/** Renders the dashboard at a fixed size (100x30 unless told) from fixture snapshots. Unmount it when done. */
export function renderApp(options: RenderAppOptions = {}): RenderedApp {
	const size = options.size ?? sizes.roomy;
	const source = options.source ?? (options.snapshot === undefined ? undefined : new FixtureSource(options.snapshot));
	if (source === undefined) {
		throw new Error('renderApp needs a source or a snapshot');
	}

	const rendered = render(
		<App
			services={{
				cluster: source,
				actions: options.actions ?? new RecordedActions(),
				saveSnapshot: options.saveSnapshot ?? refuseSnapshots,
				drillSnapshot: options.drillSnapshot ?? refuseDrills,
				logSource: options.logSource ?? silentLogs,
				metrics: options.metrics,
				keyBrowser: options.keyBrowser ?? noKeys,
				...(options.membership === undefined ? {} : {membership: options.membership}),
			}}
			snapshotDir={options.snapshotDir ?? '/backups'}
			logLines={options.logLines ?? 1000}
			keyBrowsing={{prefix: undefined, separator: '/'}}
			readOnly={options.readOnly}
			refreshMs={options.refreshMs ?? 60_000}
			quotaBytes={options.quotaBytes ?? fixtureQuotaBytes}
			columns={size.columns}
			rows={size.rows}
			initialReading={options.initialReading}
			onQuit={options.onQuit}
			context={options.context}
		/>,
	);
	const send = async (sequence: string) => {
		// Ink draws every render in debug mode, as ink-testing-library runs it, so a new frame means the key was handled.
		const before = rendered.frames.length;
		rendered.stdin.write(sequence);
		await waitFor(() => rendered.frames.length > before, 2000, `a frame after ${JSON.stringify(sequence)}`);
	};

	return {
		...rendered,
		size,
		frame: () => plain(rendered.lastFrame()),
		lines: () => linesOf(rendered.lastFrame()),
		press: async (command, chord = 0) => send(keyFor(command, chord)),
		send,
	};
}

/**
 * Polls `condition` until it holds: returns without throwing and does not return false. On the
 * deadline, throws the condition's last error (an assertion's message says what was wrong) or a
 * timeout error naming `what`.
 *
 * Once the condition holds, it also lets the immediates already queued run before returning. React
 * renders Ink's frames from its scheduler (setImmediate) and only afterwards, in a passive effect,
 * hands App's new input handler to Ink; a key written before then acts on the previous render's
 * state. So a frame that is right is not yet proof that the next key will act on it; that last yield
 * is. Wait for a change the key makes (RenderedApp.press waits for its frame), not for a frame that
 * was already right before the key.
 */
export async function waitFor(condition: () => boolean | void, timeoutMs = 2000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		let failure: Error | undefined;
		try {
			if (condition() !== false) {
				// Immediates run in the order they were queued: the render's passive effects first.
				await setImmediate();
				await setImmediate();
				return;
			}
		} catch (error) {
			failure = error instanceof Error ? error : new Error(String(error));
		}

		if (Date.now() >= deadline) {
			throw failure ?? new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		}

		await delay(10);
	}
}

/** The lines Ink drew inverse (the selected row, the current pane's tab), without colour codes. */
export function inverseLines(frame: string | undefined): string[] {
	return (frame ?? '').split('\n').filter(line => line.includes('\u001B[7m')).map(line => stripVTControlCharacters(line));
}

/** Every chord bound to `command` in `scope` (every scope unless told), as the terminal sends them. */
export function sequencesFor(command: CommandId, scope?: KeyScope): string[] {
	const bindings = keymap.filter(binding => binding.command === command && (scope === undefined || binding.scope === scope));
	if (bindings.length === 0) {
		throw new Error(`no key is bound to ${command}${scope === undefined ? '' : ` in scope ${scope}`}`);
	}

	return bindings.flatMap(binding => binding.chords.map(chord => chordBytes(chord)));
}

function keyFor(command: CommandId, chord: number): string {
	const sequence = sequencesFor(command)[chord];
	if (sequence === undefined) {
		throw new Error(`${command} has no chord number ${chord}`);
	}

	return sequence;
}

/**
 * Types the key bound to `command`, looked up in the keymap so tests never name key characters.
 * `chord` picks among the keys of a binding with several (↓ and j); the first by default.
 * Ink reads stdin asynchronously: waitFor the frame you expect afterwards (or use RenderedApp.press).
 */
export function press(stdin: {write: (data: string) => void}, command: CommandId, chord = 0): void {
	stdin.write(keyFor(command, chord));
}
