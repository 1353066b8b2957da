import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {useLogTail, type LogTailSource} from '../../source/hooks/use-log-tail.ts';
import type {LogListener} from '../../source/logs/log-source.ts';
import {LogsPane} from '../../source/ui/logs/LogsPane.tsx';
import {linesOf, waitFor} from '../support/render.tsx';

/** A source the test feeds by hand. */
class HandFedSource implements LogTailSource {
	listener: LogListener | undefined;
	stops = 0;

	start(listener: LogListener): void {
		this.listener = listener;
	}

	stop(): void {
		this.stops++;
		this.listener = undefined;
	}
}

function Tail({source, capacity}: {source: LogTailSource; capacity: number}) {
	const {view} = useLogTail(source, capacity);
	return <LogsPane view={view} width={80} height={6} />;
}

test('useLogTail starts the source, shows its state and lines, keeps `capacity` of them, and stops it on unmount', async () => {
	const source = new HandFedSource();
	const rendered = render(<Tail source={source} capacity={3} />);
	try {
		await waitFor(() => source.listener !== undefined, 2000, 'the source to start');
		source.listener!.onStatus({state: 'no-entries', message: 'no entries for unit etcd or dh-etcd in the system journal', severity: 'warning'});
		await waitFor(() => linesOf(rendered.lastFrame())[1] === 'no entries for unit etcd or dh-etcd in the system journal');
		source.listener!.onStatus({state: 'streaming', message: 'tailing unit etcd in the system journal', severity: 'ok'});
		source.listener!.onLines(['2026-11-23 13:42:17.376818 W | etcdserver: one', '2026-11-23 13:42:17.376818 W | etcdserver: two']);
		source.listener!.onLines(['2026-11-23 13:42:17.376818 W | etcdserver: three', '2026-11-23 13:42:17.376818 W | etcdserver: four']);
		await waitFor(() => {
			const lines = linesOf(rendered.lastFrame());
			assert.deepEqual(lines.slice(1, 4).map(line => line.replace(/^.*? W /, '')), ['two', 'three', 'four']);
			assert.equal(lines.at(-1), 'follow on · 3 lines (1 older dropped) · tailing unit etcd in the system journal');
		});
	} finally {
		rendered.unmount();
	}

	assert.equal(source.stops, 1);
});
