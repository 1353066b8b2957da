import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {Figure} from './figures.ts';
import {ratioText} from './report.ts';
import {resultsDir, type BenchResults} from './results-file.ts';

const readmePath = path.resolve(import.meta.dirname, '../../README.md');
const markers = {start: '<!-- bench:start -->', end: '<!-- bench:end -->'};

function cell(figure: Figure | undefined): string {
	if (figure === undefined) {
		return '—';
	}

	const own = Number.isNaN(figure.etcdeck.median) ? 'not measured' : `${figure.etcdeck.median} ${figure.unit}`;
	const beside = figure.alternative === undefined ? '' : ` (${figure.alternative.median} ${figure.unit}${figure.ratio === undefined ? '' : `; ${ratioText(figure)}`})`;
	const verdict = figure.verdict === undefined ? '' : figure.verdict.met ? ' — met' : ' — **MISSED**';
	return `${own}${beside}${verdict}`;
}

function runLine(results: BenchResults): string {
	const {machine} = results;
	return `- etcd ${machine.etcd}: ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.kernel}, node ${machine.node}; load average (1, 5, 15 min) ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd?.join(' ') ?? '?'} at end`;
}

/**
 * The README's figures from the latest run on each etcd line (bench-results/latest-etcd-*.json): one
 * row a measure, one column a line, each cell etcdeck's median, the alternative's and the ratio in
 * brackets, and the verdict; the machine and its load as the bench printed them.
 */
export function performanceMarkdown(runs: readonly BenchResults[]): string {
	const measures = [...new Set(runs.flatMap(run => run.figures.map(figure => `${figure.section}\u0000${figure.measure}`)))];
	const head = `| measure | target | ${runs.map(run => `etcd ${run.machine.etcd}: etcdeck (beside it; etcdeck is)`).join(' | ')} |`;
	const rule = `|---|---|${runs.map(() => '---').join('|')}|`;
	const rows = measures.map(name => {
		const [section, measure] = name.split('\u0000') as [string, string];
		const cells = runs.map(run => run.figures.find(figure => figure.section === section && figure.measure === measure));
		const target = cells.find(figure => figure?.verdict !== undefined)?.verdict?.target ?? '';
		return `| ${section.replace(/^\d+\. /, '')}: ${measure.trim().replaceAll('|', '/')} | ${target} | ${cells.map(figure => cell(figure)).join(' | ')} |`;
	});
	const alternatives = [...new Set(runs.flatMap(run => run.figures.flatMap(figure => (figure.alternative === undefined ? [] : [figure.alternative.label]))))];
	const missed = runs.flatMap(run => run.figures.filter(figure => figure.verdict?.met === false).map(figure => `etcd ${run.machine.etcd}: ${figure.measure.trim()}`));
	return [
		'Runs (`npm run bench:lines`, written here by `npm run bench:readme`):',
		'',
		...runs.map(run => runLine(run)),
		'',
		head,
		rule,
		...rows,
		'',
		'In brackets, what was measured beside etcdeck in the same run, one of:',
		...alternatives.map(label => `- ${label}`),
		'',
		missed.length === 0 ? 'Every target measured was met in these runs.' : `Targets missed in these runs: ${missed.join('; ')}.`,
	].join('\n');
}

/** The latest run of each etcd line, oldest line first. */
export function latestRuns(): BenchResults[] {
	return readdirSync(resultsDir)
		.filter(name => /^latest-etcd-.+\.json$/.test(name))
		.sort((a, b) => a.localeCompare(b, 'en', {numeric: true}))
		.map(name => JSON.parse(readFileSync(path.join(resultsDir, name), 'utf8')) as BenchResults);
}

function main(): void {
	const runs = latestRuns();
	if (runs.length === 0) {
		throw new Error(`no bench-results/latest-etcd-*.json in ${resultsDir}: run npm run bench:lines first`);
	}

	const readme = readFileSync(readmePath, 'utf8');
	const start = readme.indexOf(markers.start);
	const end = readme.indexOf(markers.end);
	if (start < 0 || end < start) {
		throw new Error(`README.md lacks the ${markers.start} / ${markers.end} markers`);
	}

	writeFileSync(readmePath, `${readme.slice(0, start + markers.start.length)}\n${performanceMarkdown(runs)}\n${readme.slice(end)}`);
	process.stdout.write(`README.md: figures of ${runs.map(run => `etcd ${run.machine.etcd} (${run.startedAt})`).join(', ')}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main();
}
