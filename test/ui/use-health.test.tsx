import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import type {ReadingSource} from '../../source/cluster/reading-poller.ts';
import type {MetricsRound} from '../../source/metrics/etcd-metrics.ts';
import {useHealth} from '../../source/hooks/use-health.ts';
import {HealthPane} from '../../source/ui/health/HealthPane.tsx';
import {linesOf, waitFor} from '../support/render.tsx';
import {diskBounds, etcdMetrics, histogram, roundOf, scrapeOf, threeMembers} from '../support/metrics-fixtures.ts';

const members = threeMembers();
const start = Date.UTC(2025, 0, 15, 12, 0, 0);

/**
 * Two rounds a second apart, etcd-1 with 100 more fsyncs (all ≤ 1 ms) in the second; later refreshes
 * never end, so the test sees exactly those two.
 */
class TwoRoundsSource implements ReadingSource<MetricsRound> {
	calls = 0;

	async refresh(): Promise<MetricsRound> {
		if (this.calls >= 2) {
			return new Promise(() => undefined);
		}

		const at = start + (this.calls * 1000);
		const fsyncs = histogram(diskBounds, [this.calls * 100]);
		this.calls++;
		return Promise.resolve(roundOf(members, at, [scrapeOf(members[0]!, at, etcdMetrics({walFsync: fsyncs}))]));
	}
}

function Probe({source}: {source: ReadingSource<MetricsRound> | undefined}) {
	const {health} = useHealth(source, 10);
	return <HealthPane health={health} width={100} height={12} selectedId={undefined} emptyText="scraping /metrics…" />;
}

void test('rounds are folded one after another: the second one gives the interval\'s percentiles', async () => {
	const source = new TwoRoundsSource();
	const rendered = render(<Probe source={source} />);
	try {
		await waitFor(() => linesOf(rendered.lastFrame()).some(line => line.includes('percentiles over 1.0s between scrapes')), 5000, 'a second round');
		assert.ok(linesOf(rendered.lastFrame()).some(line => /WAL fsync\s+p50 \d+µs {2}p99 \d+µs {2}100 fsyncs/.test(line)), rendered.lastFrame());
	} finally {
		rendered.unmount();
	}
});

void test('without a source the pane shows its empty text and nothing is polled', () => {
	const rendered = render(<Probe source={undefined} />);
	try {
		assert.equal(linesOf(rendered.lastFrame())[1]?.trim(), 'scraping /metrics…');
	} finally {
		rendered.unmount();
	}
});
