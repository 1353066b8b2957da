import React from 'react';
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import type {ReadConsistency} from '../../source/cluster/key-browser/key-types.ts';
import type {KeyBrowserSource} from '../../source/hooks/use-key-browser.ts';
import {rawLinesOf, waitFor} from '../support/render.tsx';
import {entries} from '../support/key-browser-fixtures.ts';
import {KeysProbe} from '../support/keys-probe.tsx';

afterEach(() => {
	cleanup();
});

const endpoint = 'http://10.0.0.3:2379';
const staleReason = `linearizable reads need quorum and failed (${endpoint}: no answer within 1500 ms): serializable reads from ${endpoint}, possibly stale`;

/**
 * Two keys under /app/, served as the key browser serves them: serializable and labelled stale while
 * `quorum.lost`, and (as the service does) still stale after quorum returns until told quorumRestored.
 */
function keySpace(quorum: {lost: boolean}) {
	let stale = false;
	const calls = {counts: 0, restored: 0};
	const served = (): ReadConsistency => {
		stale = quorum.lost || stale;
		return stale ? {mode: 'serializable', endpoint, reason: staleReason} : {mode: 'linearizable', endpoint};
	};

	const source: KeyBrowserSource = {
		defaultStartPrefix: () => Promise.resolve(Buffer.from('/')),
		page: () => Promise.resolve({ok: true, value: {entries: entries('/app/', ['a', 'b']), more: false}, read: served(), revision: '10'}),
		count() {
			calls.counts++;
			return Promise.resolve({ok: true, value: 2, read: served(), revision: '10'});
		},
		get: () => Promise.resolve({ok: true, value: undefined, read: served(), revision: '10'}),
		watch: () => () => undefined,
		quorumRestored() {
			calls.restored++;
			stale = false;
		},
	};
	return {source, calls};
}

void test('the Keys pane\'s STALE label follows quorum by itself: set when it is lost, gone when it returns, without r', async () => {
	const quorum = {lost: false};
	const {source, calls} = keySpace(quorum);
	const view = (lost: boolean) => <KeysProbe source={source} prefix="/app/" width={100} height={12} quorumLost={lost} />;
	const app = render(view(false));
	const statusLine = () => rawLinesOf(app.lastFrame())[1] ?? '';
	await waitFor(() => statusLine() === '2 keys  ·  linearizable reads', 2000, `linearizable at first:\n${app.lastFrame()}`);

	quorum.lost = true;
	app.rerender(view(true));
	await waitFor(() => statusLine().startsWith('2 keys  ·  STALE: linearizable reads need quorum'), 2000, `stale once quorum is lost:\n${app.lastFrame()}`);

	quorum.lost = false;
	app.rerender(view(false));
	await waitFor(() => statusLine() === '2 keys  ·  linearizable reads', 2000, `linearizable once quorum is back:\n${app.lastFrame()}`);
	assert.equal(calls.restored, 1);
	assert.equal(calls.counts, 3, 'one count at the start and one a flip, nothing more');
	assert.match(rawLinesOf(app.lastFrame()).at(-1) ?? '', /^row 1 of 2 · Enter open/);
});
