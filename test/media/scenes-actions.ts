import {setTimeout as delay} from 'node:timers/promises';
import {rateWindowMs} from '../../source/model/lag/catch-up.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {memberRow, type Scene} from './scene.ts';
import type {ScreenCapture, Stage} from './stage.ts';
import {throttle} from '../../source/demo/throttle.ts';
import {putEntries, quietFollower} from '../../source/demo/scenario-steps.ts';

function learnerName(stage: Stage): string {
	const learner = stage.cluster.members.find(member => member.isLearner);
	if (learner === undefined) {
		throw new Error('the media cluster has no learner');
	}

	return learner.name;
}

/**
 * Separate puts the learner misses while stopped, each a raft entry it then has to catch up on; big
 * enough that a learner held to 3% of the CPU takes seconds over them.
 */
const missed = {entries: 2000, valueBytes: 24_000};

export const lagScene: Scene = {
	name: 'lag-catching-up',
	caption: 'Lag pane',
	async play(stage, shoot) {
		const learner = learnerName(stage);
		await stage.showPane('lag');
		await stage.waitForScreen(`${learner} in sync`, screen => memberRow(screen, learner)?.includes('ready to promote') === true, 30_000);
		stage.cluster.signal(learner, 'SIGSTOP');
		const stoppedAt = Date.now();
		let slow: ReturnType<typeof throttle> | undefined;
		try {
			await putEntries(stage.cluster, '/main/audit/', missed.entries, missed.valueBytes);
			// The catch-up rate compares with the oldest lag known in its window: once the window holds
			// none from before the stop, the rate is the catch-up's own.
			await delay(Math.max(0, stoppedAt + rateWindowMs + 1000 - Date.now()));
			// Resumed at full speed it would catch up between two refreshes; starved of CPU it takes seconds.
			slow = throttle(stage.cluster, learner, {runMs: 6, pauseMs: 194});
			await shoot(await lastCatchingUp(stage, learner));
		} finally {
			await slow?.release();
			stage.cluster.signal(learner, 'SIGCONT');
		}
	},
};

/**
 * The last screen whose `learner` row reads a raft lag, a catch-up rate and the same lag in its
 * readiness ("1,415  1,938  807/s  2s  1,415 entries behind, catching up…"), once it has caught up:
 * the chart then has the most of its way down. A frame drawn between a refresh and the lag history
 * taking it in shows the new lag beside the old readiness, and a starved learner sometimes misses a
 * refresh's deadline (its lag reads ? then): neither is kept.
 */
async function lastCatchingUp(stage: Stage, learner: string): Promise<ScreenCapture> {
	const catchingUp = (capture: ScreenCapture) => {
		const row = memberRow(capture.text, learner) ?? '';
		const column = /\s([\d,]+)\s+[\d,]+\s+[\d.,]+\/s\s/u.exec(row)?.[1];
		const readiness = /([\d,]+) entr(?:y|ies) behind, catching up/u.exec(row)?.[1];
		return column !== undefined && column === readiness && column !== '0';
	};
	let last: ScreenCapture | undefined;
	await waitFor(`${learner} to catch up`, async () => {
		const capture = await stage.capture();
		if (catchingUp(capture)) {
			last = capture;
			return undefined;
		}

		return last !== undefined && !memberRow(capture.text, learner)?.includes('catching up') ? true : undefined;
	}, {timeoutMs: 60_000, intervalMs: 50});
	return last!;
}

export const promoteScene: Scene = {
	name: 'promote-confirm',
	caption: 'Promote confirmation',
	async play(stage, shoot) {
		const learner = learnerName(stage);
		await stage.showPane('lag');
		await stage.waitForScreen(`${learner} ready to promote`, screen => memberRow(screen, learner)?.includes('ready to promote') === true, 60_000);
		await stage.selectMember(learner);
		await stage.press('promote');
		await stage.waitForScreen('the promote confirmation', screen => screen.includes('member promote'));
		await shoot();
		await stage.press('cancel', 'confirm');
		await stage.waitForScreen('the confirmation to close', screen => !screen.includes('member promote'));
		const members = await stage.cluster.etcdctl(['member', 'list']);
		if (!members.split('\n').some(line => line.includes(`, ${learner}, `) && line.trim().endsWith(', true'))) {
			throw new Error(`${learner} should still be a learner after cancelling:\n${members}`);
		}
	},
};

/** The job line mid-stream: "████░░ 12.3 MB of 31.2 MB (39%), …", not yet verifying. */
function streamingShare(screen: string): number | undefined {
	const match = /[█░]+ [\d.]+ [kMG]B of [\d.]+ [kMG]B \((\d+)%\)/u.exec(screen);
	return match === null ? undefined : Number(match[1]);
}

export const snapshotScene: Scene = {
	name: 'snapshot-progress',
	caption: 'Snapshot in progress',
	async play(stage, shoot) {
		await stage.showPane('members');
		// A fast machine may stream the whole database between two looks at the screen: try again then.
		for (let attempt = 1; attempt <= 5; attempt++) {
			await stage.press('snapshot');
			await stage.waitForScreen('the snapshot form', screen => screen.includes('Save a snapshot'));
			await stage.press('snapshot-save', 'snapshot-form');
			const seen = await stage.waitForScreen('the snapshot streaming, or done', screen => {
				const share = streamingShare(screen);
				return (share !== undefined && share >= 15 && share <= 85) || screen.includes('Saved and verified');
			}, 60_000);
			const caught = !seen.includes('Saved and verified');
			if (caught) {
				await shoot();
			}

			await stage.waitForScreen('the snapshot saved and verified', screen => screen.includes('Saved and verified'), 120_000);
			await stage.press('snapshot-dismiss', 'snapshot-job');
			await stage.waitForScreen('the snapshot box to close', screen => !screen.includes('Saved and verified'));
			if (caught) {
				return;
			}
		}

		throw new Error('every snapshot finished before the screen showed it streaming: seed more data');
	},
};

export const logsScene: Scene = {
	name: 'logs-warnings',
	caption: 'Logs pane',
	async play(stage, shoot) {
		await stage.showPane('logs');
		await stage.waitForScreen('the tail of etcd\'s log', screen => /follow on · [\d,]+ lines · tailing/u.test(screen));
		const victim = (await quietFollower(stage.cluster, stage.cluster.member(stage.loggedMember))).name;
		stage.cluster.signal(victim, 'SIGSTOP');
		try {
			await stage.waitForScreen(`the prober's warning naming ${victim}`, screen => screen.includes(`▲ peer ${victim}`) && screen.includes('unhealthy'), 60_000);
			await shoot();
		} finally {
			stage.cluster.signal(victim, 'SIGCONT');
		}
	},
};
