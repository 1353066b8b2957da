import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import {formatSnapshotProgress, snapshotProgressRatio} from '../../model/snapshots/snapshot-progress.ts';
import type {SnapshotProgress} from '../../backup/save-progress.ts';
import type {SnapshotJob} from '../../hooks/use-snapshot-job.ts';
import type {DrillJob} from '../../hooks/use-drill-job.ts';
import {drillSummary} from '../../model/snapshots/drill-report.ts';
import {truncate} from '../shared/fit-columns.ts';
import {wrapWords} from '../shared/wrap-words.ts';
import type {SnapshotForm} from './snapshot-dialog-state.ts';

/** Lines of a failure's reason shown in full below the pane (the action log keeps it whole too). */
const maxReasonLines = 3;

function failureLines(job: Extract<SnapshotJob, {phase: 'failed'}>, width: number): string[] {
	return wrapWords(`${job.cancelled ? '• Snapshot cancelled' : '✖ Snapshot failed'}: ${job.message}`, width - 4).slice(0, maxReasonLines);
}

/** Lines the job's box takes below the pane: its border and text (a failure's reason wraps; a drill adds one). */
export function snapshotJobHeight(job: SnapshotJob, width: number, drill?: DrillJob): number {
	return 2 + (job.phase === 'failed' ? failureLines(job, width).length + 1 : 2) + (job.phase === 'done' && drill !== undefined ? 1 : 0);
}

/** The drill's line in the saved snapshot's box: what it is doing, or what it came to (the action log keeps it whole). */
function DrillLine({drill}: {drill: DrillJob}) {
	if (drill.phase === 'running') {
		return (
			<Text wrap="truncate">
				Drilling: {drill.step}… <Text dimColor>· Esc cancel</Text>
			</Text>
		);
	}

	const {result} = drill;
	const color = drill.cancelled ? 'yellow' : result.outcome === 'passed' ? 'green' : 'red';
	const mark = drill.cancelled ? '•' : result.outcome === 'passed' ? '✔' : '✖';
	return (
		<Text wrap="truncate" color={color}>
			{mark} {drill.cancelled ? 'drill cancelled' : drillSummary(result)}
		</Text>
	);
}

export function progressBar(progress: SnapshotProgress | undefined, width: number): string {
	const ratio = progress === undefined ? 0 : (snapshotProgressRatio(progress) ?? 0);
	const filled = Math.round(ratio * width);
	return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/** The form `s` opens: the target path (typed), and the member to stream from (↑/↓). */
export function SnapshotFormView({form, width}: {form: SnapshotForm; width: number}) {
	const inner = width - 4;
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor="cyan" paddingX={1}>
			<Text bold color="cyan">
				Save a snapshot
			</Text>
			<Text wrap="truncate">
				<Text dimColor>Target </Text>
				{truncate(form.path, inner - 8)}
				<Text inverse> </Text>
			</Text>
			<Text dimColor>Stream from</Text>
			{form.choices.map((choice, index) => (
				<Text key={choice.memberId} wrap="truncate" dimColor={choice.unavailableReason !== undefined}>
					{index === form.chosen ? '› ' : '  '}
					{choice.name}
					{choice.isLeader ? ' (leader)' : ''}
					{choice.endpoint === undefined ? '' : `  ${choice.endpoint}`}
					{choice.unavailableReason === undefined ? '' : `  cannot: ${choice.unavailableReason}`}
					{choice.caveat === undefined ? '' : `  ${choice.caveat}`}
				</Text>
			))}
			{form.problem === undefined ? null : (
				<Text color="yellow" wrap="truncate">
					{form.problem}
				</Text>
			)}
			<Text dimColor wrap="truncate">
				Enter save · ↑↓ member · type/Backspace edit path · Esc close
			</Text>
		</Box>
	);
}

/** A save in progress or finished (and its drill): kept below the pane, so the dashboard stays live meanwhile. */
export function SnapshotJobView({job, drill, width}: {job: SnapshotJob; drill?: DrillJob | undefined; width: number}) {
	const inner = width - 4;
	switch (job.phase) {
		case 'running': {
			const caption = job.progress === undefined ? 'connecting…' : formatSnapshotProgress(job.progress);
			return (
				<Box flexDirection="column" width={width} height={snapshotJobHeight(job, width)} borderStyle="round" borderColor="cyan" paddingX={1}>
					<Text wrap="truncate">
						Snapshot from {job.member.name} → {job.target}
					</Text>
					<Text wrap="truncate">
						{progressBar(job.progress, Math.min(30, Math.max(10, inner - caption.length - 14)))} {caption} <Text dimColor>· Esc cancel</Text>
					</Text>
				</Box>
			);
		}

		case 'done': {
			return (
				<Box flexDirection="column" width={width} height={snapshotJobHeight(job, width, drill)} borderStyle="round" borderColor="green" paddingX={1}>
					<Text wrap="truncate" color="green">
						✔ Saved and verified: {job.saved.path} <Text dimColor>(sha256 {job.saved.sha256.slice(0, 16)}…)</Text>
					</Text>
					<Text wrap="truncate" dimColor>
						{drill?.phase === 'running' ? '' : 'd drill it · '}Enter/Esc close · {job.saved.statusLine}
					</Text>
					{drill === undefined ? null : <DrillLine drill={drill} />}
				</Box>
			);
		}

		case 'failed': {
			return (
				<Box flexDirection="column" width={width} height={snapshotJobHeight(job, width)} borderStyle="round" borderColor={job.cancelled ? 'yellow' : 'red'} paddingX={1}>
					{failureLines(job, width).map(line => (
						<Text key={line} color={job.cancelled ? 'yellow' : 'red'}>
							{line}
						</Text>
					))}
					<Text wrap="truncate" dimColor>
						Nothing was left at {job.target} · Enter/Esc close
					</Text>
				</Box>
			);
		}
	}
}
