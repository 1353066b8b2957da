import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import type {LocalCluster} from '../../source/demo/local-cluster.ts';
import {logsKeymap} from '../../source/ui/logs/logs-keymap.ts';
import {chordBytes} from '../../source/ui/keymap/chord-bytes.ts';
import {chordFor, shellQuote} from '../support/tmux.ts';
import type {BenchSettings} from './bench-settings.ts';
import {showsEveryMember} from './bench-startup.ts';
import {repository, variantMeasure, type EtcdeckVariant, type EtcdeckVariants} from './etcdeck-variants.ts';
import {figure, targets, type Figure} from './figures.ts';
import {PtySession} from './pty-session.ts';
import {median, rounded} from './stats.ts';

const section = '5. Keystroke latency';
const generator = path.join(import.meta.dirname, 'log-generator.ts');
/** The Logs pane's follow state, as its status line words it. */
const following = 'follow on';
const paused = 'paused';
/** A quiet log for the baseline: the pane still shows lines and its status line. */
const quietRate = 1;

function toggleFollowKey(): string {
	const binding = logsKeymap.find(candidate => candidate.command === 'logs-follow');
	if (binding === undefined) {
		throw new Error('the Logs pane has no key for toggle-follow');
	}

	return chordBytes(binding.chords[0]!);
}

/** The newest "benchmark line N of SOURCE" on screen, by source. */
function newestLines(screen: string): Map<string, number> {
	const newest = new Map<string, number>();
	for (const match of screen.matchAll(/benchmark line (\d+) of (\S+)/g)) {
		newest.set(match[2]!, Math.max(Number(match[1]), newest.get(match[2]!) ?? 0));
	}

	return newest;
}

/**
 * The pty relay's own round trip: a byte through script into a raw terminal, echoed by cat, and back.
 * It is part of every latency measured through script, so it is taken off them.
 */
async function relayRoundTrip(samples: number): Promise<number[]> {
	const session = PtySession.start('cat', [], {stty: 'raw -echo', cwd: repository});
	try {
		// Time for stty to run before the first byte, so cat (not the terminal) echoes every one.
		await delay(300);
		const ready = session.press('.');
		await session.raw('cat to echo', '.', {after: ready});
		const times: number[] = [];
		for (let index = 0; index < samples; index++) {
			const letter = String.fromCharCode(97 + (index % 26));
			const pressed = session.press(letter);
			const echoed = await session.raw(`the echo of ${letter}`, letter, {after: pressed});
			times.push(echoed - pressed);
			await delay(20);
		}

		return times;
	} finally {
		await session.stop();
	}
}

interface KeystrokeRun {
	/** Key press to the frame showing its effect, each press, less nothing. */
	latencies: number[];
	/** Lines a second that reached the screen while keys were pressed. */
	linesPerSecond: number | undefined;
}

/**
 * etcdeck with a tail per member (a --log-command template with {name}), `rate` lines a second from
 * them all, in its Logs pane: `f` pressed again and again, each time to the frame that shows it.
 */
