import type {ActionOutcome} from '../actions/action-log.ts';
import {formatBytes, plural} from '../shared/format.ts';
import {verdictLines, type ConsistencyVerdict} from './consistency.ts';
import type {DefragPlan, PlannedMember} from './defrag-plan.ts';
import type {GateCheck} from './maintenance-gate.ts';
import type {JobOutcome, MaintenanceEvent, MaintenanceJobKind, MaintenanceStep, MaintenanceStepKind, StepOutcome} from './maintenance-events.ts';

/** One step as the progress view shows it. */
export interface JobStepView {
	step: MaintenanceStep;
	status: 'running' | StepOutcome;
	message: string | undefined;
	startedAt: number;
	durationMs: number | undefined;
	sizeBefore: number | undefined;
	sizeAfter: number | undefined;
	wasLeader: boolean | undefined;
	checks: GateCheck[] | undefined;
}

/** A maintenance job as the dashboard follows it: what was planned, each step, and how it ended. */
export interface MaintenanceJobState {
	kind: MaintenanceJobKind;
	startedAt: number;
	plan: DefragPlan | undefined;
	steps: JobStepView[];
	verdict: ConsistencyVerdict | undefined;
	outcome: JobOutcome | undefined;
	message: string | undefined;
	/** The operator asked to stop: the job ends after the member in progress. */
	cancelRequested: boolean;
}

export type MaintenanceJobAction = {type: 'event'; event: MaintenanceEvent} | {type: 'cancel-requested'};

export function startJob(kind: MaintenanceJobKind, at: number): MaintenanceJobState {
	return {kind, startedAt: at, plan: undefined, steps: [], verdict: undefined, outcome: undefined, message: undefined, cancelRequested: false};
}

export function maintenanceJobReducer(state: MaintenanceJobState, action: MaintenanceJobAction): MaintenanceJobState {
	if (action.type === 'cancel-requested') {
		return state.outcome === undefined ? {...state, cancelRequested: true} : state;
	}

	const {event} = action;
	switch (event.type) {
		case 'plan': {
			return {...state, plan: event.plan};
		}

		case 'started': {
			const view: JobStepView = {step: event.step, status: 'running', message: undefined, startedAt: event.at, durationMs: undefined, sizeBefore: undefined, sizeAfter: undefined, wasLeader: undefined, checks: undefined};
			return {...state, steps: [...state.steps, view]};
		}

		case 'finished': {
			const finished = (view: JobStepView): JobStepView => ({
				...view,
				status: event.outcome,
				message: event.message,
				durationMs: event.durationMs,
				sizeBefore: event.sizeBefore,
				sizeAfter: event.sizeAfter,
				wasLeader: event.wasLeader,
				checks: event.checks,
			});
			const index = lastRunningIndex(state.steps, event.step);
			if (index === -1) {
				return {...state, steps: [...state.steps, finished({step: event.step, status: 'running', message: undefined, startedAt: event.at - event.durationMs, durationMs: undefined, sizeBefore: undefined, sizeAfter: undefined, wasLeader: undefined, checks: undefined})]};
			}

			return {...state, steps: state.steps.map((view, position) => (position === index ? finished(view) : view))};
		}

		case 'verdict': {
			return {...state, verdict: event.verdict};
		}

		case 'done': {
			return {...state, outcome: event.outcome, message: event.message};
		}
	}
}

function lastRunningIndex(steps: readonly JobStepView[], step: MaintenanceStep): number {
	for (let index = steps.length - 1; index >= 0; index--) {
		const view = steps[index]!;
		if (view.status === 'running' && view.step.kind === step.kind && view.step.target === step.target) {
			return index;
		}
	}

	return -1;
}

/** Elapsed time to the millisecond under 10 s (a small defragment takes a fraction of one), else in seconds. */
export function formatElapsed(ms: number): string {
	if (ms < 10_000) {
		return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
	}

	return `${Math.round(ms / 1000)} s`;
}

const stepTitles: Record<MaintenanceStepKind, (target: string) => string> = {
	gate: target => `gate before ${target}`,
	compact: () => 'compact',
	remeasure: () => 'make etcd measure the size in use',
	'move-leader': target => `move leadership away from ${target}`,
	defrag: target => `defragment ${target}`,
	disarm: () => 'disarm NOSPACE',
	verify: () => 'verify NOSPACE is gone',
	hashkv: () => 'hash every voter',
};

