import path from 'node:path';
import {useEffect, useRef, useState} from 'react';
import type {ClusterReading} from '../cluster/cluster-reading.ts';
import type {MembershipResult} from '../cluster/membership/membership-result.ts';
import type {PeerAnswer} from '../cluster/membership/peer-answer.ts';
import type {NewFileOutcome} from '../backup/write-new-file.ts';
import type {ActionLogEntry} from '../model/actions/action-log.ts';
import type {ClusterSummary} from '../model/cluster/cluster-summary.ts';
import type {LagHistory} from '../model/lag/lag-history.ts';
import {checkAdd, checkRemove, type AddRequest} from '../model/membership/membership-checks.ts';
import {membershipCancelledEntry, membershipEntry, membershipRefusedEntry} from '../model/membership/membership-log.ts';
import type {MembershipContext} from '../model/membership/membership-rows.ts';
import {newMemberSettings, renderSettings, settingsFileName} from '../model/membership/new-member-settings.ts';
import {noRejoins, trackRejoins, type RejoinState} from '../model/membership/rejoin-tracker.ts';
import {isConfirmed} from '../model/membership/membership-dialog-state.ts';
import {membershipUiReducer, noMembershipUi, parseAddLine, type MembershipUi} from '../model/membership/membership-ui-state.ts';
import {useSyncReducer} from './use-sync-reducer.ts';

/** The membership writes and reads the dashboard asks of the cluster; none throws. */
export interface MembershipActions {
	addMember: (request: {name: string; peerUrls: readonly string[]; isLearner: boolean}) => Promise<MembershipResult>;
	removeMember: (memberId: string) => Promise<MembershipResult>;
	askPeer: (peerUrl: string) => Promise<PeerAnswer>;
	/** Writes the settings to a new file (0600, never over one). */
	writeNewFile: (file: string, text: string) => Promise<NewFileOutcome>;
}

export interface MembershipInput {
	actions: MembershipActions;
	reading: ClusterReading | undefined;
	summary: ClusterSummary | undefined;
	history: LagHistory;
	/** Writes a line to the action log. */
	record: (entry: ActionLogEntry) => void;
	/** Where `w` writes a new member's settings. */
	settingsDir: string;
	/** The latest summary at the moment of asking (keys can outrun renders). */
	latestSummary: () => ClusterSummary | undefined;
}

export interface Membership {
	ui: MembershipUi;
	/** What the member rows need beyond the summary. */
	context: MembershipContext;
	/** Opens the add line (+), where the operator types NAME PEER-URL. */
	openAddForm: () => void;
	formType: (text: string) => void;
	formErase: () => void;
	/** Enter on the add line: the confirmation, or what is wrong (said on the line, also logged when a check refused). */
	formSubmit: () => void;
	formCancel: () => void;
	/** Opens the add confirmation, or returns why it is refused (also logged). */
	askAdd: (request: AddRequest) => string | undefined;
	/** Opens the remove confirmation, or returns why it is refused (also logged). */
	askRemove: (ref: string) => string | undefined;
	type: (text: string) => void;
	erase: () => void;
	/** y on an add, Enter on a remove: sends it when confirmed. */
	submit: () => void;
	cancel: () => void;
	nextFormat: () => void;
	writeSettings: () => void;
	closeSettings: () => void;
}

const noPeers: Readonly<Record<string, PeerAnswer>> = {};

/**
 * Membership changes in the dashboard: the confirmation, the change sent to the leader after the
 * checks run again on the latest reading, the action log, the new member's settings; and, from every
 * reading, which members went down and came back, and what unstarted members' peer URLs say.
 */
