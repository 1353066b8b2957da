import {trickle} from '../../source/demo/scenario-steps.ts';
import {memberRow, type Scene} from './scene.ts';
import type {Stage} from './stage.ts';

export const overviewScene: Scene = {
	name: 'overview',
	caption: 'Members pane',
	async play(stage, shoot) {
		await stage.showPane('members');
		await stage.waitForScreen('every member started, the voters healthy', screen =>
			stage.cluster.members.every(member => memberRow(screen, member.name)?.includes('started') === true) && screen.includes(`healthy ${stage.cluster.voterEndpoints.length}/`));
		await shoot();
	},
};

export const endpointsScene: Scene = {
	name: 'endpoints',
	caption: 'Endpoints pane',
	async play(stage, shoot) {
		await stage.showPane('endpoints');
		await stage.waitForScreen('every endpoint with its database size', screen =>
			stage.cluster.endpoints.every(endpoint => screen.split('\n').some(line => line.includes(` ${endpoint} `) && / [kMG]B /.test(line))));
		await shoot();
	},
};

/** A health row with a figure in each latency column (FSYNC, COMMIT, RTT p99), none "-". */
function hasLatencies(row: string | undefined): boolean {
	const latency = String.raw`\d+(?:\.\d+)?(?:µs|ms|s)`;
	return row !== undefined && new RegExp(String.raw`\s${latency}\s+${latency}\s+${latency}\s`, 'u').test(row);
}

/** How many sparkline characters the detail line starting with `label` has. */
function trendLength(screen: string, label: string): number {
	const line = screen.split('\n').find(candidate => candidate.startsWith(label)) ?? '';
	return [...line].filter(character => character >= '▁' && character <= '█').length;
}

export const healthScene: Scene = {
	name: 'health',
	caption: 'Health pane',
	async play(stage, shoot) {
		const writes = trickle(stage.cluster, '/main/heartbeat', 100);
		try {
			await stage.showPane('health');
			// Until the selected member's fsync trend has some history to draw.
			await stage.waitForScreen('every member\'s fsync, commit and round-trip p99, and an fsync trend', screen =>
				stage.cluster.members.every(member => hasLatencies(memberRow(screen, member.name))) && trendLength(screen, 'WAL fsync') >= 20, 90_000);
			await shoot();
		} finally {
			await writes.stop();
		}
	},
};

export const helpScene: Scene = {
	name: 'help',
	caption: 'Help overlay',
	async play(stage, shoot) {
		await stage.press('toggle-help');
		await stage.waitForScreen('the help overlay', screen => screen.includes('etcdeck keys'));
		await shoot();
		await stage.press('close', 'help');
		await stage.waitForScreen('the help to close', screen => !screen.includes('etcdeck keys'));
	},
};

/** A persistent query's configuration among the demo keys: a JSON value with a nested object. */
const jsonKeyPrefix = '/main/pq/';

/** Jumps the Keys pane to `prefix` by its / line, and waits for the level's rows. */
async function jumpTo(stage: Stage, prefix: string): Promise<void> {
	await stage.showPane('keys');
	await stage.waitForScreen('the Keys pane\'s list', screen => screen.includes('Enter open'));
	const list = await stage.terminal.screen();
	await stage.press('keys-prompt-open', 'keys');
	await stage.waitForScreen('the / line', screen => screen !== list);
	// Typed text, not a key of the keymap: the prefix to jump to.
	await stage.pressChord({input: prefix});
	await stage.waitForScreen(`${prefix} typed`, screen => screen.includes(prefix));
	await stage.press('keys-prompt-apply', 'keys-prompt');
	// The breadcrumb line reads "/ › main/ › pq/" once the level is shown.
	const breadcrumb = ['/', ...prefix.split('/').filter(part => part !== '').map(part => `${part}/`)].join(' › ');
	await stage.waitForScreen(`the keys under ${prefix}, read and counted`, screen => {
		const lines = screen.split('\n');
		const countsLoading = lines.some(line => /^[› ] /u.test(line) && line.trimEnd().endsWith('…'));
		return lines.some(line => line.trimEnd() === breadcrumb) && /row [\d,]+ (of [\d,]+|· [\d,]+ read)/u.test(screen) && !screen.includes('reading…') && !countsLoading;
	});
}

export const keyLevelsScene: Scene = {
	name: 'keys-levels',
	caption: 'Keys pane, a level',
	async play(stage, shoot) {
		await jumpTo(stage, '/main/');
		await shoot();
	},
};

export const keysScene: Scene = {
	name: 'keys-json',
	caption: 'Keys pane, a JSON value',
	async play(stage, shoot) {
		await jumpTo(stage, jsonKeyPrefix);
		await stage.waitForScreen('the first persistent query', screen => /\b1700000000001\b/u.test(screen));
		await stage.press('keys-enter', 'keys');
		await stage.waitForScreen('the JSON value, pretty-printed', screen => screen.includes('"schedule"') && screen.includes('"timezone"'));
		await shoot();
		await stage.press('keys-up', 'keys');
		await stage.waitForScreen('the list again', screen => screen.includes('Enter open'));
	},
};
