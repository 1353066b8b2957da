import {shellCommand, shellFlag, shellQuote} from '../shared/shell-quote.ts';
import type {KeyCounts} from '../../cluster/cluster-record.ts';
import {dhEtcdConfig, type PlanStep, type ResolvedMember, type RestorePlan, type RestorePlanInput} from './restore-plan-types.ts';

// Each member's steps as shell lines, and the key counts to check after: what the plan says to do.

export function memberSteps(member: ResolvedMember, input: RestorePlanInput, tool: 'etcdutl' | 'etcdctl', initialCluster: string): PlanStep[] {
	const dir = member.dataDir;
	const aside = `${dir}.before-restore-${input.stamp}`;
	const unit = input.unit;
	const fail = (message: string) => `${say(`etcdeck plan: ${message}`)} >&2; exit 1`;
	const restore = [
		...(tool === 'etcdctl' ? ['ETCDCTL_API=3'] : []),
		tool, 'snapshot', 'restore', shellQuote(input.snapshotPath),
		shellFlag('--name', member.name),
		shellFlag('--initial-cluster', initialCluster),
		shellFlag('--initial-cluster-token', input.token),
		shellFlag('--initial-advertise-peer-urls', member.peerUrl),
		shellFlag('--data-dir', dir),
	].join(' ');
	return [
		{
			id: 'stop',
			title: 'Stop etcd',
			lines: unit === 'none'
				? [`${say(`etcdeck plan: no unit (--unit none): stop any etcd of ${member.name} on this host yourself before the next step`)} >&2`]
				: [shellCommand(['systemctl', 'stop', unit]), `if systemctl is-active --quiet ${shellQuote(unit)}; then ${fail(`${unit} is still active`)}; fi`],
			note: 'every member, before any member restores: the old cluster must not run beside the new one',
		},
		{
			id: 'check-snapshot',
			title: 'Check the snapshot copied to this host',
			lines: [`if [ "$(sha256sum < ${shellQuote(input.snapshotPath)} | cut -d ' ' -f 1)" != ${shellQuote(input.sha256)} ]; then ${fail(`${input.snapshotPath} here is missing or not the snapshot this plan was made from (its sha256 differs)`)}; fi`],
			note: undefined,
		},
		{
			id: 'move-aside',
			title: 'Move the old data directory aside, never deleting it',
			lines: [
				`if [ -e ${shellQuote(dir)} ]; then`,
				`\tif [ -e ${shellQuote(aside)} ]; then ${fail(`${aside} already exists: move one of them yourself`)}; fi`,
				`\tmv ${shellQuote(dir)} ${shellQuote(aside)}`,
				'fi',
			],
			note: input.unit === 'dh-etcd' && input.dataDir === undefined ? 'with a new token the data directory is new: the old one (its old token\'s) stays where it is' : undefined,
		},
		{id: 'restore', title: `Restore (${tool} snapshot restore)`, lines: [restore], note: undefined},
		{id: 'owner', title: 'Give the data to the user etcd runs as', lines: [shellCommand(['chown', '-R', input.owner, dir])], note: undefined},
		startStep(member, input),
	];
}

/** A line printed by the script: printf, since echo in dash turns backslashes in a name into escapes. */
export function say(text: string): string {
	return `printf '%s\\n' ${shellQuote(text)}`;
}

function startStep(member: ResolvedMember, input: RestorePlanInput): PlanStep {
	const dir = member.dataDir;
	const title = 'Start etcd';
	switch (input.unit) {
		case 'dh-etcd': {
			return {
				id: 'start',
				title,
				lines: [
					`if ! grep -qF -- ${shellQuote(dir)} ${dhEtcdConfig}; then ${say(`etcdeck plan: ${dhEtcdConfig} does not name ${dir}: set data-dir: ${dir} and initial-cluster-token: ${input.token} there (and name, URLs) before starting`)} >&2; exit 1; fi`,
					shellCommand(['systemctl', 'start', 'dh-etcd']),
				],
				note: `${dhEtcdConfig} must say data-dir: ${dir}, initial-cluster-token: ${input.token}, name: ${member.name} and this member's URLs`,
			};
		}

		case 'etcd': {
			return {
				id: 'start',
				title,
				lines: [shellCommand(['systemctl', 'start', 'etcd'])],
				note: `the unit must run etcd with data directory ${dir} and name ${member.name} (Debian's etcd.service: ETCD_DATA_DIR and ETCD_NAME in /etc/default/etcd; its default is /var/lib/etcd/default)`,
			};
		}

		case 'none': {
			return {
				id: 'start',
				title: 'Start etcd (in the foreground; the restored data carries the cluster, so no --initial-cluster)',
				lines: [[
					'exec etcd',
					shellFlag('--name', member.name),
					shellFlag('--data-dir', dir),
					shellFlag('--listen-peer-urls', member.peerUrl),
					shellFlag('--initial-advertise-peer-urls', member.peerUrl),
					shellFlag('--listen-client-urls', member.clientUrl),
					shellFlag('--advertise-client-urls', member.clientUrl),
				].join(' ')],
				note: undefined,
			};
		}
	}
}

export function countChecks(counts: KeyCounts | undefined): Pick<RestorePlan, 'counts' | 'uncheckableCounts' | 'countsRevision'> {
	if (counts === undefined) {
		return {counts: [], uncheckableCounts: 0, countsRevision: undefined};
	}

	// An escaped prefix without a backslash is its own bytes: printable UTF-8 a shell word can carry.
	const usable = counts.prefixes.filter(entry => !entry.prefix.includes('\\'));
	return {
		counts: [{prefix: '', label: 'all keys', keys: counts.totalKeys, depth: 0}, ...usable.map(entry => ({prefix: entry.prefix, label: entry.prefix, keys: entry.keys, depth: entry.depth}))],
		uncheckableCounts: counts.prefixes.length - usable.length,
		countsRevision: counts.revision,
	};
}
