import type {PeerAnswer} from '../../cluster/membership/peer-answer.ts';
import type {MemberView} from '../cluster/member-view.ts';
import {promoteReadiness} from '../lag/catch-up.ts';
import type {LagHistory} from '../lag/lag-history.ts';

/** Where an added member stands on its way in: the runbook's steps, one at a time. */
export type JoinPhase = 'unstarted' | 'started' | 'catching-up' | 'ready' | 'other-cluster';

export interface JoinStatus {
	phase: JoinPhase;
	/** One line for the member's row. */
	text: string;
}

/**
 * A learner or an unstarted member on its way in, for its row: unstarted (with what its peer URL says,
 * so a node started with --initial-cluster-state new is called out) → started → catching up (rate, ETA)
 * → ready to promote. Undefined for a started voter: it has joined.
 */
export function joinStatus(view: MemberView, history: LagHistory, clusterId: string | undefined, peer: PeerAnswer | undefined): JoinStatus | undefined {
	const member = view.member;
	if (member === undefined || (member.started && !view.isLearner)) {
		return undefined;
	}

	if (!member.started) {
		const sign = peer === undefined ? undefined : newcomerSign(peer, clusterId);
		if (sign?.phase === 'other-cluster') {
			return sign;
		}

		return {phase: 'unstarted', text: `unstarted: added, waiting for its etcd to join${sign === undefined ? '' : `; ${sign.text}`}`};
	}

	if (view.status === undefined && view.probe?.statusDenied === undefined) {
		return {phase: 'started', text: `started, not answering: ${view.probe?.error ?? 'no answer yet'}`};
	}

	const readiness = promoteReadiness(history, member.id);
	if (readiness.ready) {
		return {phase: 'ready', text: 'in sync: ready to promote'};
	}

	return {phase: view.lagEntries !== undefined && view.lagEntries <= 1 ? 'started' : 'catching-up', text: readiness.reason};
}

/** What an unstarted member's peer URL tells the operator. */
export function newcomerSign(peer: PeerAnswer, clusterId: string | undefined): JoinStatus {
	switch (peer.kind) {
		case 'no-listener': {
			return {phase: 'unstarted', text: `nothing listens on ${peer.peerUrl} yet (${peer.error})`};
		}

		case 'cluster': {
			if (clusterId !== undefined && peer.clusterId !== clusterId) {
				return {phase: 'other-cluster', text: `cluster ID mismatch: the etcd on ${peer.peerUrl} is in cluster ${peer.clusterId}, not ${clusterId}: it was started with --initial-cluster-state new. Stop it, remove its data directory and start it with initial-cluster-state existing (or remove this member)`};
			}

			return {phase: 'unstarted', text: `its etcd answers on ${peer.peerUrl}, not joined yet`};
		}

		case 'error': {
			return {phase: 'unstarted', text: `its peer URL ${peer.peerUrl} answers: ${peer.error}`};
		}
	}
}
