import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import type {ActionLogEntry} from '../../source/model/actions/action-log.ts';
import {ActionLog} from '../../source/ui/actions/ActionLog.tsx';
import {cells, rawLinesOf} from '../support/render.tsx';
import {fixtureTakenAt} from '../support/reading-fixtures.ts';

const notInSync = 'etcdserver: can only promote a learner member which is in sync with leader';

function entry(seconds: number, overrides: Partial<ActionLogEntry> = {}): ActionLogEntry {
	return {
		at: fixtureTakenAt + (seconds * 1000),
		action: 'promote',
		target: 'etcd-4 (2f0fd4b3a5cb0e1a)',
		outcome: 'failed',
		message: notInSync,
		etcdctl: 'etcdctl --endpoints=http://10.0.0.1:2379 member promote 2f0fd4b3a5cb0e1a',
		...overrides,
	};
}

const moved = entry(30, {action: 'move-leader', target: 'etcd-2 (91bc3c398fb3c146)', outcome: 'succeeded', message: 'Leadership transferred from etcd-1 to etcd-2', etcdctl: 'etcdctl --endpoints=http://10.0.0.1:2379 move-leader 91bc3c398fb3c146'});

function draw(entries: ActionLogEntry[], width = 80, height = 20): string[] {
	const {lastFrame, unmount} = render(<ActionLog entries={entries} width={width} height={height} />);
	try {
		return rawLinesOf(lastFrame());
	} finally {
		unmount();
	}
}

/** The log's lines without its border. */
function inside(lines: string[]): string[] {
	return lines.slice(1, -1).map(line => line.replace(/^│ /, '').replace(/ *│$/, ''));
}

void test('each action shows time (UTC), action, member and outcome, what etcd said in full, and the etcdctl equivalent, newest first', () => {
	assert.deepEqual(inside(draw([entry(0), moved])), [
		'Action log (UTC, newest first)',
		'12:35:26  move-leader etcd-2 (91bc3c398fb3c146)  succeeded',
		'  Leadership transferred from etcd-1 to etcd-2',
		'  $ etcdctl --endpoints=http://10.0.0.1:2379 move-leader 91bc3c398fb3c146',
		'12:34:56  promote etcd-4 (2f0fd4b3a5cb0e1a)  failed',
		`  ${notInSync}`,
		'  $ etcdctl --endpoints=http://10.0.0.1:2379 member promote 2f0fd4b3a5cb0e1a',
	]);
});

void test('a message wider than the log wraps at spaces and is never cut', () => {
	const lines = draw([entry(0)], 50);
	assert.ok(lines.every(line => cells(line) <= 50), lines.join('\n'));
	const text = inside(lines).slice(2).map(line => line.trim()).join(' ');
	assert.ok(text.includes(notInSync), text);
});

void test('only the newest entries that fit are drawn, with a count of the earlier ones', () => {
	const entries = Array.from({length: 10}, (_, index) => entry(index, {outcome: 'cancelled', message: 'cancelled at the confirmation'}));
	// 13 lines: the border, the title, three entries of three lines and the count.
	const lines = draw(entries, 80, 13);
	assert.equal(lines.length, 13, lines.join('\n'));
	const body = inside(lines);
	assert.equal(body[1], '12:35:05  promote etcd-4 (2f0fd4b3a5cb0e1a)  cancelled');
	assert.equal(body.at(-1), '… 7 earlier actions');
	assert.equal(body.filter(line => line.includes('cancelled at the confirmation')).length, 3);
	assert.equal(draw(entries, 80, 12).length, 10, 'a line short: two entries and the count');
	assert.equal(draw(entries.slice(0, 3), 80, 12).length, 12, 'no count needed: all three fit');
});

void test('an empty log says no action was taken yet', () => {
	assert.deepEqual(inside(draw([])), ['Action log (UTC, newest first)', 'No action taken yet in this session.']);
});

void test('scrolled, the log says how many newer actions are above; filtered, it shows the matches and says so', () => {
	const entries = Array.from({length: 10}, (_, index) => entry(index, {outcome: index === 4 ? 'succeeded' : 'cancelled', message: `attempt ${index}`}));
	const {lastFrame, rerender, unmount} = render(<ActionLog entries={entries} width={80} height={13} offset={7} />);
	try {
		const scrolled = inside(rawLinesOf(lastFrame()));
		assert.equal(scrolled[1], '… 7 newer actions above');
		assert.equal(scrolled[2], '12:34:58  promote etcd-4 (2f0fd4b3a5cb0e1a)  cancelled');
		assert.ok(!scrolled.some(line => line.includes('earlier action')), scrolled.join('\n'));
		rerender(<ActionLog entries={entries} width={80} height={13} filter={{text: 'SUCCEEDED', draft: undefined}} />);
		const filtered = inside(rawLinesOf(lastFrame()));
		assert.equal(filtered[1], '/SUCCEEDED  1 of 10  (Esc clears)');
		assert.equal(filtered[2], '12:35:00  promote etcd-4 (2f0fd4b3a5cb0e1a)  succeeded');
		assert.equal(filtered[3], '  attempt 4');
		rerender(<ActionLog entries={entries} width={80} height={13} filter={{text: 'nothing like it', draft: undefined}} />);
		assert.ok(inside(rawLinesOf(lastFrame())).includes('No action matches the filter.'), lastFrame());
	} finally {
		unmount();
	}
});
