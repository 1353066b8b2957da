import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {Header} from '../../source/ui/cluster/Header.tsx';
import {linesOf} from '../support/render.tsx';
import {fixtureClusterId, healthyReading} from '../support/reading-fixtures.ts';

function firstLine(props: {context?: string; readOnly?: boolean; connecting?: boolean}): string {
	const summary = props.connecting === true ? undefined : summarize(healthyReading(), {quotaBytes: undefined});
	const {lastFrame, unmount} = render(<Header summary={summary} width={100} maxWarnings={4} context={props.context} readOnly={props.readOnly} />);
	try {
		return linesOf(lastFrame())[0]!;
	} finally {
		unmount();
	}
}

test('a cluster opened as a context says which, and read-only when the context is, before the cluster\'s own identity', () => {
	assert.equal(firstLine({context: 'eqiad', readOnly: true}), `etcdeck  context eqiad read-only  cluster ${fixtureClusterId}  leader etcd-1`);
	assert.equal(firstLine({context: 'codfw', readOnly: false}), `etcdeck  context codfw  cluster ${fixtureClusterId}  leader etcd-1`);
	assert.equal(firstLine({context: 'eqiad', readOnly: true, connecting: true}), 'etcdeck  context eqiad read-only connecting…');
});

test('without a context the header is as it was: the cluster alone', () => {
	assert.equal(firstLine({}), `etcdeck  cluster ${fixtureClusterId}  leader etcd-1`);
	assert.equal(firstLine({connecting: true}), 'etcdeck connecting…');
});
