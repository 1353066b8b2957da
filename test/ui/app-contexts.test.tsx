import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {contextCommands, type ClusterContext} from '../../source/ui/fleet/context-commands.ts';
import {lagReading} from '../support/lag-fixtures.ts';
import {FixtureSource, fixtureClusterId, healthyReading} from '../support/reading-fixtures.ts';
import {RecordedActions, renderApp, sequencesFor, waitFor, type RenderedApp} from '../support/render.tsx';

afterEach(() => {
	cleanup();
});

/** A context as the deck hands it to a dashboard, recording where it was asked to go. */
function recordingContext(name: string): ClusterContext & {moves: string[]} {
	const moves: string[] = [];
	return {
		name,
		moves,
		navigation: {
			contextNames: ['eqiad', 'codfw'],
			toFleet: () => {
				moves.push('fleet');
			},
			switchTo: target => {
				if (target !== 'eqiad' && target !== 'codfw') {
					return `no context is named "${target}" (there are eqiad, codfw)`;
				}

				moves.push(target);
				return undefined;
			},
		},
	};
}

async function started(options: Parameters<typeof renderApp>[0]): Promise<RenderedApp> {
	const app = renderApp(options);
	await waitFor(() => app.frame().includes(`cluster ${fixtureClusterId}`), 2000, 'the first reading');
	return app;
}

test('a dashboard opened from the fleet says its context and read-only in the header; Esc goes back to the fleet', async () => {
	const context = recordingContext('eqiad');
	const app = await started({snapshot: healthyReading(), readOnly: true, context});
	assert.match(app.lines()[0]!, new RegExp(`^etcdeck {2}context eqiad read-only {2}cluster ${fixtureClusterId}`));
	// The deck redraws on the way back, not the dashboard: wait for the move, not a frame.
	app.stdin.write(sequencesFor('fleet', 'global')[0]!);
	await waitFor(() => context.moves.length > 0, 2000, 'the move to the fleet');
	assert.deepEqual(context.moves, ['fleet']);
});

test('a read-only context refuses p, saying why, and sends nothing', async () => {
	const actions = new RecordedActions();
	const [first, ...rest] = Array.from({length: 4}, (_, second) => lagReading(second, [100 + second, 100 + second, 100 + second, 100 + second]));
	const app = await started({source: new FixtureSource(first!, ...rest), actions, readOnly: true, context: recordingContext('eqiad')});
	await app.press('promote');
	await waitFor(() => /promote is off/.test(app.frame()), 2000, 'the refusal on the status line');
	assert.deepEqual(actions.calls, []);
});

test('started for one cluster, Esc says there is no fleet and stays', async () => {
	const app = await started({snapshot: healthyReading()});
	await app.press('fleet');
	await waitFor(() => app.frame().includes('no fleet to go to: etcdeck was started for one cluster'), 2000, 'the reason');
	assert.match(app.lines()[0]!, new RegExp(`^etcdeck {2}cluster ${fixtureClusterId}`), 'and no context in the header');
});

test(':ctx NAME switches through the deck; no name, its own name or a name that is no context is said, and nothing moves', () => {
	const context = recordingContext('eqiad');
	const notices: Array<string | undefined> = [];
	const commands = contextCommands(context, event => notices.push(event.text));
	commands['ctx']!({text: 'codfw'});
	assert.deepEqual(context.moves, ['codfw']);
	commands['ctx']!({});
	commands['ctx']!({text: 'eqiad'});
	commands['ctx']!({text: 'esams'});
	commands['ctx']!({text: 'codfw extra'});
	assert.deepEqual(context.moves, ['codfw']);
	assert.deepEqual(notices, [
		':ctx takes one context name (eqiad, codfw)',
		'already on eqiad',
		':ctx esams: no context is named "esams" (there are eqiad, codfw)',
		':ctx takes one context name (eqiad, codfw)',
	]);
	commands['fleet']!({});
	assert.deepEqual(context.moves, ['codfw', 'fleet']);
	assert.deepEqual(contextCommands(undefined, () => undefined), {}, 'without a fleet the keymap refuses first');
});
