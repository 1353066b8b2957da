import {formatCount, plural} from '../shared/format.ts';
import {safeText} from '../shared/safe-text.ts';
import {failuresTolerated, quorumSize} from '../cluster/quorum.ts';
import type {CountCheck, MemberPlan, RestorePlan} from './restore-plan.ts';
import {say, stepIds} from './restore-plan.ts';
import {shellFlag, shellQuote} from '../shared/shell-quote.ts';

/** The etcdctl command that prints a prefix's count (keys-only, limit 1: the response's count covers the whole range). */
function countCommand(endpoints: string, prefix: string): string {
	return `etcdctl ${shellFlag('--endpoints', endpoints)} get ${shellQuote(prefix)} --prefix --keys-only --limit 1 -w json`;
}

function healthCommand(endpoints: string): string {
	return `etcdctl ${shellFlag('--endpoints', endpoints)} endpoint health`;
}

function memberListCommand(endpoints: string, table: boolean): string {
	return `etcdctl ${shellFlag('--endpoints', endpoints)} member list${table ? ' -w table' : ''}`;
}

function sourceLine(plan: RestorePlan): string {
	const {manifest} = plan;
	if (manifest === undefined) {
		return `snapshot ${plan.snapshotPath}: sha256 ${plan.sha256}, no manifest`;
	}

	const version = manifest.cluster?.etcdVersion;
	return `snapshot ${plan.snapshotPath}: sha256 ${plan.sha256}, taken ${manifest.takenAt} from ${safeText(manifest.member.name)} of cluster ${manifest.clusterId}, revision ${manifest.revision ?? 'unknown'}${version === null || version === undefined ? '' : `, etcd ${version}`}`;
}

function clusterLine(plan: RestorePlan): string {
	const count = plan.members.length;
	const tolerated = failuresTolerated(count);
	return `new cluster: ${plural(count, 'member')} (quorum ${quorumSize(count)}, tolerates ${plural(tolerated, 'failure')}), token ${plan.token}${plan.tokenGenerated ? ' (new, made for this plan: --token to choose one)' : ''}`;
}

function toolLine(plan: RestorePlan): string {
	return plan.tool === 'etcdutl'
		? `restore with etcdutl (etcd ${plan.etcdVersion}: 3.5 and later restore with etcdutl)`
		: `restore with etcdctl (etcd ${plan.etcdVersion}: before 3.5, etcdctl restores)`;
}

/** The plan for people: what to do on every host, in order, with the exact commands. */
export function planText(plan: RestorePlan): string {
	const lines = [
		'etcdeck restore plan',
		`  ${sourceLine(plan)}`,
		`  ${clusterLine(plan)}`,
		`  ${toolLine(plan)}; unit ${plan.unit}; data in ${plan.dataDirTemplate}; owner ${plan.owner}`,
		...plan.warnings.map(warning => `  warning: ${warning}`),
		'',
		`1. Copy ${plan.snapshotPath} to the same path on every member's host. Stop every member (step "stop") before any member restores.`,
	];
	for (const [index, member] of plan.members.entries()) {
		lines.push('', `${index + 2}. On ${member.name} (peer ${member.peerUrl}, client ${member.clientUrl}), as root:`);
		for (const step of member.steps) {
			lines.push(`   ${step.id}: ${step.title}${step.note === undefined ? '' : ` (${step.note})`}`, ...step.lines.map(line => `     ${line}`));
		}
	}

	lines.push(
		'',
		`${plan.members.length + 2}. Once every member runs, check from any host with etcdctl (with your usual ETCDCTL_CACERT, ETCDCTL_USER settings):`,
		`     ${healthCommand(plan.endpoints)}`,
		`     ${memberListCommand(plan.endpoints, true)}`,
		`   expect ${plural(plan.members.length, 'started voter')}, a new cluster ID, and the key counts of the manifest:`,
		...countLines(plan),
		'',
		'The same steps as a script: --format sh > restore.sh; then on each host "sh restore.sh restore NAME" (or NAME STEP... for some steps), and "sh restore.sh check" at the end.',
		'',
	);
	return lines.join('\n');
}

function countLines(plan: RestorePlan): string[] {
	if (plan.counts.length === 0) {
		return ['     (none recorded: the manifest has no key counts)'];
	}

	const shown = plan.counts.filter(check => check.depth <= 1);
	const width = Math.max(...shown.map(check => check.label.length));
	return [
		...shown.map(check => `     ${check.label.padEnd(width)}  ${formatCount(check.keys).padStart(8)}`),
		`   (at revision ${plan.countsRevision}; each with ${countCommand(plan.endpoints, '/PREFIX/')}, "count" in its output; the script checks all ${plural(plan.counts.length - 1, 'prefix', 'prefixes')}${plan.uncheckableCounts > 0 ? `, but not ${plan.uncheckableCounts} whose names are not printable` : ''})`,
	];
}

/**
 * The plan as one POSIX sh script holding every member's steps: run on each host with that member's
 * name, so no host can run another's by mistake, and with "check" once all run. Every value is a
 * quoted word.
 */
