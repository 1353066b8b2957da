import type {ContextReading} from './fleet-reading.ts';
import type {ClusterReading} from './cluster-reading.ts';
import type {FleetMember} from './fleet-member.ts';

export interface MemberState {
	member: FleetMember;
	reading: ContextReading;
	/** When the next refresh is due; undefined while one runs. */
	dueAt: number | undefined;
	/** A refresh whose promise has not settled (past its deadline too): no other starts until it does. */
	inFlight: boolean;
}

/** What one refresh tells the poller as it goes. */
export interface RefreshHooks {
	/** The refresh ended or missed its deadline: its place on the network is free (called once). */
	release: () => void;
	/** The context's reading changed. */
	changed: () => void;
	/** The refresh's promise settled (for one past its deadline, later than release). */
	settled: () => void;
}

/** One refresh of one context; resolves when it ended or missed its deadline (its place is free then). */
export async function refreshWithDeadline(state: MemberState, {release: freePlace, changed, settled}: RefreshHooks): Promise<void> {
	let released = false;
	const release = () => {
		if (!released) {
			released = true;
			freePlace();
		}
	};

	state.inFlight = true;
	state.reading = {...state.reading, refreshing: true};
	const {deadlineMs} = state.member;
	let deadline: NodeJS.Timeout | undefined;
	const missed = new Promise<'missed'>(resolve => {
		deadline = setTimeout(() => {
			resolve('missed');
		}, deadlineMs);
	});
	const answer = state.member.source.refresh().then(
		cluster => cluster,
		() => undefined,
	);
	const first = await Promise.race([answer, missed]);
	if (first === 'missed') {
		state.reading = {...state.reading, overdue: {at: Date.now(), deadlineMs}, refreshing: false, failures: state.reading.failures + 1};
		release();
		changed();
		// The late answer only frees the context for its next refresh: the row stays "no answer within".
		void answer.then(late => {
			state.inFlight = false;
			if (late !== undefined && answered(late)) {
				state.reading = {...state.reading, lastAnswerAt: late.takenAt};
			}

			settled();
		});
		return;
	}

	clearTimeout(deadline);
	const cluster = first;
	const ok = cluster !== undefined && answered(cluster);
	state.reading = {
		...state.reading,
		cluster: cluster ?? state.reading.cluster,
		overdue: cluster === undefined ? {at: Date.now(), deadlineMs} : undefined,
		lastAnswerAt: ok ? cluster.takenAt : state.reading.lastAnswerAt,
		refreshing: false,
		failures: ok ? 0 : state.reading.failures + 1,
	};
	state.inFlight = false;
	release();
	changed();
	settled();
}

/** Whether any member answered: with its Status, or refusing Status to this user (it is up all the same). */
function answered(cluster: ClusterReading): boolean {
	return cluster.probes.some(probe => probe.status !== undefined || probe.statusDenied !== undefined);
}