export function stepTitle(step: MaintenanceStep): string {
	return stepTitles[step.kind](step.target);
}

function role(member: PlannedMember): string {
	return member.isLearner ? 'learner' : member.isLeader ? 'leader' : 'follower';
}

/** The plan in lines: the rule, then the order with what each member is expected to give back. */
export function planLines(plan: DefragPlan): string[] {
	const head = plan.order.length === 0
		? `plan: nothing to defragment; rule: ${plan.rule}`
		: `plan: defragment ${plural(plan.order.length, 'member')} one at a time (learners first, the leader last), about ${formatBytes(plan.expectedReclaimBytes)} to reclaim; rule: ${plan.rule}`;
	return [
		head,
		...(plan.note === undefined ? [] : [`  note: ${plan.note}`]),
		...plan.order.map((member, index) => `  ${index + 1}. ${member.name} (${role(member)}): ${member.reason}`),
		...plan.skipped.map(member => `  skip ${member.name} (${role(member)}): ${member.reason}`),
	];
}

function sizes(before: number | undefined, after: number | undefined): string | undefined {
	return before === undefined || after === undefined ? undefined : `DB ${formatBytes(before)} → ${formatBytes(after)}`;
}

/** What a finished step says after its outcome: the sizes, then etcd's or etcdeck's message. */
function outcomeDetail(event: Extract<MaintenanceEvent, {type: 'finished'}>): string[] {
	return [sizes(event.sizeBefore, event.sizeAfter), event.message].filter((part): part is string => part !== undefined && part !== '');
}

/** The lines a headless command prints for an event: a line a step as it starts and as it ends. */
export function eventLines(event: MaintenanceEvent): string[] {
	switch (event.type) {
		case 'plan': {
			return planLines(event.plan);
		}

		case 'started': {
			return event.step.kind === 'gate' ? [] : [`${stepTitle(event.step)}…${event.step.etcdctl === undefined ? '' : ` ($ ${event.step.etcdctl})`}`];
		}

		case 'finished': {
			if (event.step.kind === 'gate') {
				const checks = (event.checks ?? []).filter(check => event.outcome === 'succeeded' || !check.passed).map(check => check.detail);
				return [`${stepTitle(event.step)}: ${event.outcome === 'succeeded' ? 'passed' : 'REFUSED'}: ${checks.join('; ')}`];
			}

			const leader = event.wasLeader === true ? ' (it led)' : '';
			return [[`${stepTitle(event.step)}${leader}: ${event.outcome} in ${formatElapsed(event.durationMs)}`, ...outcomeDetail(event)].join(': ')];
		}

		case 'verdict': {
			return verdictLines(event.verdict);
		}

		case 'done': {
			return [`${event.outcome}: ${event.message}`];
		}
	}
}

/**
 * One action-log entry for a finished step (the App's log takes it once its action union holds the
 * maintenance kinds): what was done, to whom, how it went, and the etcdctl equivalent. Passed gates
 * are progress, not actions, and are left out; a refused gate is logged, with its reason.
 */
export interface MaintenanceLogEntry {
	at: number;
	action: MaintenanceStepKind;
	target: string;
	outcome: ActionOutcome;
	message: string;
	etcdctl: string | undefined;
}

export function logEntryOf(event: MaintenanceEvent): MaintenanceLogEntry | undefined {
	if (event.type !== 'finished' || (event.step.kind === 'gate' && event.outcome === 'succeeded') || event.outcome === 'skipped') {
		return undefined;
	}

	const outcome: ActionOutcome = event.outcome;
	// The header shows a succeeded action by its message alone: it says which step it was.
	const title = `${stepTitle(event.step)}${event.wasLeader === true ? ' (it led)' : ''}`;
	const message = event.step.kind === 'gate'
		? (event.checks ?? []).filter(check => !check.passed).map(check => check.detail).join('; ')
		: [title, ...outcomeDetail(event)].join(': ');
	return {at: event.at, action: event.step.kind, target: event.step.target, outcome, message, etcdctl: event.step.etcdctl};
}
