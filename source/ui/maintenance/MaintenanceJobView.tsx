import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import {verdictLines} from '../../model/maintenance/consistency.ts';
import {formatElapsed, planLines, stepTitle, type JobStepView, type MaintenanceJobState} from '../../model/maintenance/maintenance-job.ts';
import type {JobOutcome, MaintenanceJobKind} from '../../model/maintenance/maintenance-events.ts';
import {formatBytes} from '../../model/shared/format.ts';

/** Steps shown at most; earlier ones are counted (the action log keeps them all). */
export const maxShownSteps = 6;

const titles: Record<MaintenanceJobKind, string> = {defrag: 'Defragment', compact: 'Compact', 'recover-space': 'Recover from NOSPACE', check: 'Consistency check (HashKV)'};
const marks = {running: '…', succeeded: '✔', failed: '✖', refused: '⊘', skipped: '•'} as const;
const colours = {running: 'cyan', succeeded: 'green', failed: 'red', refused: 'red', skipped: undefined} as const;
const outcomeColours: Record<JobOutcome, string> = {done: 'green', failed: 'red', refused: 'red', cancelled: 'yellow'};

/** A passed gate is progress, not news: it is shown while it runs and when it refuses, and otherwise left out. */
function shownSteps(job: MaintenanceJobState): JobStepView[] {
	return job.steps.filter(view => view.step.kind !== 'gate' || view.status !== 'succeeded');
}

function stepLine(view: JobStepView, now: number): string {
	const title = view.step.kind === 'gate' && view.status === 'running' ? `checking the ${stepTitle(view.step)}` : stepTitle(view.step);
	const time = formatElapsed(view.durationMs ?? Math.max(0, now - view.startedAt));
	const sizes = view.sizeBefore === undefined || view.sizeAfter === undefined ? [] : [`DB ${formatBytes(view.sizeBefore)} → ${formatBytes(view.sizeAfter)}`];
	const led = view.wasLeader === true ? [' (it led)'] : [];
	const message = view.status === 'running' || view.message === undefined || view.message === '' ? [] : [view.message];
	return [`${marks[view.status]} ${title}${led.join('')} ${time}`, ...sizes, ...message].join(' · ');
}

function headline(job: MaintenanceJobState, now: number): string {
	const elapsed = formatElapsed(now - job.startedAt);
	const defragged = job.steps.filter(view => view.step.kind === 'defrag' && view.status === 'succeeded').length;
	const progress = job.plan !== undefined && job.plan.order.length > 0 ? ` · ${defragged} of ${job.plan.order.length} defragmented` : '';
	return `${titles[job.kind]}: ${job.outcome ?? (job.cancelRequested ? 'stopping after the current member' : 'running')}${progress} · ${elapsed}`;
}

/** Every line the box holds, inside its border; maintenanceJobHeight counts the same. */
function bodyLines(job: MaintenanceJobState): {plan: string | undefined; hidden: number; steps: JobStepView[]; verdict: string[]} {
	const steps = shownSteps(job);
	const hidden = Math.max(0, steps.length - maxShownSteps);
	return {
		plan: job.plan === undefined ? undefined : planLines(job.plan)[0],
		hidden,
		steps: steps.slice(hidden),
		verdict: job.verdict === undefined ? [] : verdictLines(job.verdict),
	};
}

/** Lines the job's box takes below the pane: its border, headline, plan, steps, verdict, outcome and keys. */
export function maintenanceJobHeight(job: MaintenanceJobState): number {
	const {plan, hidden, steps, verdict} = bodyLines(job);
	return 2 + 1 + (plan === undefined ? 0 : 1) + (hidden > 0 ? 1 : 0) + steps.length + verdict.length + (job.message === undefined ? 0 : 1) + 1;
}

export interface MaintenanceJobViewProps {
	job: MaintenanceJobState;
	width: number;
	/** The clock for a running step's time. */
	now: number;
}

/**
 * A maintenance job as it runs, below the pane so the dashboard stays live (each member's Status falters
 * while it defragments): the plan, each step with its time, a defragment's DB size before and after,
 * the HashKV verdict and how it ended. Esc cancels after the member in progress, or closes.
 */
export function MaintenanceJobView({job, width, now}: MaintenanceJobViewProps) {
	const {plan, hidden, steps, verdict} = bodyLines(job);
	const running = job.outcome === undefined;
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor={running ? 'cyan' : outcomeColours[job.outcome!]} paddingX={1}>
			<Text bold wrap="truncate" color={running ? 'cyan' : outcomeColours[job.outcome!]}>{headline(job, now)}</Text>
			{plan === undefined ? null : <Text wrap="truncate" dimColor>{plan}</Text>}
			{hidden > 0 ? <Text dimColor>… {hidden} earlier steps (a: action log)</Text> : null}
			{steps.map((view, index) => (
				<Text key={index} wrap="truncate" color={colours[view.status]}>
					{stepLine(view, now)}
				</Text>
			))}
			{verdict.map((line, index) => (
				<Text key={`verdict-${index}`} wrap="truncate" color={job.verdict?.kind === 'consistent' ? 'green' : job.verdict?.kind === 'differ' ? 'red' : 'yellow'}>
					{line}
				</Text>
			))}
			{job.message === undefined ? null : (
				<Text wrap="truncate" color={outcomeColours[job.outcome!]}>
					{job.outcome}: {job.message}
				</Text>
			)}
			<Text wrap="truncate" dimColor>
				{running ? (job.cancelRequested ? 'stops after the current member; a defragment under way is never cut' : 'Esc cancel after the current member') : 'Esc or Enter close · a action log, with etcdctl'}
			</Text>
		</Box>
	);
}