export function planScript(plan: RestorePlan, commandLine: string): string {
	const names = plan.members.map(member => shellQuote(member.name)).join(' ');
	const lines = [
		'#!/bin/sh',
		`# etcdeck restore plan, made by: ${commandLine}`,
		`# ${sourceLine(plan)}`,
		`# ${clusterLine(plan)}`,
		`# ${toolLine(plan)}; unit ${plan.unit}; owner ${plan.owner}`,
		...plan.warnings.map(warning => `# warning: ${warning}`),
		'#',
		`# Copy the snapshot to ${plan.snapshotPath} on every member's host, then run there, as root:`,
		'#   sh restore.sh restore NAME            all of that member\'s steps, in order',
		`#   sh restore.sh restore NAME STEP...    some of them (${stepIds.join(' ')})`,
		'# Stop every member before any member restores. Once every member runs:',
		'#   sh restore.sh check                   health, members, key counts (etcdctl with your ETCDCTL_* settings)',
		`# Members: ${names}`,
		'set -eu',
		'',
	];
	for (const [index, member] of plan.members.entries()) {
		lines.push(...memberFunctions(member, index + 1));
	}

	lines.push(...checkFunction(plan), ...dispatcher(plan));
	return `${lines.join('\n')}\n`;
}

function memberFunctions(member: MemberPlan, number: number): string[] {
	const lines: string[] = [`# member ${number}: ${member.name}, peer ${member.peerUrl}, client ${member.clientUrl}, data ${member.dataDir}`];
	for (const step of member.steps) {
		lines.push(`member${number}_${step.id.replaceAll('-', '_')}() {`, ...(step.note === undefined ? [] : [`\t# ${step.note}`]), ...step.lines.map(line => `\t${line}`), '}');
	}

	lines.push('');
	return lines;
}

function checkFunction(plan: RestorePlan): string[] {
	const endpoints = shellQuote(plan.endpoints);
	const count = (check: CountCheck) => `\tcheck_count ${shellQuote(check.prefix)} ${check.keys} ${shellQuote(check.label)}`;
	return [
		'check_count() {',
		`\tfound=$(etcdctl --endpoints=${endpoints} get "$1" --prefix --keys-only --limit 1 -w json | sed -n 's/.*"count":\\([0-9]*\\).*/\\1/p')`,
		'\tfound=${found:-0}',
		'\tif [ "$found" = "$2" ]; then',
		'\t\tprintf \'ok %s: %s keys\\n\' "$3" "$2"',
		'\telse',
		'\t\tprintf \'MISMATCH %s: expected %s keys, found %s\\n\' "$3" "$2" "$found" >&2',
		'\t\tfailed=1',
		'\tfi',
		'}',
		'',
		'run_checks() {',
		'\tfailed=0',
		`\t${healthCommand(plan.endpoints)} || failed=1`,
		`\t${memberListCommand(plan.endpoints, true)} || failed=1`,
		`\tstarted=$(${memberListCommand(plan.endpoints, false)} | grep -c ', started, ' || true)`,
		`\tif [ "$started" != ${plan.members.length} ]; then printf 'etcdeck plan: expected ${plan.members.length} started members, found %s\\n' "$started" >&2; failed=1; fi`,
		...(plan.counts.length === 0 ? [`\t${say('etcdeck plan: no key counts recorded in the manifest to check')} >&2`] : [`\t${say(`key counts (recorded at revision ${plan.countsRevision}):`)}`, ...plan.counts.map(check => count(check))]),
		...(plan.uncheckableCounts > 0 ? [`\t${say(`not checked here: ${plan.uncheckableCounts} prefixes whose names are not printable`)} >&2`] : []),
		`\tif [ "$failed" = 0 ]; then echo 'etcdeck plan: every check passed'; else echo 'etcdeck plan: CHECKS FAILED' >&2; exit 1; fi`,
		'}',
		'',
	];
}

function dispatcher(plan: RestorePlan): string[] {
	const cases = plan.members.map((member, index) => `\t\t${shellQuote(member.name)}) number=${index + 1} ;;`);
	const usage = `usage: sh restore.sh restore NAME [STEP...] | sh restore.sh check; members: ${plan.members.map(member => member.name).join(' ')}`;
	return [
		'case "${1-}" in',
		'restore)',
		`\t[ $# -ge 2 ] || { ${say(usage)} >&2; exit 2; }`,
		'\tcase "$2" in',
		...cases,
		`\t\t*) printf 'etcdeck plan: no member %s in this plan\\n' "$2" >&2; ${say(usage)} >&2; exit 2 ;;`,
		'\tesac',
		'\tmember=$2',
		'\tshift 2',
		`\t[ $# -gt 0 ] || set -- ${stepIds.join(' ')}`,
		'\tfor step in "$@"; do',
		'\t\tcase "$step" in',
		`\t\t${stepIds.join('|')}) ;;`,
		`\t\t*) printf 'etcdeck plan: no step %s (steps: ${stepIds.join(' ')})\\n' "$step" >&2; exit 2 ;;`,
		'\t\tesac',
		'\tdone',
		'\tfor step in "$@"; do',
		'\t\tprintf \'== %s: %s\\n\' "$member" "$step" >&2',
		'\t\t"member${number}_$(echo "$step" | tr - _)"',
		'\tdone',
		'\t;;',
		'check)',
		'\trun_checks',
		'\t;;',
		'*)',
		`\t${say(usage)} >&2`,
		'\texit 2',
		'\t;;',
		'esac',
	];
}
