import {createInterface} from 'node:readline/promises';
import type {ClusterReading} from '../cluster/cluster-reading.ts';
import {ClusterService} from '../cluster/cluster-service.ts';
import type {PeerAnswer} from '../cluster/membership/peer-answer.ts';
import {resolveSettingsAsking} from '../config/password-prompt.ts';
import type {RawOptions} from '../config/resolve-settings.ts';
import type {Settings} from '../config/settings.ts';
import {summarize, type ClusterSummary} from '../model/cluster/cluster-summary.ts';
import {nothingAnswers} from '../model/cluster/reachability.ts';
import {emptyLagHistory, recordLag} from '../model/lag/lag-history.ts';
import {checkAdd, checkRemove} from '../model/membership/membership-checks.ts';
import type {MembershipCheck, MembershipConfirmation} from '../model/membership/membership-confirmation.ts';
import {membershipColumns, membershipRows} from '../model/membership/membership-rows.ts';
import {newMemberSettings, renderSettings, settingsFormats, type SettingsFormat} from '../model/membership/new-member-settings.ts';
import {noRejoins} from '../model/membership/rejoin-tracker.ts';
import {Refusal, reportRefusals, type CommandIo} from './command-io.ts';
import {chooseSubcommand} from './subcommands.ts';
import {printLines} from './print.ts';
import {misplacedRestorePlanFlag} from './restore-plan-command.ts';
import {textTable} from './text-table.ts';

/** The flags `etcdeck member` reads, as meow parsed them. */
export interface MemberFlags extends RawOptions {
	yes?: boolean;
	voter?: boolean;
	format?: string;
	clientUrls?: string;
	quotaBytes?: number;
}

/** Exit codes of `etcdeck member`, as the help text lists them. */
export const memberExitCodes = {
	/** Done (list: printed). */
	ok: 0,
	/** Sent, and etcd refused or did not answer. */
	etcdRefused: 1,
	/** Refused before etcd was asked: bad input, a check on the cluster said no, not confirmed. */
	refused: 2,
} as const;

/** How long `member list` waits between its two readings, so a learner's catch-up rate and readiness can be told. */
const secondReadingAfterMs = 1000;

/** `etcdeck member list`, `member add NAME PEER-URL[,PEER-URL]` and `member remove MEMBER`; returns the exit code. */
export async function runMemberCommand(args: readonly string[], flags: MemberFlags, io: CommandIo): Promise<number> {
	return reportRefusals(io, memberExitCodes.refused, async () => {
		const chosen = chooseSubcommand('member', args);
		if (!chosen.ok) {
			throw new Refusal(chosen.message, chosen.details);
		}

		const {name: action, operands} = chosen;
		const misplaced = misplacedRestorePlanFlag({...flags, format: undefined, clientUrls: undefined});
		if (misplaced !== undefined) {
			throw new Refusal(`${misplaced} only applies to "etcdeck restore-plan"`);
		}

		const format = settingsFormatOf(flags.format);
		if (action !== 'list' && flags.yes !== true && io.terminal === undefined) {
			throw new Refusal(`no terminal to confirm on: give --yes to ${action} without asking`);
		}

		if (action !== 'add' && (flags.voter === true || flags.clientUrls !== undefined || flags.format !== undefined)) {
			throw new Refusal(`${flags.voter === true ? '--voter' : flags.clientUrls === undefined ? '--format' : '--client-urls'} only applies to "member add"`);
		}

		const settings = await resolveSettingsAsking(flags, io.env, io.terminal);
		io.onSettings?.(settings);
		const service = new ClusterService(settings.connection);
		try {
			const first = await readCluster(service);
			switch (action) {
				case 'list': {
					return await list(service, settings, first, io);
				}

				case 'add': {
					return await add(service, settings, first, {name: operands[0]!, peerText: operands[1]!, format}, flags, io);
				}

				case 'remove': {
					return await remove(service, settings, first, operands[0]!, flags, io);
				}
			}
		} finally {
			service.close();
		}
	});
}

function settingsFormatOf(text: string | undefined): SettingsFormat {
	const format = text ?? 'env';
	if (!(settingsFormats as readonly string[]).includes(format)) {
		throw new Refusal(`--format must be ${settingsFormats.join(', ')} for "member add", got ${JSON.stringify(format)}`);
	}

	return format as SettingsFormat;
}

async function readCluster(service: ClusterService): Promise<ClusterReading> {
	const reading = await service.refresh();
	const unreachable = nothingAnswers(reading);
	if (unreachable !== undefined) {
		throw new Refusal('cannot reach the cluster:', unreachable);
	}

	return reading;
}

function summaryOf(reading: ClusterReading, settings: Settings): ClusterSummary {
	return summarize(reading, {quotaBytes: settings.quotaBytes});
}

/** What each unstarted member's first peer URL answers. */
async function peerAnswers(service: ClusterService, reading: ClusterReading): Promise<Record<string, PeerAnswer>> {
	const unstarted = reading.members.filter(member => !member.started && member.peerUrls.length > 0);
	const answers = await Promise.all(unstarted.map(async member => [member.id, await service.askPeer(member.peerUrls[0]!)] as const));
	return Object.fromEntries(answers);
}

