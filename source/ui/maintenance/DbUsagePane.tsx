import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import type {Warning} from '../../model/shared/warnings.ts';
import type {DbUsage} from '../../model/maintenance/db-usage.ts';
import {dbUsageColumns, dbUsageRows} from '../../model/maintenance/db-usage-rows.ts';
import {DataTable} from '../shared/DataTable.tsx';
import {wrapWords} from '../shared/wrap-words.ts';

export interface DbUsagePaneProps {
	/** Every answering member's usage (dbUsages over the DB history). */
	usages: readonly DbUsage[];
	/** The early warnings (dbUsageWarnings), said under the table with their figures. */
	warnings: readonly Warning[];
	width: number;
	/** Lines available to the pane. */
	height: number;
	selectedId: string | undefined;
	emptyText: string;
	/** Under everything: what the maintenance commands are, or why this user cannot run them (the root role). */
	footer: string | undefined;
}

const marker = {critical: '✖ ', warning: '▲ '} as const;

/**
 * The DB pane: every member's DB size, size in use, reclaimable (size − in use), its real quota and
 * share of it, the growth since etcdeck started and the time to the quota at that rate; under it the
 * runbook's warning signs, in full, as many as fit.
 */
export function DbUsagePane({usages, warnings, width, height, selectedId, emptyText, footer}: DbUsagePaneProps) {
	const rows = dbUsageRows(usages);
	const footerLines = footer === undefined ? [] : wrapWords(footer, width);
	// Title, rows and the selected row's detail line: every member if it can.
	const tableHeight = Math.max(3, Math.min(Math.max(rows.length, 1) + 3, height - footerLines.length - 1));
	let room = height - tableHeight - footerLines.length - 1;
	const drawn: Array<{warning: Warning; lines: string[]}> = [];
	for (const warning of warnings) {
		const lines = wrapWords(warning.text, width - 2);
		const countLine = drawn.length + 1 < warnings.length ? 1 : 0;
		if (lines.length + countLine > room) {
			break;
		}

		drawn.push({warning, lines});
		room -= lines.length;
	}

	return (
		<Box flexDirection="column" width={width}>
			<DataTable columns={dbUsageColumns} rows={rows} width={width} height={tableHeight} selectedId={selectedId ?? rows[0]?.id} emptyText={emptyText} />
			{drawn.length > 0 || footerLines.length > 0 ? <Text> </Text> : null}
			{drawn.map(({warning, lines}, index) => lines.map((line, lineIndex) => (
				<Text key={`${index}-${lineIndex}`} color={warning.severity === 'critical' ? 'red' : 'yellow'}>
					{lineIndex === 0 ? marker[warning.severity] : '  '}
					{line}
				</Text>
			)))}
			{warnings.length > drawn.length ? <Text dimColor>… {warnings.length - drawn.length} more</Text> : null}
			{footerLines.map((line, index) => <Text key={`footer-${index}`} dimColor>{line}</Text>)}
		</Box>
	);
}
