import {test} from 'node:test';
import assert from 'node:assert/strict';
import {dbUsages, emptyDbUsageHistory, recordDbUsage, timeToQuotaMs, type DbUsageHistory, type GrowthOptions} from '../../source/model/maintenance/db-usage.ts';
import {dbUsageWarnings, defaultDbWarningOptions, median, type DbWarningOptions} from '../../source/model/maintenance/db-usage-warnings.ts';
import {dbUsageRows} from '../../source/model/maintenance/db-usage-rows.ts';
import {recordedDbSeries, readingOfSample} from '../support/db-series.ts';

const recorded = recordedDbSeries();
const gib = 1024 ** 3;

/**
 * The recording is 90 s long, so the windows are scaled down with it: the recent window is 20 s (the
 * dashboard's is 10 min). The thresholds are the dashboard's own.
 */
const scaled: GrowthOptions = {recentWindowMs: 20_000, fastFactor: 3, minFastQuotaShareAnHour: 0.01, minRateSpanMs: 5000};
const smallDbs: DbWarningOptions = {...defaultDbWarningOptions, differenceMinBytes: 1_000_000};

/** The history and warnings after each recorded refresh up to `until`. */
function replay(until: number, quotaBytes: number | undefined = undefined, warningOptions = smallDbs) {
	let history: DbUsageHistory = emptyDbUsageHistory;
	const warningsAt: Array<{at: number; texts: string[]}> = [];
	let usages: ReturnType<typeof dbUsages> = [];
	for (const sample of recorded.samples.filter(each => each.takenAt <= until)) {
		const reading = readingOfSample(sample);
		history = recordDbUsage(history, reading, scaled);
		usages = dbUsages(reading, history, quotaBytes, scaled);
		warningsAt.push({at: sample.takenAt, texts: dbUsageWarnings(usages, warningOptions).map(warning => `${warning.severity}: ${warning.text}`)});
	}

	return {history, usages, warningsAt};
}

const start = recorded.samples[0]!.takenAt;
const fastStart = recorded.phaseStarts['fast']!;
const defragmented = recorded.phaseStarts['one member defragmented']!;

void test(`recorded on ${recorded.recordedWith}: slow steady growth warns of nothing, and its rate is measured`, () => {
	const {usages, warningsAt} = replay(fastStart - 1);
	assert.deepEqual(warningsAt.filter(entry => entry.texts.length > 0), [], 'no warning while it grows at its usual pace');
	for (const usage of usages) {
		const rate = usage.growth?.bytesPerHour;
		// 10 kB every half second, as recorded.
		assert.ok(rate !== undefined && rate > 40e6 && rate < 120e6, `${usage.name}: ${rate} B/h`);
		assert.ok(usage.timeToQuotaMs! > 24 * 3_600_000, 'at that pace 2 GiB is more than a day away');
		assert.equal(usage.growth?.fast, false);
	}
});

void test('recorded: the tenfold burst is "growing fast" on every member, with its rate, the norm before and the time to quota at that rate', () => {
	const {usages, warningsAt} = replay(defragmented - 1);
	const last = warningsAt.at(-1)!;
	assert.equal(last.texts.length, 3, last.texts.join('\n'));
	for (const text of last.texts) {
		assert.match(text, /^warning: m\d DB growing fast: \d+(\.\d+)? MB\/h over the last 20s, \d+(\.\d+)? MB\/h before \(\d+(\.\d+)? MB of 2\.15 GB; quota in \d+h \d\dm at that rate\)$/);
	}

	for (const usage of usages) {
		assert.ok(usage.growth!.recentBytesPerHour! >= 3 * usage.growth!.normBytesPerHour!, `${usage.name}: well above its norm`);
	}

	// It is said soon after the burst began: once the window holds it.
	const firstFast = warningsAt.find(entry => entry.texts.some(text => text.includes('growing fast')))!;
	assert.ok(firstFast.at > fastStart && firstFast.at - fastStart <= scaled.recentWindowMs + 5000, `said ${firstFast.at - fastStart} ms into the burst`);
});

void test('recorded: near a small quota, the time to reach it at the rate so far is a warning, then critical', () => {
	// 72 MB/h with 1 GB to go is under a day; with 50 MB to go, under an hour.
	const soon = replay(fastStart - 1, 1e9).warningsAt.at(-1)!.texts;
	assert.equal(soon.length, 3, soon.join('\n'));
	assert.match(soon[0]!, /^warning: m1 DB reaches its quota in \d+h \d\dm at \d+(\.\d+)? MB\/h \(1\.\d+ MB of 1 GB, growth since etcdeck started\)$/);
	const imminent = replay(fastStart - 1, 40e6).warningsAt.at(-1)!.texts;
	assert.match(imminent[0]!, /^critical: m1 DB reaches its quota in \d+m \d\ds at /);
});

