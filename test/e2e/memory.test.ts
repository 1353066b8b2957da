import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {LocalCluster} from '../../source/demo/local-cluster.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {panes} from '../../source/ui/app/keymap.ts';
import {launchEtcdeck, residentKib} from '../support/etcdeck-in-terminal.ts';
import {KeyWriter} from '../support/key-writer.ts';
import {gcOnSignalNodeOptions} from '../support/gc-on-signal.ts';
import {buildCommand} from '../../scripts/build-bundle.ts';
import {chordFor, shellQuote, TmuxTerminal} from '../support/tmux.ts';

/**
 * etcdeck as installed (the bundle npm pack builds, started through its launcher) left running on a
 * cluster that takes writes, its Logs pane fed a few hundred lines a second, the panes shown in turn:
 * what it holds at the end must be within 20% of what it held once warmed up (the log ring full, every
 * pane drawn). `npm test` runs 90 seconds against the figure after 30; ETCDECK_SOAK=1 runs the
 * ten-minute soak against the figure after the first minute.
 *
 * "Holds" is RSS from /proc/PID/status right after a full garbage collection, which the test asks of
 * etcdeck through a SIGUSR2 handler preloaded by NODE_OPTIONS (test/support/gc-on-signal.ts): on a
 * machine with memory to spare V8 lets hundreds of megabytes of garbage pile up before it collects, so
 * raw RSS mostly says how lazy the collector was. Raw RSS is sampled and printed too.
 */
const soak = process.env['ETCDECK_SOAK'] === '1';
const runMs = soak ? 600_000 : 90_000;
const warmMs = soak ? 60_000 : 30_000;
const sampleEveryMs = soak ? 10_000 : 5000;
const logLinesPerSecond = 300;
const allowedGrowth = 0.2;

const generator = fileURLToPath(new URL('../support/log-generator.ts', import.meta.url));
let installed: string;
let etcd: LocalCluster | undefined;
let terminal: TmuxTerminal | undefined;
let writer: KeyWriter | undefined;
let scratch: string;
let memoryFile: string;

before(async () => {
	// The installed command, built from these sources as npm pack builds it: what operators leave running.
	installed = await buildCommand();
	scratch = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-e2e-memory-'));
	memoryFile = path.join(scratch, 'after-gc.jsonl');
	etcd = await LocalCluster.start({voters: 3});
	writer = KeyWriter.start(etcd.endpoints, {prefix: '/e2e/memory/', intervalMs: 20});
	terminal = await TmuxTerminal.start({
		columns: 120,
		rows: 30,
		env: {NODE_OPTIONS: gcOnSignalNodeOptions, ETCDECK_TEST_MEMORY_FILE: memoryFile},
	});
}, {timeout: 60_000});

after(async () => {
	await writer?.stop();
	await terminal?.stop();
	await etcd?.stop();
	rmSync(scratch, {recursive: true, force: true});
});

interface AfterCollection {
	atMs: number;
	rssKib: number;
	heapUsed: number;
	heapTotal: number;
	external: number;
}

/** Asks etcdeck for a full collection and reads its RSS once that is done. */
async function collected(pid: number, started: number): Promise<AfterCollection> {
	const lines = () => (existsSync(memoryFile) ? readFileSync(memoryFile, 'utf8').trim().split('\n').filter(line => line !== '') : []);
	const before = lines().length;
	process.kill(pid, 'SIGUSR2');
	const line = await waitFor('etcdeck to report after a full collection', () => lines()[before], {timeoutMs: 10_000, intervalMs: 50});
	const {rssKib, heapUsed, heapTotal, external} = JSON.parse(line) as Omit<AfterCollection, 'atMs'>;
	return {atMs: Date.now() - started, rssKib, heapUsed, heapTotal, external};
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

void test(`RSS after ${runMs / 1000} s stays within ${allowedGrowth * 100}% of RSS after ${warmMs / 1000} s, with writes and ${logLinesPerSecond} log lines/s`, {timeout: runMs + 120_000}, async t => {
	const screen = terminal!;
	const cluster = etcd!;
	const logCommand = `${shellQuote(process.execPath)} --import tsx ${shellQuote(generator)} ${logLinesPerSecond}`;
	const run = await launchEtcdeck(screen, ['--endpoints', cluster.endpoints[0]!, '--refresh', '500', '--log-command', logCommand], scratch, {program: installed});
	try {
		await screen.waitForScreen('every member', text => cluster.members.every(member => text.includes(` ${member.name} `)));
		const started = Date.now();
		const raw: Array<{atMs: number; kib: number}> = [];
		let nextSample = started + sampleEveryMs;
		let warm: AfterCollection | undefined;
		let pane = 0;
		while (Date.now() - started < runMs) {
			// The Logs pane every other turn (it renders every batch of lines), each other pane in between.
			const shown = pane % 2 === 0 ? 'logs' : panes[Math.floor(pane / 2) % panes.length]!.id;
			pane += 1;
			await screen.press(chordFor(shown));
			await new Promise(resolve => {
				setTimeout(resolve, 2000);
			});
			if (Date.now() >= nextSample) {
				raw.push({atMs: Date.now() - started, kib: residentKib(run.pid)});
				nextSample += sampleEveryMs;
			}

			if (warm === undefined && Date.now() - started >= warmMs) {
				warm = await collected(run.pid, started);
			}
		}

		const end = await collected(run.pid, started);
		assert.ok(warm, 'measured once warmed up');
		const at = (sample: {atMs: number}) => `${Math.round(sample.atMs / 1000)} s`;
		const figures = `after a full collection: RSS ${mib(warm.rssKib * 1024)} MiB at ${at(warm)}, ${mib(end.rssKib * 1024)} MiB at ${at(end)} `
			+ `(${(((end.rssKib / warm.rssKib) - 1) * 100).toFixed(1)}%), heap used ${mib(warm.heapUsed)} → ${mib(end.heapUsed)} MiB of ${mib(warm.heapTotal)} → ${mib(end.heapTotal)}, external ${mib(warm.external)} → ${mib(end.external)} MiB; `
			+ `raw RSS (s: MiB) ${raw.map(sample => `${Math.round(sample.atMs / 1000)}: ${mib(sample.kib * 1024)}`).join(', ')}; writer ${writer!.written} puts, ${writer!.failed} failed`;
		t.diagnostic(figures);
		console.log(`memory: ${figures}`);
		assert.ok(end.rssKib <= warm.rssKib * (1 + allowedGrowth), figures);

		await screen.press(chordFor('logs'));
		await screen.waitForScreen('the log ring full, older lines dropped', text => /· 5,000 lines \([\d,]+ older dropped\)/.test(text));
		await screen.press(chordFor('quit'));
		assert.equal(await run.exitCode(), 0);
	} finally {
		await run.stop();
	}
});