export function useMembership(input: MembershipInput): Membership {
	const {actions, reading, summary, history, record, settingsDir, latestSummary} = input;
	const [ui, dispatch, readUi] = useSyncReducer(membershipUiReducer, noMembershipUi);
	const [rejoins, setRejoins] = useState<RejoinState>(noRejoins);
	const [peers, setPeers] = useState<Readonly<Record<string, PeerAnswer>>>(noPeers);
	// What was last handed to React: a refresh that changes neither sets no state, so no frame is drawn for it.
	const rejoinsNow = useRef(rejoins);
	const peersNow = useRef(peers);

	// The summary is made anew on every render; what it says changes only with the reading.
	const summaryOfReading = useRef(summary);
	summaryOfReading.current = summary;
	useEffect(() => {
		const current = summaryOfReading.current;
		if (reading === undefined || current === undefined) {
			return;
		}

		const nextRejoins = trackRejoins(rejoinsNow.current, current, reading.takenAt);
		if (nextRejoins !== rejoinsNow.current) {
			rejoinsNow.current = nextRejoins;
			setRejoins(nextRejoins);
		}

		const unstarted = reading.members.filter(member => !member.started && member.peerUrls.length > 0);
		if (unstarted.length === 0 && peersNow.current === noPeers) {
			return;
		}

		let live = true;
		void Promise.all(unstarted.map(async member => [member.id, await actions.askPeer(member.peerUrls[0]!)] as const)).then(answers => {
			const nextPeers = answers.length === 0 ? noPeers : Object.fromEntries(answers);
			if (live && JSON.stringify(nextPeers) !== JSON.stringify(peersNow.current)) {
				peersNow.current = nextPeers;
				setPeers(nextPeers);
			}
		});
		return () => {
			live = false;
		};
	}, [reading, actions]);

	const refused = (action: 'member add' | 'member remove', target: string, reason: string) => {
		record(membershipRefusedEntry(action, target, reason, Date.now()));
		return reason;
	};

	const askAdd = (request: AddRequest) => {
		const check = checkAdd(latestSummary(), request);
		if (!check.allowed) {
			return refused('member add', request.name, check.reason);
		}

		dispatch({type: 'open', confirmation: check.confirmation, request});
		return undefined;
	};

	const askRemove = (ref: string) => {
		const check = checkRemove(latestSummary(), ref);
		if (!check.allowed) {
			return refused('member remove', ref, check.reason);
		}

		dispatch({type: 'open', confirmation: check.confirmation, request: undefined});
		return undefined;
	};

	const send = () => {
		const {dialog, request} = readUi();
		if (dialog === undefined) {
			return;
		}

		const {confirmation} = dialog;
		// The cluster may have changed while the operator read the confirmation.
		const again = confirmation.action === 'member add' ? checkAdd(latestSummary(), request!) : checkRemove(latestSummary(), confirmation.targetId!);
		if (!again.allowed) {
			refused(confirmation.action, confirmation.target, again.reason);
			dispatch({type: 'close-dialog'});
			return;
		}

		dispatch({type: 'dialog', event: {type: 'sent', pending: confirmation.action === 'member add' ? `adding ${confirmation.target}…` : `removing ${confirmation.target}…`}});
		const sent = confirmation.action === 'member add' ? actions.addMember({name: request!.name, peerUrls: request!.peerUrls, isLearner: !request!.asVoter}) : actions.removeMember(confirmation.targetId!);
		void sent.then(result => {
			record(membershipEntry(confirmation, request, result, Date.now()));
			dispatch({type: 'close-dialog'});
			if (confirmation.action === 'member add' && result.ok && result.added !== undefined) {
				const settings = newMemberSettings({name: request!.name, memberId: result.added.id, members: result.members});
				dispatch({type: 'show-settings', shown: {member: `${request!.name} (${result.added.id})`, name: request!.name, settings}});
			}
		});
	};

	return {
		ui,
		context: {history, peers, rejoins, now: reading?.takenAt ?? 0},
		askAdd,
		askRemove,
		openAddForm() {
			dispatch({type: 'open-form'});
		},
		formType(text) {
			dispatch({type: 'form-type', text});
		},
		formErase() {
			dispatch({type: 'form-erase'});
		},
		formSubmit() {
			const form = readUi().form;
			if (form === undefined) {
				return;
			}

			const request = parseAddLine(form.text);
			const problem = typeof request === 'string' ? request : askAdd(request);
			if (problem !== undefined) {
				dispatch({type: 'form-problem', text: problem});
			}
		},
		formCancel() {
			dispatch({type: 'close-form'});
		},
		type(text) {
			dispatch({type: 'dialog', event: {type: 'type', text}});
		},
		erase() {
			dispatch({type: 'dialog', event: {type: 'erase'}});
		},
		submit() {
			dispatch({type: 'dialog', event: {type: 'submit'}});
			const {dialog} = readUi();
			if (dialog !== undefined && isConfirmed(dialog)) {
				send();
			}
		},
		cancel() {
			const {dialog} = readUi();
			if (dialog !== undefined && dialog.pending === undefined) {
				record(membershipCancelledEntry(dialog.confirmation, Date.now()));
				dispatch({type: 'close-dialog'});
			}
		},
		nextFormat() {
			dispatch({type: 'next-format'});
		},
		writeSettings() {
			const shown = readUi().settings;
			if (shown === undefined) {
				return;
			}

			const file = path.join(settingsDir, settingsFileName(shown.name, shown.format));
			const comment = `etcdeck: settings of new member ${shown.member}, written ${new Date().toISOString()}`;
			void actions.writeNewFile(file, `${renderSettings(shown.settings, shown.format, shown.format === 'flags' ? undefined : comment).join('\n')}\n`).then(outcome => {
				dispatch({type: 'written', text: outcome.ok ? `written to ${outcome.path} (0600)` : `not written: ${outcome.message}`});
			});
		},
		closeSettings() {
			dispatch({type: 'close-settings'});
		},
	};
}