void test('recorded: the member defragmented alone starts a new series, and differs from the median by its fragmentation, not its data', () => {
	const {usages, warningsAt, history} = replay(recorded.samples.at(-1)!.takenAt);
	const m2 = usages.find(usage => usage.name === 'm2')!;
	assert.equal(history.members[m2.id]!.baseline.at >= defragmented, true, 'its DB shrank: its growth is measured afresh');
	const last = warningsAt.at(-1)!.texts.filter(text => text.includes('median'));
	assert.equal(last.length, 1, warningsAt.at(-1)!.texts.join('\n'));
	assert.match(last[0]!, /^warning: m2 DB \d+ kB differs from the members' median \d(\.\d+)? MB by -\d(\.\d+)? MB \(-\d+\.\d%\); in use is alike \(\d+ kB against \d+ kB\): fragmentation, a defragment evens it out$/);
	// The dashboard's own floor (100 MB) keeps small DBs quiet.
	assert.deepEqual(replay(recorded.samples.at(-1)!.takenAt, undefined, defaultDbWarningOptions).warningsAt.at(-1)!.texts.filter(text => text.includes('median')), []);
});

void test('a member whose data differs (in use too) points at the consistency check', () => {
	const usage = (name: string, size: number, inUse: number) => ({
		id: name, name, endpoint: undefined, isLeader: false, isLearner: false, sizeBytes: size, inUseBytes: inUse, reclaimableBytes: size - inUse,
		quota: {bytes: 2 * gib, source: 'metrics' as const}, quotaRatio: size / (2 * gib), growth: undefined, timeToQuotaMs: undefined,
	});
	const warnings = dbUsageWarnings([usage('a', 400e6, 380e6), usage('b', 410e6, 390e6), usage('c', 900e6, 880e6)]);
	assert.deepEqual(warnings.map(warning => warning.text), [
		'c DB 900 MB differs from the members\' median 410 MB by +490 MB (+119.5%); in use differs too (880 MB against 390 MB): check the members agree (:check)',
	]);
	assert.deepEqual(dbUsageWarnings([usage('a', 400e6, 380e6), usage('c', 900e6, 880e6)]), [], 'with two members neither is the odd one');
});

void test('the history stays small however long it runs: the baseline and the last window only', () => {
	const {history} = replay(defragmented - 1);
	for (const series of Object.values(history.members)) {
		const covered = series.recent.at(-1)!.at - series.recent[0]!.at;
		assert.ok(covered <= scaled.recentWindowMs + 60_000 + 2000, `recent samples cover ${covered} ms`);
		assert.equal(series.baseline.at, start);
	}
});

void test('a reading no newer than the last recorded changes nothing', () => {
	const reading = readingOfSample(recorded.samples[0]!);
	const once = recordDbUsage(emptyDbUsageHistory, reading);
	assert.equal(recordDbUsage(once, reading), once);
});

void test('time to quota: none when not growing, zero at the quota, else at the rate', () => {
	assert.equal(timeToQuotaMs(100, 1000, undefined), undefined);
	assert.equal(timeToQuotaMs(100, 1000, 0), undefined);
	assert.equal(timeToQuotaMs(1000, 1000, 5), 0);
	assert.equal(timeToQuotaMs(100, 1000, 900), 3_600_000);
	assert.equal(median([3, 1, 2]), 2);
	assert.equal(median([4, 1, 2, 3]), 2.5);
});

void test('the DB pane rows: sizes as etcdctl prints them, reclaimable with its share, growth and time to quota', () => {
	const {usages} = replay(defragmented - 1);
	const rows = dbUsageRows(usages);
	assert.deepEqual(rows.map(row => row.cells.name), ['m1 *', 'm2', 'm3']);
	const m1 = rows[0]!.cells;
	assert.match(m1.dbSize, /^\d(\.\d)? MB$/);
	assert.match(m1.reclaimable, /^\d+ kB \(\d+%\)$/);
	assert.equal(m1.quota, '2.1 GB');
	assert.match(m1.growth, /^\+\d+(\.\d+)? MB\/h ▲$/, 'growing fast is marked');
	assert.match(m1.toQuota, /^\d+h \d\dm$/);
	assert.equal(rows[0]!.tone, 'warning');
	const fresh = dbUsageRows(dbUsages(readingOfSample(recorded.samples[0]!), recordDbUsage(emptyDbUsageHistory, readingOfSample(recorded.samples[0]!)), undefined));
	assert.equal(fresh[0]!.cells.growth, 'measuring');
	assert.equal(fresh[0]!.cells.toQuota, '');
});
