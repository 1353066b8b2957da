import {formatBytes, formatCount, plural} from '../shared/format.ts';
import type {CountMismatch} from '../../cluster/cluster-record.ts';
import type {DrillResult} from '../../backup/drill-result.ts';

/** The drill's report for a terminal or a log: what was checked and what it came to. Every value is escaped already or etcdeck's own. */
export function drillReportLines(result: DrillResult): string[] {
	const verdict = {passed: 'PASSED', failed: 'FAILED', 'cannot-run': 'COULD NOT RUN'}[result.outcome];
	const lines = [`drill ${result.file}: ${verdict}`];
	if (result.verified !== undefined) {
		lines.push(`  verified: ${formatBytes(result.verified.sizeBytes)}, sha256 ${result.verified.sha256}`);
	}

	if (result.manifest !== undefined) {
		const {manifest} = result;
		lines.push(`  manifest: taken ${manifest.takenAt} from ${manifest.member} (etcd ${manifest.etcdVersion ?? 'version not recorded'}) of cluster ${manifest.clusterId}, revision ${manifest.revision ?? 'unknown'}`);
	}

	if (result.tools !== undefined && result.restoreMs !== undefined) {
		const {etcd, restore} = result.tools;
		lines.push(`  restored with ${restore.path} ${restore.version} (${restore.name} snapshot restore) in ${seconds(result.restoreMs)}`);
		if (result.served !== undefined) {
			lines.push(`  served by etcd ${etcd.version} (${etcd.path}) on ${result.served.endpoint} after ${seconds(result.served.startMs)}${result.served.revision === undefined ? '' : `, at revision ${result.served.revision}`}`);
		}
	}

	if (result.counts !== undefined) {
		lines.push(...countLines(result.counts));
	}

	if (result.sample !== undefined) {
		const {keys, valueBytes} = result.sample;
		lines.push(keys.length === 0
			? '  read no keys: the snapshot holds none'
			: `  read ${plural(keys.length, 'key')} with their values (${formatBytes(valueBytes)}): ${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', …' : ''}`);
	}

	lines.push(...result.notes.map(note => `  note: ${note}`));
	if (result.workDir !== undefined) {
		lines.push(`  stopped it and removed ${result.workDir}`);
	}

	return lines;
}

function countLines(counts: NonNullable<DrillResult['counts']>): string[] {
	if (!counts.recorded) {
		return [`  ${formatCount(counts.totalKeys)} keys; no counts in the manifest to compare them with`];
	}

	if (counts.mismatches.length === 0) {
		return [`  key counts match the manifest: ${formatCount(counts.totalKeys)} keys in all, ${plural(counts.prefixes, 'prefix', 'prefixes')} counted`];
	}

	return ['  key counts differ from the manifest:', ...counts.mismatches.map(mismatch => `    ${describeMismatch(mismatch)}`)];
}

/** One line for the dashboard's action log and status line. */
export function drillSummary(result: DrillResult): string {
	if (result.outcome === 'passed') {
		const counts = result.counts?.recorded === true ? `, ${formatCount(result.counts.totalKeys)} keys in ${plural(result.counts.prefixes, 'prefix', 'prefixes')} match the manifest` : '';
		const etcd = result.tools === undefined ? '' : ` with etcd ${result.tools.etcd.version}`;
		return `drill passed: restored${etcd} and served${counts}${result.notes.length > 0 ? `; ${result.notes.join('; ')}` : ''}`;
	}

	return `drill ${result.outcome === 'failed' ? 'failed' : 'could not run'}: ${result.problems.join('; ')}`;
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** "/main/config/props/: expected 300 keys, found 299" (prefix already escaped: safe to print). */
export function describeMismatch(mismatch: CountMismatch): string {
	const what = mismatch.prefix === undefined ? 'all keys' : mismatch.prefix;
	return `${what}: expected ${formatCount(mismatch.expected)} keys, found ${formatCount(mismatch.found)}`;
}
