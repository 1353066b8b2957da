import Table from 'cli-table3';
import type {Figure} from './figures.ts';

function value(median: number, unit: Figure['unit']): string {
	return Number.isNaN(median) ? 'not measured' : `${median} ${unit}`;
}

/** The ratio in words: how etcdeck compares with the alternative. */
export function ratioText(figure: Figure): string {
	if (figure.ratio === undefined) {
		return '';
	}

	const [better, worse] = figure.unit === 'ms' ? ['faster', 'slower'] : figure.unit === 'requests' ? ['fewer', 'more'] : ['less', 'more'];
	if (figure.ratio >= 1) {
		return `${figure.ratio}× ${better}`;
	}

	return `${Math.round(10 / figure.ratio) / 10}× ${worse}`;
}

function verdictText(figure: Figure): string {
	if (figure.verdict === undefined) {
		return '';
	}

	return figure.verdict.met ? 'met' : 'MISSED';
}

/** The figures as a table (medians, ratio, target, verdict), then what each alternative was and the notes. */
export function reportText(figures: readonly Figure[]): string {
	const table = new Table({
		head: ['measure', 'etcdeck', 'alternative', 'etcdeck is', 'target', 'result'],
		colAligns: ['left', 'right', 'right', 'right', 'left', 'left'],
		style: {head: [], border: [], compact: true},
	});
	const notes: string[] = [];
	let section = '';
	for (const [index, figure] of figures.entries()) {
		if (figure.section !== section) {
			section = figure.section;
			table.push([{colSpan: 6, content: section}]);
		}

		const mark = `[${index + 1}]`;
		table.push([
			`${figure.measure} ${mark}`,
			value(figure.etcdeck.median, figure.unit),
			figure.alternative === undefined ? '' : value(figure.alternative.median, figure.unit),
			ratioText(figure),
			figure.verdict?.target ?? '',
			verdictText(figure),
		]);
		const said = [
			figure.alternative === undefined ? undefined : `alternative: ${figure.alternative.label}`,
			`runs: etcdeck ${figure.etcdeck.runs.join(', ') || '-'}${figure.alternative === undefined ? '' : `; alternative ${figure.alternative.runs.join(', ')}`}`,
			figure.note,
		].filter((part): part is string => part !== undefined);
		notes.push(`${mark} ${said.join('\n    ')}`);
	}

	const missed = figures.filter(figure => figure.verdict?.met === false);
	const verdicts = missed.length === 0
		? ['Every target measured was met.']
		: missed.map(figure => `TARGET MISSED: ${figure.section}, ${figure.measure}: ${value(figure.etcdeck.median, figure.unit)}${figure.ratio === undefined ? '' : ` (${ratioText(figure)})`}, target ${figure.verdict!.target}`);
	const unmeasured = figures.filter(figure => Number.isNaN(figure.etcdeck.median)).map(figure => `NOT MEASURED: ${figure.section}, ${figure.measure}: ${figure.note ?? ''}`);
	return [table.toString(), '', ...notes, '', ...verdicts, ...unmeasured, ''].join('\n');
}
