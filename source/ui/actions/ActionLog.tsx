import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import {clockTime, filterActionLog, type ActionLogEntry, type ActionOutcome} from '../../model/actions/action-log.ts';
import {plural} from '../../model/shared/format.ts';
import {wrapWords} from '../shared/wrap-words.ts';
import {filterLabel, noFilter, type RowFilter} from '../../model/shared/row-filter.ts';

export interface ActionLogProps {
	/** Oldest first, as the action log reducer keeps them; drawn newest first. */
	entries: readonly ActionLogEntry[];
	width: number;
	height: number;
	/** Newest (filtered) entries scrolled past. */
	offset?: number;
	filter?: RowFilter;
}

const outcomeColor: Record<ActionOutcome, string> = {succeeded: 'green', failed: 'red', refused: 'yellow', cancelled: 'gray'};

/** Two border lines and the title line. */
const frameLines = 3;
/** Border and padding on each side. */
const frameColumns = 4;
const indent = '  ';

interface DrawnEntry {
	entry: ActionLogEntry;
	/** What etcd or etcdeck said, broken to the log's width. */
	messageLines: string[];
	commandLines: string[];
}

/**
 * Every action of this session, newest first, from `offset` on as many as fit: time (UTC), action,
 * member and outcome; what etcd said, in full; and the etcdctl equivalent. ↑↓ scroll, `/` filters.
 */
export function ActionLog({entries, width, height, offset = 0, filter = noFilter}: ActionLogProps) {
	const inner = width - frameColumns;
	const matching = filterActionLog(entries, filter).reverse();
	const label = filterLabel(filter, matching.length, entries.length);
	const first = Math.min(Math.max(0, offset), Math.max(0, matching.length - 1));
	const rest = matching.slice(first);
	const drawn: DrawnEntry[] = [];
	let room = height - frameLines - (label === '' ? 0 : 1) - (first > 0 ? 1 : 0);
	for (const entry of rest) {
		const messageLines = wrapWords(entry.message, inner - indent.length);
		const commandLines = entry.etcdctl === undefined ? [] : wrapWords(`$ ${entry.etcdctl}`, inner - indent.length);
		const lines = 1 + messageLines.length + commandLines.length;
		// Unless this is the oldest entry, a line must stay free for "N earlier actions".
		const countLine = drawn.length + 1 < rest.length ? 1 : 0;
		if (lines + countLine > room && drawn.length > 0) {
			break;
		}

		drawn.push({entry, messageLines, commandLines});
		room -= lines;
	}

	const older = rest.length - drawn.length;
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor="cyan" paddingX={1}>
			<Text bold color="cyan" wrap="truncate">
				Action log <Text dimColor bold={false}>(UTC, newest first)</Text>
			</Text>
			{label === '' ? null : <Text color="cyan" wrap="truncate">{label}</Text>}
			{entries.length === 0 ? <Text dimColor>No action taken yet in this session.</Text> : null}
			{entries.length > 0 && matching.length === 0 ? <Text dimColor>No action matches the filter.</Text> : null}
			{first > 0 ? <Text dimColor>… {plural(first, 'newer action')} above</Text> : null}
			{drawn.map(({entry, messageLines, commandLines}, index) => (
				<Box key={matching.length - first - index} flexDirection="column">
					<Text wrap="truncate">
						{clockTime(entry.at)}  {entry.action} {entry.target}  <Text color={outcomeColor[entry.outcome]} bold>{entry.outcome}</Text>
					</Text>
					{messageLines.map((line, lineIndex) => (
						<Text key={lineIndex} wrap="truncate">{indent}{line}</Text>
					))}
					{commandLines.map((line, lineIndex) => (
						<Text key={lineIndex} dimColor wrap="truncate">{indent}{line}</Text>
					))}
				</Box>
			))}
			{older > 0 ? <Text dimColor>… {plural(older, 'earlier action')}</Text> : null}
		</Box>
	);
}