async function list(service: ClusterService, settings: Settings, first: ClusterReading, io: CommandIo): Promise<number> {
	await new Promise(resolve => {
		setTimeout(resolve, secondReadingAfterMs);
	});
	const second = await service.refresh();
	const history = recordLag(recordLag(emptyLagHistory, first), second);
	const summary = summaryOf(second, settings);
	const peers = await peerAnswers(service, second);
	const rows = membershipRows(summary, {history, peers, rejoins: noRejoins, now: second.takenAt});
	printLines(io.stdout, [
		`cluster ${summary.clusterId ?? 'unknown'}: ${summary.voters} voters (quorum ${summary.quorum}, ${summary.healthyVoters} answering, tolerates ${summary.failuresTolerated}), ${summary.learners} learners`,
		...textTable(membershipColumns, rows),
	]);
	return memberExitCodes.ok;
}

/** The confirmation, on stderr (stdout carries only the settings). */
function showConfirmation(confirmation: MembershipConfirmation, io: CommandIo): void {
	const width = Math.max(...confirmation.facts.map(fact => fact.label.length));
	printLines(io.stderr, [
		confirmation.title,
		...confirmation.facts.map(fact => `  ${fact.label.padEnd(width)}  ${fact.value}`),
		...confirmation.warnings.map(warning => `  warning: ${warning}`),
		`  etcdctl equivalent: ${confirmation.etcdctl}`,
	]);
}

function allowedOrRefuse(check: MembershipCheck): MembershipConfirmation {
	if (!check.allowed) {
		throw new Refusal(check.reason);
	}

	return check.confirmation;
}

/** Asks on the terminal; the answer must be exactly `expected`. */
async function confirmed(io: CommandIo, question: string, expected: string): Promise<boolean> {
	const terminal = io.terminal!;
	const reader = createInterface({input: terminal.input, output: terminal.output as NodeJS.WritableStream, terminal: false});
	try {
		const answer = await reader.question(question);
		return answer.trim() === expected;
	} finally {
		reader.close();
	}
}

async function add(service: ClusterService, settings: Settings, first: ClusterReading, operands: {name: string; peerText: string; format: SettingsFormat}, flags: MemberFlags, io: CommandIo): Promise<number> {
	const {name, peerText, format} = operands;
	const peerUrls = peerText.split(',').map(url => url.trim()).filter(url => url !== '');
	const clientUrls = flags.clientUrls?.split(',').map(url => url.trim()).filter(url => url !== '');
	const request = {name, peerUrls, asVoter: flags.voter === true};
	const confirmation = allowedOrRefuse(checkAdd(summaryOf(first, settings), request));
	showConfirmation(confirmation, io);
	if (flags.yes !== true && !(await confirmed(io, `Type yes to add ${name}: `, 'yes'))) {
		throw new Refusal(`not added: ${name} was not confirmed`);
	}

	// Looked at again: the cluster may have changed while the operator read the confirmation.
	const fresh = await service.refresh();
	allowedOrRefuse(checkAdd(summaryOf(fresh, settings), request));
	const result = await service.addMember({name, peerUrls, isLearner: !request.asVoter});
	if (!result.ok || result.added === undefined) {
		printLines(io.stderr, [`etcdeck: ${name} not added: ${result.message}${result.sentTo === undefined ? '' : ` (sent to ${result.sentTo})`}`]);
		return result.sentTo === undefined ? memberExitCodes.refused : memberExitCodes.etcdRefused;
	}

	const newSettings = newMemberSettings({name, memberId: result.added.id, members: result.members, ...(clientUrls === undefined ? {} : {clientUrls})});
	const comment = `etcdeck: settings of new ${request.asVoter ? 'voter' : 'learner'} ${name} (${result.added.id}), cluster ${fresh.clusterId ?? 'unknown'}, added ${new Date().toISOString()}`;
	printLines(io.stdout, renderSettings(newSettings, format, comment));
	printLines(io.stderr, [
		result.message,
		'  also give its etcd what every member has: --data-dir (empty), and the TLS files the others use',
		`  done as: ${confirmation.etcdctl.replace(/--endpoints=\S+/, `--endpoints=${result.sentTo ?? ''}`)}`,
	]);
	return memberExitCodes.ok;
}

async function remove(service: ClusterService, settings: Settings, first: ClusterReading, ref: string, flags: MemberFlags, io: CommandIo): Promise<number> {
	const confirmation = allowedOrRefuse(checkRemove(summaryOf(first, settings), ref));
	showConfirmation(confirmation, io);
	const expected = confirmation.typeToConfirm!;
	if (flags.yes !== true && !(await confirmed(io, `Type the member's name (${expected}) to remove it: `, expected))) {
		throw new Refusal(`not removed: the name typed was not ${expected}`);
	}

	const fresh = allowedOrRefuse(checkRemove(summaryOf(await service.refresh(), settings), confirmation.targetId!));
	const result = await service.removeMember(fresh.targetId!);
	if (!result.ok) {
		printLines(io.stderr, [`etcdeck: ${confirmation.target} not removed: ${result.message}${result.sentTo === undefined ? '' : ` (sent to ${result.sentTo})`}`]);
		return result.sentTo === undefined ? memberExitCodes.refused : memberExitCodes.etcdRefused;
	}

	printLines(io.stdout, [result.message]);
	printLines(io.stderr, [`  done as: ${confirmation.etcdctl.replace(/--endpoints=\S+/, `--endpoints=${result.sentTo ?? ''}`)}`]);
	return memberExitCodes.ok;
}
