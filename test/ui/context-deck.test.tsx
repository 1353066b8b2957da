import {test} from 'node:test';
import assert from 'node:assert/strict';
import React, {useEffect, useState} from 'react';
import {render} from 'ink-testing-library';
import {ContextDeck, type ContextNavigation} from '../../source/ui/fleet/ContextDeck.tsx';
import {Text} from '../../source/ui/shared/text.tsx';
import {useTerminalInput} from '../../source/ui/keymap/use-terminal-input.ts';
import type {FleetCommand} from '../../source/ui/fleet/fleet-bindings.ts';
import {contextReading, FixtureFleet} from '../support/fleet-fixtures.ts';
import {healthyReading, voterUnreachableReading} from '../support/reading-fixtures.ts';
import {plain, sequencesFor, waitFor} from '../support/render.tsx';

/**
 * A stand-in dashboard that shows whose it is and how often it was mounted, and moves as a dashboard's
 * keys would: Esc to the fleet, x to codfw, y to a context that does not exist (it shows the refusal).
 */
function StubCluster({name, navigation, mounts, unmounts}: {name: string; navigation: ContextNavigation; mounts: string[]; unmounts: string[]}) {
	const [refusal, setRefusal] = useState<string | undefined>(undefined);
	useEffect(() => {
		mounts.push(name);
		return () => {
			unmounts.push(name);
		};
	}, [name, mounts, unmounts]);
	useTerminalInput(({input, key}) => {
		if (key.escape) {
			navigation.toFleet();
		} else if (input === 'x') {
			setRefusal(navigation.switchTo('codfw'));
		} else if (input === 'y') {
			setRefusal(navigation.switchTo('esams'));
		}
	}, error => {
		throw error;
	});
	return <Text>{`dashboard of ${name}; contexts ${navigation.contextNames.join(',')}${refusal === undefined ? '' : `; ${refusal}`}`}</Text>;
}

function renderDeck() {
	const fleet = new FixtureFleet([contextReading('eqiad', healthyReading()), contextReading('codfw', voterUnreachableReading())]);
	const mounts: string[] = [];
	const unmounts: string[] = [];
	const rendered = render(
		<ContextDeck
			fleet={fleet}
			contexts={[{name: 'eqiad', readOnly: true, quotaBytes: undefined}, {name: 'codfw', readOnly: false, quotaBytes: undefined}]}
			configFile="/etc/etcdeck/config.yaml"
			currentContext="codfw"
			columns={110}
			rows={16}
			renderCluster={(name, navigation) => <StubCluster name={name} navigation={navigation} mounts={mounts} unmounts={unmounts} />}
			onQuit={() => undefined}
		/>,
	);
	const frame = () => plain(rendered.lastFrame());
	const type = async (sequence: string, expected: RegExp) => {
		rendered.stdin.write(sequence);
		await waitFor(() => expected.test(frame()), 2000, `${JSON.stringify(sequence)} to show ${String(expected)}`);
	};

	return {...rendered, fleet, mounts, unmounts, frame, type};
}

const keyOf = (command: FleetCommand) => sequencesFor(command, 'fleet')[0]!;

test('the deck opens on the fleet with the current context selected; Enter opens it, Esc comes back with it still selected', async () => {
	const deck = renderDeck();
	try {
		await waitFor(() => /etcdeck fleet {2}2 contexts: 1 degraded, 1 healthy/.test(deck.frame()), 2000, 'the fleet');
		assert.match(deck.frame(), /eqiad \(read-only\)/);
		assert.equal(deck.fleet.starts, 1);
		await deck.type(keyOf('fleet-open'), /^dashboard of codfw; contexts eqiad,codfw$/m);
		assert.equal(deck.fleet.stops, 1, 'the fleet stops polling behind the dashboard');
		assert.doesNotMatch(deck.frame(), /etcdeck fleet/);
		await deck.type('\u001B', /etcdeck fleet/);
		assert.equal(deck.fleet.starts, 2, 'and polls again once shown');
		assert.deepEqual(deck.unmounts, ['codfw'], 'the dashboard and its services end when it is left');
		// codfw is still the selection: Enter opens it again, k then Enter the one above.
		await deck.type(keyOf('fleet-previous'), /etcdeck fleet/);
		await deck.type(keyOf('fleet-open'), /^dashboard of eqiad;/m);
	} finally {
		deck.unmount();
	}
});

test(':ctx from a dashboard mounts the other context afresh; a name that is not a context is refused and nothing moves', async () => {
	const deck = renderDeck();
	try {
		await waitFor(() => /etcdeck fleet/.test(deck.frame()), 2000, 'the fleet');
		await deck.type(keyOf('fleet-first'), /etcdeck fleet/);
		await deck.type(keyOf('fleet-open'), /^dashboard of eqiad;/m);
		await deck.type('y', /^dashboard of eqiad; contexts eqiad,codfw; no context is named "esams" \(there are eqiad, codfw\)$/m);
		assert.deepEqual(deck.mounts, ['eqiad']);
		await deck.type('x', /^dashboard of codfw; contexts eqiad,codfw$/m);
		assert.deepEqual(deck.mounts, ['eqiad', 'codfw'], 'a new dashboard for the other context');
		assert.deepEqual(deck.unmounts, ['eqiad'], 'the first one ended');
		assert.equal(deck.fleet.starts, 1, 'the fleet was not polled on the way');
	} finally {
		deck.unmount();
	}
});
