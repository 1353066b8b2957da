import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import type {ClusterSummary} from '../../model/cluster/cluster-summary.ts';
import {defaultDefragRule, planDefrag, type PlannedMember} from '../../model/maintenance/defrag-plan.ts';
import {etcdctlFor} from '../../model/maintenance/maintenance-events.ts';
import {rootRoleNote} from '../../model/maintenance/maintenance-access.ts';
import {compactConsequences, disarmMaxQuotaRatio} from '../../model/maintenance/recovery.ts';
import {isConfirmed} from '../../model/maintenance/typed-confirmation.ts';
import {formatBytes, formatPercent, plural} from '../../model/shared/format.ts';
import type {MaintenanceDialog as DialogState} from './maintenance-dialog-state.ts';

export interface MaintenanceDialogProps {
	dialog: DialogState;
	/** The cluster as the last refresh saw it: the plan shown is made from it (the job plans again on a fresh look). */
	summary: ClusterSummary | undefined;
	width: number;
}

const gateLine = 'A gate before each member: every voter answers, quorum survives it being busy, raft lag under the limit, none defragmenting, no CORRUPT alarm; a refusal stops the run.';

function Toggle({keyName, label, on}: {keyName: string; label: string; on: boolean}) {
	return (
		<Text>
			<Text bold color="cyan">{keyName}</Text> {label}: <Text bold color={on ? 'green' : undefined} dimColor={!on}>{on ? 'on' : 'off'}</Text>
		</Text>
	);
}

function Keys({confirm}: {confirm: 'y' | 'Enter'}) {
	return (
		<Text>
			<Text bold color="green">{confirm}</Text> start · <Text bold color="red">{confirm === 'y' ? 'n or Esc' : 'Esc'}</Text> cancel
		</Text>
	);
}

function Command({command}: {command: string}) {
	return (
		<Text>
			<Text dimColor>etcdctl: </Text>
			{command}
		</Text>
	);
}

function leaderEndpoint(summary: ClusterSummary | undefined): string {
	return summary?.views.find(view => view.isLeader)?.probe?.endpoint ?? 'LEADER';
}

function role(member: PlannedMember): string {
	return member.isLearner ? 'learner' : member.isLeader ? 'leader' : 'follower';
}

function DefragConfirmation({dialog, summary}: {dialog: Extract<DialogState, {kind: 'defrag'}>; summary: ClusterSummary | undefined}) {
	const {choices} = dialog;
	if (summary === undefined) {
		return <Text>No look at the cluster yet: wait for the first refresh.</Text>;
	}

	const plan = planDefrag(summary, {...defaultDefragRule, all: choices.all, ...(dialog.only === undefined ? {} : {only: dialog.only})});
	const title = choices.compact
		? 'Compact first, then defragment one member at a time, the leader last?'
		: plan.order.length === 0
			? 'Defragment: no member meets the rule'
			: `Defragment ${plural(plan.order.length, 'member')} one at a time, the leader last? (about ${formatBytes(plan.expectedReclaimBytes)} to reclaim)`;
	// etcdctl defragments the endpoints it is given one after the other, in that order: the plan's, without the gates.
	const endpoints = plan.order.map(member => member.endpoint ?? member.name);
	return (
		<>
			<Text bold color="yellow">{title}</Text>
			<Text dimColor>rule: {plan.rule}</Text>
			{plan.order.map((member, index) => <Text key={member.id} wrap="truncate">{`  ${index + 1}. ${member.name} (${role(member)}): ${member.reason}`}</Text>)}
			{plan.skipped.map(member => <Text key={member.id} wrap="truncate" dimColor>{`  skip ${member.name} (${role(member)}): ${member.reason}`}</Text>)}
			{choices.compact ? <Text>The plan as it stands; made again after the compaction (which keeps the newest --keep-revisions revisions and frees more).</Text> : null}
			<Text dimColor>{gateLine}</Text>
			<Text>
				{dialog.only === undefined ? <><Toggle keyName="a" label="every member" on={choices.all} /> · </> : null}<Toggle keyName="c" label="compact first" on={choices.compact} /> · <Toggle keyName="l" label="move leadership before the leader's turn" on={choices.moveLeader} />
			</Text>
			{endpoints.length === 0 ? null : <Command command={`${choices.compact ? `etcdctl --endpoints=${leaderEndpoint(summary)} compact REVISION --physical; ` : ''}${etcdctlFor.defrag(endpoints.join(','))}`} />}
		</>
	);
}

