import type {CompactPreview, MaintenanceRequest} from '../../model/maintenance/maintenance-events.ts';
import {defaultDefragRule} from '../../model/maintenance/defrag-plan.ts';
import {eraseLast, isConfirmed, typedConfirmation, typeInto, type TypedConfirmation} from '../../model/maintenance/typed-confirmation.ts';

/** What the operator can still change in a defragment's confirmation (the headless flags' names). */
export interface DefragChoices {
	/** --all: every member, whatever it would reclaim. */
	all: boolean;
	/** --compact: compact first, keeping the newest --keep-revisions. */
	compact: boolean;
	/** --move-leader: hand leadership to a defragmented follower before the leader's turn. */
	moveLeader: boolean;
}

export type DefragChoice = keyof DefragChoices;

/** What `:defrag [MEMBER|all]` asked for: every member, one named member, or the rule's choice. */
export interface DefragAsked {
	all: boolean;
	/** A member's name or hex ID: that member alone. */
	only: string | undefined;
}

/**
 * The maintenance dialog before a job starts: a defragment's or a NOSPACE recovery's confirmation (y),
 * a compaction's preview while it is read, and its typed confirmation (the revision, typed out: what it
 * removes is gone for good), or why a compaction cannot be done.
 */
export type MaintenanceDialog =
	| {kind: 'defrag'; choices: DefragChoices; only: string | undefined}
	| {kind: 'recover-space'; moveLeader: boolean}
	| {kind: 'compact-loading'; requested: number | undefined}
	| {kind: 'compact'; preview: CompactPreview; typed: TypedConfirmation; problem: string | undefined}
	| {kind: 'compact-refused'; requested: number | undefined; reason: string};

export type MaintenanceDialogEvent =
	| ({type: 'open-defrag'} & DefragAsked)
	| {type: 'open-recover-space'}
	| {type: 'open-compact'; requested: number | undefined}
	| {type: 'compact-preview'; preview: CompactPreview | string}
	| {type: 'toggle'; choice: DefragChoice}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	/** Enter on a typed confirmation that does not match yet: says what to type. */
	| {type: 'not-confirmed'}
	| {type: 'close'};

export function maintenanceDialogReducer(state: MaintenanceDialog | undefined, event: MaintenanceDialogEvent): MaintenanceDialog | undefined {
	switch (event.type) {
		case 'open-defrag': {
			return {kind: 'defrag', choices: {all: event.all, compact: false, moveLeader: false}, only: event.only};
		}

		case 'open-recover-space': {
			return {kind: 'recover-space', moveLeader: false};
		}

		case 'open-compact': {
			return {kind: 'compact-loading', requested: event.requested};
		}

		case 'compact-preview': {
			// A preview that comes after the dialog was closed (or reopened for something else) is dropped.
			if (state?.kind !== 'compact-loading') {
				return state;
			}

			return typeof event.preview === 'string'
				? {kind: 'compact-refused', requested: state.requested, reason: event.preview}
				: {kind: 'compact', preview: event.preview, typed: typedConfirmation(String(event.preview.target.revision)), problem: undefined};
		}

		case 'toggle': {
			if (state?.kind === 'defrag' && !(event.choice === 'all' && state.only !== undefined)) {
				return {...state, choices: {...state.choices, [event.choice]: !state.choices[event.choice]}};
			}

			return state?.kind === 'recover-space' && event.choice === 'moveLeader' ? {...state, moveLeader: !state.moveLeader} : state;
		}

		case 'type': {
			return state?.kind === 'compact' ? {...state, typed: typeInto(state.typed, event.text), problem: undefined} : state;
		}

		case 'erase': {
			return state?.kind === 'compact' ? {...state, typed: eraseLast(state.typed), problem: undefined} : state;
		}

		case 'not-confirmed': {
			return state?.kind === 'compact' ? {...state, problem: `type ${state.typed.expected}, the revision, to confirm`} : state;
		}

		case 'close': {
			return undefined;
		}
	}
}

/**
 * The job a confirmed dialog starts, or undefined when it is not confirmed (a typed confirmation that
 * does not match) or has nothing to start. A compaction runs to the revision shown and typed, not to
 * one worked out again.
 */
export function requestOf(dialog: MaintenanceDialog): MaintenanceRequest | undefined {
	switch (dialog.kind) {
		case 'defrag': {
			return {kind: 'defrag', rule: {...defaultDefragRule, all: dialog.choices.all, ...(dialog.only === undefined ? {} : {only: dialog.only})}, dryRun: false, compact: dialog.choices.compact, moveLeader: dialog.choices.moveLeader};
		}

		case 'recover-space': {
			return {kind: 'recover-space', moveLeader: dialog.moveLeader};
		}

		case 'compact': {
			return isConfirmed(dialog.typed) ? {kind: 'compact', revision: dialog.preview.target.revision} : undefined;
		}

		case 'compact-loading':
		case 'compact-refused': {
			return undefined;
		}
	}
}

/** Whether the dialog takes typed text (a compaction's revision): q and the digits are text there, not keys. */
export function takesText(dialog: MaintenanceDialog | undefined): boolean {
	return dialog?.kind === 'compact';
}
