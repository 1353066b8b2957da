import type {RowTone} from '../shared/table.ts';
import {formatBytes, formatCount, formatPercent, plural} from '../shared/format.ts';
import {formatLatency} from '../shared/format.ts';
import type {HealthState} from './health.ts';
import type {MemberHealth, TrendPoint} from './health-figures.ts';
import {latencyCell, notYet, nothingObserved, ratioOf} from './health-rows.ts';
import {sparkline} from './sparkline.ts';

/** One line of the selected member's detail; when lines do not fit, the lowest priorities go first. */
export interface DetailLine {
	text: string;
	tone: RowTone;
	priority: number;
	/** The selected member's title line. */
	title: boolean;
}

/** Label column of the detail lines, so figures line up. */
const labelWidth = 13;
/** Trend charts stop growing here: a minute of scrapes at the default refresh. */
const maxTrendWidth = 30;

const label = (name: string) => name.padEnd(labelWidth);

/** Text then a trend chart filling what is left of `width`, scaled to its own peak, which it names. */
function withTrend(text: string, trend: readonly TrendPoint[], pick: (point: TrendPoint) => number | undefined, width: number): string {
	const values = trend.map(pick);
	const peak = Math.max(...values.map(value => value ?? 0));
	const peakText = `  peak ${formatLatency(peak)}`;
	const room = Math.min(maxTrendWidth, values.length, width - text.length - 2 - peakText.length);
	return room < 3 || peak <= 0 ? text : `${text}  ${sparkline(values, room)}${peakText}`;
}

function seconds(ms: number): string {
	return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

/**
 * What the pane writes under its table: every member's warnings (worst first, each naming its member),
 * then the selected member line by line: where its metrics come from and the interval its percentiles
 * cover, each figure with its trend.
 */
export function healthDetailLines(state: HealthState, selected: MemberHealth | undefined, width: number): DetailLine[] {
	const lines: DetailLine[] = [];
	const add = (priority: number, text: string, tone: RowTone = 'normal', title = false) => lines.push({text, tone, priority, title});
	for (const warning of state.warnings) {
		add(9, `${warning.severity === 'critical' ? '✖' : '▲'} ${warning.text}`, warning.severity === 'critical' ? 'error' : 'warning');
	}

	if (selected === undefined) {
		return lines;
	}

	const member = selected;
	if (member.error !== undefined) {
		add(8, `${member.name}  ${member.url}`, 'error', true);
		add(8, `✖ no metrics: ${member.error}`, 'error');
		return lines;
	}

	const hasInterval = member.intervalMs !== undefined;
	add(8, `${member.name}  ${member.url}  ${hasInterval ? `percentiles over ${seconds(member.intervalMs!)} between scrapes` : 'percentiles from the next scrape on'}`, 'normal', true);
	const fsyncCount = member.walFsync === undefined ? '' : `  ${plural(member.walFsync.count, 'fsync')}`;
	add(7, withTrend(`${label('WAL fsync')}p50 ${latencyCell(member.walFsync, 'p50', hasInterval)}  p99 ${latencyCell(member.walFsync, 'p99', hasInterval)}${fsyncCount}`, member.trend, point => point.walFsyncP99, width));
	add(6, withTrend(`${label('commit')}p99 ${latencyCell(member.backendCommit, 'p99', hasInterval)}`, member.trend, point => point.backendCommitP99, width));
	if (member.peers.length > 0) {
		const peers = member.peers.map(peer => `${peer.peerName} ${hasInterval ? (peer.p99 === undefined ? nothingObserved : formatLatency(peer.p99)) : notYet}`).join('  ');
		add(6, withTrend(`${label('peer RTT p99')}${peers}`, member.trend, point => point.peerRoundTripP99, width));
	}

	const failed = member.proposalsFailedTotal === undefined ? '' : `  failed ${formatCount(member.proposalsFailedTotal)} (${formatCount(member.proposalsFailedRecent ?? 0)} in 15 min)`;
	add(5, `${label('proposals')}committed ${optionalCount(member.proposalsCommitted)}  applied ${optionalCount(member.proposalsApplied)}  pending ${optionalCount(member.proposalsPending)}${failed}`);
	const leader = member.hasLeader === undefined ? '?' : member.hasLeader ? (member.isLeader ? 'yes, this member leads' : 'yes') : 'NONE';
	const changes = member.leaderChangesRecent === undefined ? '' : `  ${plural(member.leaderChangesRecent, 'change')} in 15 min, ${optionalCount(member.leaderChangesTotal)} since start`;
	add(5, `${label('leader')}${leader}${changes}`);
	add(4, `${label('DB')}${share(member.dbSizeBytes, member.quotaBytes, formatBytes, 'quota')}  fds ${share(member.openFds, member.maxFds, formatCount, 'max')}`);
	return lines;
}

function optionalCount(value: number | undefined): string {
	return value === undefined ? '?' : formatCount(value);
}

function share(part: number | undefined, whole: number | undefined, format: (value: number) => string, wholeName: string): string {
	const ratio = ratioOf(part, whole);
	if (part === undefined) {
		return '?';
	}

	return ratio === undefined ? format(part) : `${format(part)} of ${format(whole!)} ${wholeName} (${formatPercent(ratio)})`;
}

/** The lines that fit in `height`, highest priority first, shown in their own order. */
export function fitDetailLines(lines: readonly DetailLine[], height: number): DetailLine[] {
	if (lines.length <= height) {
		return [...lines];
	}

	const kept = new Set([...lines].map((line, index) => ({line, index})).sort((a, b) => b.line.priority - a.line.priority || a.index - b.index).slice(0, Math.max(0, height)).map(item => item.index));
	return lines.filter((_line, index) => kept.has(index));
}