function RecoverConfirmation({dialog, summary}: {dialog: Extract<DialogState, {kind: 'recover-space'}>; summary: ClusterSummary | undefined}) {
	const alarms = (summary?.alarms ?? []).filter(alarm => alarm.alarm === 'NOSPACE');
	const names = new Map((summary?.views ?? []).map(view => [view.id, view.name || view.id]));
	const views = summary?.views ?? [];
	const endpoints = views.flatMap(view => (view.probe === undefined ? [] : [view.probe.endpoint]));
	// The order the recovery defragments in: the leader last.
	const defragOrder = [...views.filter(view => !view.isLeader), ...views.filter(view => view.isLeader)].flatMap(view => (view.probe === undefined ? [] : [view.probe.endpoint]));
	const leader = leaderEndpoint(summary);
	return (
		<>
			<Text bold color="yellow">Recover from NOSPACE?</Text>
			<Text>{alarms.length === 0 ? 'No NOSPACE alarm is active now: the run stops at once if none is.' : `NOSPACE raised on ${alarms.map(alarm => names.get(alarm.memberId) ?? alarm.memberId).join(', ')}: the cluster refuses every write.`}</Text>
			<Text>1. compact to the current revision: all history before it is removed for good; older watchers fail</Text>
			<Text>2. defragment every member, one at a time behind the gate, the leader last</Text>
			<Text>3. disarm NOSPACE, once every member is below {formatPercent(disarmMaxQuotaRatio)} of its quota</Text>
			<Text>4. verify that no member&apos;s Status reports NOSPACE</Text>
			<Text dimColor>{gateLine}</Text>
			<Toggle keyName="l" label="move leadership before the leader's turn" on={dialog.moveLeader} />
			<Command command={`etcdctl --endpoints=${leader} compact CURRENT_REVISION --physical; ${etcdctlFor.defrag(defragOrder.join(','))}; ${etcdctlFor.disarm(leader)}; ${etcdctlFor.verify(endpoints)}`} />
		</>
	);
}

function CompactConfirmation({dialog}: {dialog: Extract<DialogState, {kind: 'compact'}>}) {
	const {preview, typed, problem} = dialog;
	return (
		<>
			<Text bold color="yellow">Compact the history up to revision {preview.target.revision}?</Text>
			{compactConsequences(preview.target).map((line, index) => <Text key={index}>{line}</Text>)}
			<Text>sent to the leader at {preview.endpoint}, behind the gate</Text>
			<Command command={preview.etcdctl} />
			<Text>
				Type <Text bold>{typed.expected}</Text> to confirm: <Text bold color={isConfirmed(typed) ? 'green' : 'cyan'}>{typed.typed}</Text>▏
			</Text>
			{problem === undefined ? null : <Text color="red">{problem}</Text>}
		</>
	);
}

/**
 * What a maintenance command asks before it starts: the plan or the steps, the gate, the choices it
 * still offers (their keys), the etcdctl equivalents and, up front, that it needs the root role. Only
 * draws; the App routes the keys to it while it is open.
 */
export function MaintenanceDialog({dialog, summary, width}: MaintenanceDialogProps) {
	const body = () => {
		switch (dialog.kind) {
			case 'defrag': {
				return <DefragConfirmation dialog={dialog} summary={summary} />;
			}

			case 'recover-space': {
				return <RecoverConfirmation dialog={dialog} summary={summary} />;
			}

			case 'compact': {
				return <CompactConfirmation dialog={dialog} />;
			}

			case 'compact-loading': {
				return <Text color="cyan">Reading the current and the compacted revision from the leader…</Text>;
			}

			case 'compact-refused': {
				return (
					<>
						<Text bold color="yellow">Compact{dialog.requested === undefined ? '' : ` to revision ${dialog.requested}`}</Text>
						<Text color="red">Nothing sent: {dialog.reason}</Text>
					</>
				);
			}
		}
	};

	const keys = dialog.kind === 'compact' ? <Keys confirm="Enter" /> : dialog.kind === 'defrag' || dialog.kind === 'recover-space' ? <Keys confirm="y" /> : <Text><Text bold>Esc</Text> close</Text>;
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor="yellow" paddingX={1}>
			{body()}
			<Text dimColor>{rootRoleNote}</Text>
			{keys}
		</Box>
	);
}
