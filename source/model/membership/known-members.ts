import type {ClusterSummary} from '../cluster/cluster-summary.ts';
import type {MemberView} from '../cluster/member-view.ts';
import {memberLabel} from '../actions/member-action-checks.ts';

export type KnownView = MemberView & {member: NonNullable<MemberView['member']>};

export function known(summary: ClusterSummary): KnownView[] {
	return summary.views.filter((view): view is KnownView => view.member !== undefined);
}

/** A member answered its own status call (with figures, or refusing Status to this user). */
export function answers(view: MemberView): boolean {
	return view.status !== undefined || view.probe?.statusDenied !== undefined;
}

export function labelOf(view: KnownView): string {
	return memberLabel(view.name, view.member.id);
}

export function leaderView(views: readonly KnownView[]): KnownView | undefined {
	return views.find(view => view.isLeader);
}

export function endpointOf(view: KnownView | undefined): string | undefined {
	return view === undefined ? undefined : view.probe?.endpoint ?? view.member.clientUrls[0];
}
