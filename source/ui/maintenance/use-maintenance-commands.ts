import {useReducer, useRef, useState} from 'react';
import type {ClusterSummary} from '../../model/cluster/cluster-summary.ts';
import {consistencyWarnings, type ConsistencyVerdict} from '../../model/maintenance/consistency.ts';
import {maintenanceDisabledReason} from '../../model/maintenance/maintenance-access.ts';
import type {MaintenanceEvent, MaintenanceJobKind, MaintenanceJobs, MaintenanceRequest} from '../../model/maintenance/maintenance-events.ts';
import {namesMember} from '../../model/maintenance/defrag-plan.ts';
import {logEntryOf, type MaintenanceJobState, type MaintenanceLogEntry} from '../../model/maintenance/maintenance-job.ts';
import type {Warning} from '../../model/shared/warnings.ts';
import {useMaintenanceJob} from '../../hooks/use-maintenance-job.ts';
import {maintenanceDialogReducer, requestOf} from './maintenance-dialog-state.ts';
import {maintenanceDialogLayer, maintenanceJobLayer, type MaintenanceLayer} from './maintenance-layers.ts';
import {maintenanceCommandRunner, maintenanceGlobalCommands} from './maintenance-command-routes.ts';

export interface MaintenanceCommandsDeps {
	/** The dashboard's maintenance jobs; undefined when this run has none (nothing is then bound). */
	jobs: MaintenanceJobs | undefined;
	readOnly: boolean;
	/** The cluster as of now. */
	summary: () => ClusterSummary | undefined;
	/** Says something on the status line. */
	notice: (text: string) => void;
	/** Puts a finished step in the action log. */
	record: (entry: MaintenanceLogEntry) => void;
	/** A step changed the cluster: look again now rather than at the next refresh. */
	refreshNow: () => void;
}

const commandOf: Record<MaintenanceJobKind, string> = {defrag: ':defrag', compact: ':compact', 'recover-space': ':recover-space', check: ':check'};

/** Stands in when a run has no maintenance jobs: every command is disabled then, so it is never asked. */
const noJobs: MaintenanceJobs = {
	run: async () => Promise.resolve({outcome: 'refused', message: 'no maintenance in this run'}),
	previewCompact: async () => Promise.resolve('no maintenance in this run'),
};

/**
 * `:defrag`, `:compact`, `:recover-space` and `:check` (and their keys in the DB pane): each opens its
 * confirmation (the check, which only reads, starts at once), the confirmed job runs in the background
 * with its progress below the pane, and every finished step goes to the action log with its etcdctl
 * equivalent. The header hears of members that differ.
 */
export function useMaintenanceCommands({jobs, readOnly, summary, notice, record, refreshNow}: MaintenanceCommandsDeps) {
	const [dialog, dispatchDialog] = useReducer(maintenanceDialogReducer, undefined);
	// Read by the key handlers, which may run for several keys before the next render.
	const current = useRef(dialog);
	current.current = dialog;
	const dispatch = (event: Parameters<typeof maintenanceDialogReducer>[1]) => {
		current.current = maintenanceDialogReducer(current.current, event);
		dispatchDialog(event);
	};

	const jobKind = useRef<MaintenanceJobKind | undefined>(undefined);
	// The last check's verdict stays in the header after its box is closed, until a check says otherwise.
	const [verdict, setVerdict] = useState<ConsistencyVerdict | undefined>(undefined);
	const onEvent = (event: MaintenanceEvent) => {
		if (event.type === 'verdict') {
			setVerdict(event.verdict);
		}

		const entry = logEntryOf(event);
		if (entry !== undefined) {
			record(entry);
		}

		if (event.type === 'finished' && event.outcome === 'succeeded' && event.step.kind !== 'gate') {
			refreshNow();
		}

		if (event.type === 'done') {
			notice(`${commandOf[jobKind.current ?? 'defrag']}: ${event.outcome}: ${event.message}`);
		}
	};

	const job = useMaintenanceJob(jobs ?? noJobs, onEvent);

	/** Why `kind` cannot start now, or undefined; the keymap's disabled() says this. */
	const disabled = (kind: MaintenanceJobKind): string | undefined => {
		if (jobs === undefined) {
			return `${commandOf[kind]}: no maintenance in this run`;
		}

		const reason = maintenanceDisabledReason(kind, summary(), {readOnly, running: job.running});
		return reason === undefined ? undefined : `${commandOf[kind]}: ${reason}`;
	};

	const refused = (kind: MaintenanceJobKind): boolean => {
		const reason = disabled(kind);
		if (reason !== undefined) {
			notice(reason);
		}

		return reason !== undefined;
	};

	const start = (request: MaintenanceRequest) => {
		jobKind.current = request.kind;
		if (!job.start(request)) {
			notice('a maintenance job is running: one at a time');
		}
	};

	/** `:defrag [MEMBER|all]`: the rule's choice, every member, or the member named (its name or hex ID). */
	const openDefrag = ({all = false, member}: {all?: boolean; member?: string} = {}) => {
		if (refused('defrag')) {
			return;
		}

		if (member !== undefined && !(summary()?.views ?? []).some(view => view.member !== undefined && namesMember({id: view.member.id, name: view.name}, member))) {
			notice(`:defrag: no member is named ${member}: give a member's name or hex ID, or all`);
			return;
		}

		job.dismiss();
		dispatch({type: 'open-defrag', all, only: member});
	};

	const openRecoverSpace = () => {
		if (!refused('recover-space')) {
			job.dismiss();
			dispatch({type: 'open-recover-space'});
		}
	};

	/** `:compact [REVISION]`: reads the current and compacted revision first, then asks for the revision typed. */
	const openCompact = (revision?: number) => {
		if (refused('compact') || jobs === undefined) {
			return;
		}

		job.dismiss();
		dispatch({type: 'open-compact', requested: revision});
		void jobs.previewCompact(revision).then(
			preview => {
				dispatch({type: 'compact-preview', preview});
			},
			(error: unknown) => {
				dispatch({type: 'compact-preview', preview: error instanceof Error ? error.message : String(error)});
			},
		);
	};

	const runCheck = () => {
		if (!refused('check')) {
			job.dismiss();
			start({kind: 'check'});
		}
	};

	const confirm = () => {
		const open = current.current;
		if (open === undefined) {
			return;
		}

		const request = requestOf(open);
		if (request === undefined) {
			if (open.kind === 'compact') {
				dispatch({type: 'not-confirmed'});
			}

			return;
		}

		dispatch({type: 'close'});
		start(request);
	};

	const close = () => {
		const open = current.current;
		if (open !== undefined) {
			dispatch({type: 'close'});
			notice(open.kind === 'compact-refused' ? 'nothing compacted' : 'cancelled: nothing changed');
		}
	};

	const dialogLayer = (): MaintenanceLayer | undefined => maintenanceDialogLayer(current.current, {dispatch, confirm, close});
	const jobLayer = maintenanceJobLayer(job, notice);
	const openers = {openDefrag, openCompact, openRecoverSpace, runCheck, notice};
	const runCommand = maintenanceCommandRunner(openers);
	const globalCommands = maintenanceGlobalCommands(openers);

	// A NOSPACE alarm's own header line offers the way out (R, :recover-space): the cluster summary says it.
	const warnings: Warning[] = consistencyWarnings(verdict);
	const shown: MaintenanceJobState | undefined = job.job;
	return {dialog, job: shown, running: job.running, disabled, runCommand, globalCommands, openDefrag, openCompact, openRecoverSpace, runCheck, dialogLayer, jobLayer, warnings};
}
