import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {FleetApp} from '../../source/ui/fleet/FleetApp.tsx';
import type {FleetCommand} from '../../source/ui/fleet/fleet-bindings.ts';
import type {FleetContext} from '../../source/model/fleet/fleet-row.ts';
import {contextReading, FixtureFleet} from '../support/fleet-fixtures.ts';
import {healthyReading, quorumLostReading, readingOf, voterUnreachableReading} from '../support/reading-fixtures.ts';
import {linesOf, plain, rawLinesOf, sequencesFor, waitFor} from '../support/render.tsx';

const deadSnapshot = readingOf([], [{endpoint: 'http://127.0.0.1:1', memberId: undefined, status: undefined, error: 'connection refused', latencyMs: 1}], {clusterId: undefined, memberListError: 'connection refused'});

function contextsOf(names: readonly string[], readOnly: readonly string[] = []): FleetContext[] {
	return names.map(name => ({name, readOnly: readOnly.includes(name), quotaBytes: undefined}));
}

function keyOf(command: FleetCommand): string {
	return sequencesFor(command, 'fleet')[0]!;
}

function renderFleet(fleet: FixtureFleet, names: readonly string[], options: {rows?: number; readOnly?: string[]; initialSelected?: string} = {}) {
	const opened: string[] = [];
	let quits = 0;
	const rendered = render(
		<FleetApp
			source={fleet}
			contexts={contextsOf(names, options.readOnly)}
			configFile="/etc/etcdeck/config.yaml"
			initialSelected={options.initialSelected}
			columns={100}
			rows={options.rows ?? 20}
			onOpen={name => opened.push(name)}
			onQuit={() => {
				quits += 1;
			}}
		/>,
	);
	const press = async (type: FleetCommand) => {
		const before = rendered.frames.length;
		rendered.stdin.write(keyOf(type));
		await waitFor(() => rendered.frames.length > before || opened.length > 0 || quits > 0, 2000, `the effect of ${type}`);
	};

	return {...rendered, opened, quits: () => quits, press, frame: () => plain(rendered.lastFrame()), lines: () => linesOf(rendered.lastFrame())};
}

const names = ['eqiad', 'codfw', 'k8s', 'lab'];

function fourClusters(): FixtureFleet {
	return new FixtureFleet([
		contextReading('eqiad', healthyReading()),
		contextReading('codfw', voterUnreachableReading()),
		contextReading('k8s', quorumLostReading()),
		contextReading('lab', deadSnapshot),
	]);
}

test('one row a context: health, leader, voters against quorum, learners, the worst warning; counts in the title', async () => {
	const fleet = fourClusters();
	const app = renderFleet(fleet, names, {readOnly: ['eqiad']});
	try {
		await waitFor(() => app.frame().includes('lab'));
		const lines = app.lines();
		assert.match(lines[0]!, /etcdeck fleet {2}4 contexts: 1 unreachable, 1 quorum lost, 1 degraded, 1 healthy/);
		assert.match(lines[1]!, /\/etc\/etcdeck\/config\.yaml/);
		assert.match(lines[2]!, /^CONTEXT +HEALTH +LEADER +VOTERS/);
		const row = (name: string) => lines.find(line => line.startsWith(`${name} `))!;
		assert.match(row('eqiad'), /^eqiad \(read-only\) +healthy +etcd-1 +3\/3 q2/);
		assert.match(row('codfw'), /degraded +etcd-1 +2\/3 q2 .*etcd-3 unreachable/);
		assert.match(row('k8s'), /quorum lost +none +1\/3 q2 .*QUORUM LOST/);
		assert.match(row('lab'), /unreachable .*never +no endpoint answers/);
		// What 100 columns hide is under the table for the selected row.
		assert.match(app.frame(), /hidden: LEARNERS, VERSION, LARGEST DB/);
		assert.match(app.frame(), /eqiad: answered \d\d:\d\d:\d\d.* · learners 1 · etcd 3\.5\.17/);
		assert.equal(fleet.starts, 1, 'the fleet is polled while shown');
	} finally {
		app.unmount();
	}

	assert.equal(fleet.stops, 1, 'and stopped when the view goes');
});

test('Enter opens the selected context; an unreachable one is refused, saying why', async () => {
	const app = renderFleet(fourClusters(), names);
	try {
		await waitFor(() => app.frame().includes('lab'));
		assert.match(rawLinesOf(app.lastFrame()).find(line => line.startsWith('›'))!, /eqiad/, 'the first context is selected');
		await app.press('fleet-next');
		await app.press('fleet-open');
		assert.deepEqual(app.opened, ['codfw']);
		await app.press('fleet-last');
		await app.press('fleet-open');
		assert.deepEqual(app.opened, ['codfw']);
		await waitFor(() => app.frame().includes('lab is unreachable (no endpoint answers: connection refused): its dashboard cannot open'));
	} finally {
		app.unmount();
	}
});

test('a context not yet answered waits; r refreshes all; q quits', async () => {
	const fleet = new FixtureFleet([contextReading('eqiad', undefined)]);
	const app = renderFleet(fleet, ['eqiad']);
	try {
		await waitFor(() => app.frame().includes('connecting…'));
		await app.press('fleet-open');
		await waitFor(() => app.frame().includes('eqiad: no answer yet'));
		assert.deepEqual(app.opened, []);
		fleet.set([contextReading('eqiad', healthyReading())]);
		await waitFor(() => app.frame().includes('healthy'));
		await app.press('fleet-refresh');
		assert.deepEqual(fleet.refreshes, [undefined]);
		await app.press('fleet-open');
		assert.deepEqual(app.opened, ['eqiad']);
		await app.press('fleet-quit');
		assert.equal(app.quits(), 1);
	} finally {
		app.unmount();
	}
});

test('fifty contexts: the selection scrolls and the table says how many more', async () => {
	const many = Array.from({length: 50}, (_, index) => `ctx-${String(index + 1).padStart(2, '0')}`);
	const app = renderFleet(new FixtureFleet(many.map(name => contextReading(name, healthyReading()))), many, {rows: 20, initialSelected: 'ctx-01'});
	try {
		await waitFor(() => app.frame().includes('ctx-01'));
		assert.ok(app.lines().length <= 20, app.frame());
		assert.match(app.frame(), /↓ \d+ more/);
		await app.press('fleet-last');
		await waitFor(() => rawLinesOf(app.lastFrame()).some(line => line.startsWith('› ctx-50')));
		assert.match(app.frame(), /↑ \d+ more/);
		await app.press('fleet-page-up');
		assert.ok(rawLinesOf(app.lastFrame()).some(line => /^› ctx-\d\d/.test(line)));
	} finally {
		app.unmount();
	}
});