async function pressesUnderLog(variant: EtcdeckVariant, cluster: LocalCluster, rate: number, presses: number): Promise<KeystrokeRun> {
	const names = cluster.members.map(member => member.name);
	const perSource = rate / names.length;
	const logCommand = `${[process.execPath, '--import', 'tsx', generator, String(perSource)].map(word => shellQuote(word)).join(' ')} {name}`;
	const session = PtySession.start(variant.command, [...variant.commandArgs, '--endpoints', cluster.endpoints[0]!, '--log-command', logCommand], {cwd: repository, env: variant.env});
	try {
		await session.frame('the dashboard', text => showsEveryMember(text, names));
		const shown = session.press(chordBytes(chordFor('logs')));
		await session.frame('log lines in the Logs pane, following', text => text.includes(following) && newestLines(text).size > 0, {after: shown, timeoutMs: 30_000});
		// Every source's lines, merged: the figure is for all of them at once, not for whichever came first.
		await session.frame(`lines of every source (${names.join(', ')})`, text => names.every(name => newestLines(text).has(name)), {timeoutMs: 30_000});
		await delay(2000);
		const firstSeen = session.frames.lastFrame!;
		const toggle = toggleFollowKey();
		const latencies: number[] = [];
		for (let index = 0; index < presses; index++) {
			const pressed = session.press(toggle);
			const changed = await session.frame(`"${paused}" after f`, text => text.includes(paused), {after: pressed});
			latencies.push(changed.at - pressed);
			// Presses fall anywhere in Ink's frame rhythm, not in step with it.
			await delay(60 + (Math.random() * 120));
			const again = session.press(toggle);
			const back = await session.frame(`"${following}" after f`, text => text.includes(following) && !text.includes(paused), {after: again});
			latencies.push(back.at - again);
			await delay(60 + (Math.random() * 120));
		}

		const lastSeen = session.frames.lastFrame!;
		const first = newestLines(firstSeen.text);
		const lines = [...newestLines(lastSeen.text)].reduce((sum, [name, newest]) => sum + (first.has(name) ? newest - first.get(name)! : 0), 0);
		const seconds = (lastSeen.at - firstSeen.at) / 1000;
		return {latencies, linesPerSecond: seconds > 0 && lines > 0 ? lines / seconds : undefined};
	} finally {
		await session.stop();
	}
}

export interface KeystrokeDetails {
	relayRoundTripMs: number[];
	variants: Array<{label: string; flood: KeystrokeRun; quiet: KeystrokeRun}>;
}

/**
 * From a key press to the frame that shows it, while the Logs pane takes `logRate` lines a second in
 * all from a generator per member (a --log-command template with {name}: three sources on three members); beside it the same key with a quiet log. The key is the pane's follow
 * toggle (its status line flips between "follow on" and "paused"), pressed both ways. Frames are read
 * from the pty's output stream as it arrives (no screen polling), and the pty relay's own round trip
 * (measured with cat) is taken off every press. etcdeck as installed, and from the sources via tsx beside it.
 */
export async function benchKeystroke(cluster: LocalCluster, settings: BenchSettings, etcdeck: EtcdeckVariants): Promise<{figures: Figure[]; details: KeystrokeDetails}> {
	const relay = await relayRoundTrip(20);
	const relayMedian = median(relay);
	const presses = Math.max(1, Math.round(settings.keystrokes / 2));
	const corrected = (run: KeystrokeRun) => run.latencies.map(latency => Math.max(0, latency - relayMedian));
	const figures: Figure[] = [];
	const details: KeystrokeDetails = {relayRoundTripMs: relay, variants: []};
	const sources = cluster.members.length;
	for (const variant of [etcdeck.shipped, ...(etcdeck.bundle === undefined ? [] : [etcdeck.bundle])]) {
		const quiet = await pressesUnderLog(variant, cluster, quietRate, presses);
		const flood = await pressesUnderLog(variant, cluster, settings.logRate, presses);
		details.variants.push({label: variant.label, flood, quiet});
		const delivered = flood.linesPerSecond === undefined ? 'unknown' : `${Math.round(flood.linesPerSecond)}`;
		figures.push(figure({
			section,
			measure: variantMeasure(variant, `key press → screen, ${sources} log sources, ${settings.logRate} lines/s in all`),
			unit: 'ms',
			etcdeck: corrected(flood),
			alternative: {label: `the same key with ${quietRate} log line/s (etcdeck's own baseline)`, runs: corrected(quiet)},
			withRatio: false,
			...(variant.aside ? {} : {target: targets.atMost(50, 'ms')}),
			note: `${variant.label}; medians less the pty relay's own round trip (${rounded(relayMedian, 2)} ms, a byte echoed by cat through script); uncorrected median ${rounded(median(flood.latencies))} ms; a tail per member from --log-command "… {name}", ${Math.round(settings.logRate / sources)} lines/s each; log lines that reached the screen (all sources): ${delivered}/s; the key is the Logs pane's follow toggle, ${flood.latencies.length} presses`,
		}));
	}

	return {figures, details};
}
