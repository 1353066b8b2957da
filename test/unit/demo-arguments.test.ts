import {test} from 'node:test';
import assert from 'node:assert/strict';
import {demoEtcdeckArgs, demoHelp, parseDemoArguments} from '../../source/demo/demo-arguments.ts';
import {demoScenarios, scenarioNamed, scenariosMarkdown} from '../../source/demo/scenarios.ts';

const names = demoScenarios.map(scenario => scenario.name);

void test('the demo offers the README\'s states, healthy first (the default)', () => {
	assert.deepEqual(names, ['healthy', 'learner-catching-up', 'slow-member', 'quorum-lost']);
	assert.equal(new Set(names).size, names.length);
	assert.equal(scenarioNamed('quorum-lost')?.cluster.voters, 3);
	assert.equal(scenarioNamed('nope'), undefined);
	for (const scenario of demoScenarios) {
		assert.ok(scenariosMarkdown().includes(`| \`${scenario.name}\` | ${scenario.description} |`));
	}
});

void test('--scenario NAME is the demo\'s; every other argument goes to etcdeck in order', () => {
	assert.deepEqual(parseDemoArguments([], names), {kind: 'run', scenario: 'healthy', etcdeckArgs: []});
	assert.deepEqual(parseDemoArguments(['--read-only', '--scenario', 'slow-member', '--refresh', '500'], names), {kind: 'run', scenario: 'slow-member', etcdeckArgs: ['--read-only', '--refresh', '500']});
	assert.deepEqual(parseDemoArguments(['--scenario=quorum-lost'], names), {kind: 'run', scenario: 'quorum-lost', etcdeckArgs: []});
});

void test('an unknown or missing scenario is refused listing the known ones; --help and -h ask for the list', () => {
	assert.deepEqual(parseDemoArguments(['--scenario', 'split-brain'], names), {kind: 'refused', message: 'no scenario "split-brain"; the scenarios: healthy, learner-catching-up, slow-member, quorum-lost (npm run demo -- --help)'});
	assert.deepEqual(parseDemoArguments(['--scenario'], names), {kind: 'refused', message: '--scenario takes a name: healthy, learner-catching-up, slow-member, quorum-lost'});
	assert.deepEqual(parseDemoArguments(['--scenario', 'healthy', '-h'], names), {kind: 'help'});
	const help = demoHelp(demoScenarios);
	for (const scenario of demoScenarios) {
		assert.ok(help.some(line => line.trimStart().startsWith(`${scenario.name} `) && line.endsWith(scenario.description)), scenario.name);
	}
});

void test('the demo\'s snapshots go to its own directory and its Logs pane to the members\' files, unless the operator says otherwise', () => {
	const demo = {endpoint: 'http://127.0.0.1:4001', logTail: 'tail -F /tmp/d/{name}.log', snapshotDir: '/tmp/d/snapshots'};
	assert.deepEqual(demoEtcdeckArgs(demo, ['--read-only']), ['--endpoints', 'http://127.0.0.1:4001', '--log-command', 'tail -F /tmp/d/{name}.log', '--snapshot-dir', '/tmp/d/snapshots', '--read-only']);
	assert.deepEqual(demoEtcdeckArgs(demo, ['--snapshot-dir', '/keep']), ['--endpoints', 'http://127.0.0.1:4001', '--log-command', 'tail -F /tmp/d/{name}.log', '--snapshot-dir', '/keep']);
	assert.deepEqual(demoEtcdeckArgs(demo, ['--snapshot-dir=/keep', '--log-unit=etcd']), ['--endpoints', 'http://127.0.0.1:4001', '--snapshot-dir=/keep', '--log-unit=etcd']);
});
