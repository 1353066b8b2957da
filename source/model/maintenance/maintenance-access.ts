import type {ClusterSummary} from '../cluster/cluster-summary.ts';
import {rootRoleNeeded, statusDeniedReason} from '../cluster/root-role.ts';
import type {MaintenanceJobKind} from './maintenance-events.ts';

/** Said up front in every maintenance dialog. */
export const rootRoleNote = 'Needs the root role: etcd keeps defragment, compaction, disarm and HashKV to root.';

const jobNames: Record<MaintenanceJobKind, string> = {defrag: 'defragment', compact: 'compact', 'recover-space': 'recover-space', check: 'check'};

/**
 * Why a maintenance command cannot be started now, for the keymap's disabled reason; undefined when
 * it can. check reads only, so --read-only leaves it bound; the others write. A user the members
 * refused Status to (etcd 3.5 keeps it to root) lacks the root role: refused before anything is sent.
 */
export function maintenanceDisabledReason(kind: MaintenanceJobKind, summary: ClusterSummary | undefined, {readOnly, running}: {readOnly: boolean; running: boolean}): string | undefined {
	if (readOnly && kind !== 'check') {
		return `${jobNames[kind]} writes: not bound with --read-only`;
	}

	if (running) {
		return 'a maintenance job is running: one at a time';
	}

	if (summary === undefined) {
		return 'no look at the cluster yet';
	}

	if (summary.statusDenied) {
		const reason = statusDeniedReason(summary.views.map(view => view.probe));
		return `${jobNames[kind]} ${rootRoleNeeded}${reason === undefined ? '' : ` (${reason})`}`;
	}

	return undefined;
}
