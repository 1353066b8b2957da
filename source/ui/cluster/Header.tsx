import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import type {ClusterSummary} from '../../model/cluster/cluster-summary.ts';
import {byPriority, type Warning} from '../../model/shared/warnings.ts';
import {plural} from '../../model/shared/format.ts';

export interface HeaderProps {
	summary: ClusterSummary | undefined;
	width: number;
	/** Warning lines that fit; more are counted. */
	maxWarnings: number;
	/** The last action of this session and what came of it, e.g. "Leadership transferred from A to B". */
	lastAction?: string;
	lastActionOk?: boolean;
	/** Warnings from other sources than the cluster summary: /metrics health, recurring log trouble. */
	extraWarnings?: readonly Warning[];
	/** The context of the config file this cluster was opened as (--context, or from the fleet). */
	context?: string;
	/** No write keys: said beside the context's name (a context's read-only, or --read-only). */
	readOnly?: boolean;
}

/** Which cluster this is, among the operator's contexts, and whether its write keys are off. */
function ContextLabel({context, readOnly}: {context: string | undefined; readOnly: boolean}) {
	if (context === undefined) {
		return null;
	}

	return (
		<Text>
			<Text>  context </Text>
			<Text bold>{context}</Text>
			{readOnly ? <Text color="yellow" bold> read-only</Text> : null}
		</Text>
	);
}

const severityColor = {critical: 'red', warning: 'yellow'} as const;

function WarningLine({warning}: {warning: Warning}) {
	return (
		<Text wrap="truncate" color={severityColor[warning.severity]} bold={warning.severity === 'critical'}>
			{warning.severity === 'critical' ? '✖ ' : '▲ '}
			{warning.text}
		</Text>
	);
}

/** How many lines the header takes: two, plus its notes, its warning lines and the last action's. */
export function headerHeight(summary: ClusterSummary | undefined, maxWarnings: number, lastAction?: string, extraWarnings: readonly Warning[] = []): number {
	if (summary === undefined) {
		return 1;
	}

	return 2 + summary.notes.length + Math.min(summary.warnings.length + extraWarnings.length, maxWarnings) + (lastAction === undefined ? 0 : 1);
}

/**
 * Cluster identity, leader and quorum arithmetic, then a priority list: what is wrong, critical first
 * (QUORUM LOST leads), then warnings, then information (notes, the last action while it is recent).
 */
export function Header({summary, width, maxWarnings, lastAction, lastActionOk = false, extraWarnings = [], context, readOnly = false}: HeaderProps) {
	if (summary === undefined) {
		return (
			<Box width={width}>
				<Text bold color="cyan">etcdeck</Text>
				<ContextLabel context={context} readOnly={readOnly} />
				<Text dimColor> connecting…</Text>
			</Box>
		);
	}

	const sorted = byPriority([...summary.warnings, ...extraWarnings]);
	const shown = sorted.length > maxWarnings ? sorted.slice(0, Math.max(0, maxWarnings - 1)) : sorted;
	const more = sorted.length - shown.length;
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate">
				<Text bold color="cyan">etcdeck</Text>
				<ContextLabel context={context} readOnly={readOnly} />
				<Text>  cluster {summary.clusterId ?? '?'}</Text>
				<Text>  leader </Text>
				{summary.leader === undefined ? <Text color="red" bold>none</Text> : <Text bold>{summary.leader.name}</Text>}
			</Text>
			<Text wrap="truncate">
				<Text>voters {summary.voters}  learners {summary.learners}  </Text>
				<Text color={summary.quorumLost ? 'red' : summary.healthyVoters < summary.voters ? 'yellow' : 'green'}>
					healthy {summary.healthyVoters}/{summary.voters}
				</Text>
				<Text>  quorum {summary.quorum}  tolerates {plural(summary.failuresTolerated, 'failure')}</Text>
				<Text>, {summary.spareVoters >= 0 ? `${summary.spareVoters} left now` : 'quorum lost'}</Text>
			</Text>
			{shown.map(warning => <WarningLine key={warning.text} warning={warning} />)}
			{more > 0 ? <Text color="yellow" wrap="truncate">▲ {more} more warnings: ! lists them all</Text> : null}
			{summary.notes.map(note => (
				<Text key={note} wrap="truncate" color="cyan">
					{'note: '}
					{note}
				</Text>
			))}
			{lastAction === undefined ? null : (
				<Text wrap="truncate" color={lastActionOk ? 'green' : 'yellow'}>
					{lastActionOk ? '✔ ' : '• '}
					{lastAction}
				</Text>
			)}
		</Box>
	);
}
