import {defaults} from './settings.ts';
import {defaultLogLines, defaultLogUnits} from '../logs/log-settings.ts';

/** One flag: meow parses it by name and type, --help and the README list it from the same entry. */
interface FlagSpec {
	/** camelCase, as meow and the code name it; the command line writes it kebab-case. */
	readonly name: string;
	readonly type: 'string' | 'number' | 'boolean';
	readonly default?: boolean;
	/** What follows the flag in --help: URL[,URL...], FILE. */
	readonly usage?: string;
	/** The etcdctl variable it stands for, shown at the right of --help. */
	readonly env?: string;
	/** Its lines in --help, as the operator reads them. */
	readonly help: readonly string[];
}

/** The flags by section, in --help's order: the one table of flags. */
export const flagSections = [
	{
		title: 'Connection (the same words as etcdctl; flags win over the environment)',
		flags: [
			{name: 'endpoints', type: 'string', usage: 'URL[,URL...]', env: 'ETCDCTL_ENDPOINTS', help: ['one member is enough: the rest are found', 'from the member list; host:port means http']},
			{name: 'user', type: 'string', usage: 'NAME[:PASSWORD]', env: 'ETCDCTL_USER', help: ['etcd user; with no password anywhere,', 'asked for on the terminal (no echo)']},
			{name: 'password', type: 'string', usage: 'PASSWORD', env: 'ETCDCTL_PASSWORD', help: ['password for --user (seen by ps until', 'read: prefer the prompt or the variable)']},
			{name: 'cacert', type: 'string', usage: 'FILE', env: 'ETCDCTL_CACERT', help: ['CA bundle for https endpoints']},
			{name: 'cert', type: 'string', usage: 'FILE', env: 'ETCDCTL_CERT', help: ['client certificate']},
			{name: 'key', type: 'string', usage: 'FILE', env: 'ETCDCTL_KEY', help: ['client key']},
			{name: 'clientDir', type: 'string', usage: 'DIR', help: ['a Deephaven etcd client directory with files', 'endpoints, user, password and optionally cacert', '(e.g. /etc/sysconfig/deephaven/etcd/client/root)']},
			{name: 'timeout', type: 'number', usage: 'MS', help: ['deadline of every call, 100 to 3600000', `                              (default ${defaults.timeoutMs})`]},
		],
	},
	{
		title: 'Contexts (a config file of named clusters; see the README for its fields)',
		flags: [
			{name: 'config', type: 'string', usage: 'FILE', help: ['the config file  (default: $XDG_CONFIG_HOME/etcdeck/', 'config.yaml, else ~/.config/etcdeck/config.yaml)']},
			{name: 'context', type: 'string', usage: 'NAME', help: ['open that context; flags override its fields']},
			{name: 'fleet', type: 'boolean', help: ['the fleet view: one row per context (also what', 'etcdeck opens with a config file and no endpoints)']},
			{name: 'allContexts', type: 'boolean', help: ['with status: every context, not the current one']},
		],
	},
	{
		title: 'Dashboard',
		flags: [
			{name: 'refresh', type: 'number', usage: 'MS', help: ['time between refreshes, 100 to 3600000', `                              (default ${defaults.refreshMs})`]},
			{name: 'quotaBytes', type: 'number', usage: 'BYTES', help: ['DB quota to measure sizes against, instead of', 'each member\'s own (from its /metrics)']},
			// No default: a context's read-only must show through when the flag is not given.
			{name: 'readOnly', type: 'boolean', help: ['no write keys: promote, move-leader, member add', 'and remove, defragment, compact and recover-space', 'are not bound']},
		],
	},
	{
		title: 'Logs pane (journalctl -u UNIT -f -o json; the process ends when etcdeck does)',
		flags: [
			{name: 'logUnit', type: 'string', usage: 'NAME[,NAME]', help: ['systemd unit(s) to tail', `(default: whichever of ${defaultLogUnits.join(", ")} has entries)`]},
			{name: 'journalDir', type: 'string', usage: 'DIR', help: ['read journal files copied off other hosts (journalctl -D)']},
			{name: 'journalFile', type: 'string', usage: 'FILE', help: ['read one journal file (journalctl --file)']},
			{name: 'logCommand', type: 'string', usage: 'CMD', help: ['any command printing log lines instead, e.g.', '"ssh node2 journalctl -u etcd -f -o json"; with', '{name} {host} {id} {unit} it runs once per member,', '"ssh {host} journalctl -u {unit} -f -o json",', 'lines merged and named by member']},
			{name: 'logLines', type: 'number', usage: 'N', help: [`lines kept in memory          (default ${defaultLogLines})`]},
		],
	},
	{
		title: 'Keys pane (keys-only pages, count-only counts, a value read only when opened)',
		flags: [
			{name: 'prefix', type: 'string', usage: 'P', help: ['where browsing starts; \\xNN for a byte', '(default: / when every key starts with it, else the top)']},
			{name: 'separator', type: 'string', usage: 'S', help: ['what splits key levels        (default /)']},
		],
	},
	{
		title: 'Health pane',
		flags: [
			{name: 'metricsUrls', type: 'string', usage: 'URL[,URL]', help: ['where members serve /metrics when not on their', 'client URLs (etcd --listen-metrics-urls)']},
		],
	},
	{
		title: 'Snapshots',
		flags: [
			{name: 'snapshotDir', type: 'string', usage: 'DIR', help: ['where snapshots go, as etcd-<clusterID>-<UTC time>.db', '(default: the working directory)']},
			{name: 'keep', type: 'number', usage: 'N', help: ['with snapshot save: once the new snapshot verified,', 'remove all but the newest N etcdeck snapshots of this', 'cluster in its directory (default: remove none)']},
			{name: 'drill', type: 'boolean', help: ['with snapshot save: drill the new snapshot; then', '--keep removes older ones only if it passed']},
		],
	},
	{
		title: 'Membership (etcdeck member add|remove)',
		flags: [
			{name: 'yes', type: 'boolean', default: false, help: ['do not ask for confirmation (scripts)']},
			{name: 'voter', type: 'boolean', default: false, help: ['with member add: a voter, not a learner']},
		],
	},
	{
		title: 'Restore plan (etcdeck restore-plan SNAPSHOT)',
		flags: [
			{name: 'members', type: 'string', usage: 'NAME=URL[,...]', help: ['the new cluster\'s members and peer URLs', '(default: the voters the manifest recorded)']},
			{name: 'clientUrls', type: 'string', usage: 'NAME=URL,...', help: ['their client URLs (default: the peer URL\'s host', 'with the port the member had, or 2379); with', 'member add: URL[,URL], the new member\'s']},
			{name: 'dataDir', type: 'string', usage: 'DIR', help: ['where each member\'s data goes; {name} and {token}', 'are filled in (default: /var/lib/etcd/dh/{token}', 'for dh-etcd, /var/lib/etcd for etcd)']},
			{name: 'token', type: 'string', usage: 'T', help: ['the new cluster\'s token (default: a new one)']},
			{name: 'unit', type: 'string', usage: 'dh-etcd|etcd|none', help: ['the systemd unit to stop and start; none: stop it', 'yourself, and start runs etcd with the flags the', 'restored member needs           (default etcd)']},
			{name: 'owner', type: 'string', usage: 'USER[:GROUP]', help: ['who gets the data directory     (default etcd:etcd)']},
			{name: 'etcdVersion', type: 'string', usage: 'V', help: ['the cluster\'s etcd line, when the manifest has none', '(3.5 and later restore with etcdutl, 3.4 etcdctl)']},
			{name: 'format', type: 'string', usage: 'text|sh', help: ['text (default), or one sh script holding every', 'member\'s steps: sh restore.sh restore NAME [STEP...],', 'then sh restore.sh check; with member add: env', '(ETCD_* lines, default), flags or yaml']},
		],
	},
	{
		title: 'Maintenance (defrag, recover-space, check and the DB pane\'s commands need the root role)',
		flags: [
			{name: 'dryRun', type: 'boolean', help: ['with defrag: print the plan, change nothing']},
			{name: 'all', type: 'boolean', help: ['with defrag: every member, not only those with at', 'least 20% or 100 MB reclaimable (size - in use)']},
			{name: 'compact', type: 'boolean', help: ['with defrag: compact first (keeping the newest', '--keep-revisions revisions), then plan']},
			{name: 'keepRevisions', type: 'number', usage: 'N', help: [`revisions a compaction keeps  (default ${defaults.keepRevisions})`]},
			{name: 'moveLeader', type: 'boolean', help: ['with defrag and recover-space: hand leadership to', 'a defragmented follower before the leader\'s turn']},
		],
	},
	{
		title: 'Output',
		flags: [
			{name: 'json', type: 'boolean', default: false, help: ['with status: JSON instead of tables']},
		],
	},
] as const satisfies ReadonlyArray<{title: string; flags: readonly FlagSpec[]}>;

type Spec = (typeof flagSections)[number]['flags'][number];
type MeowFlag<F extends Spec> = F extends {default: infer D} ? {readonly type: F['type']; readonly default: D} : {readonly type: F['type']};

/** meow's flag table, from the sections. */
export const flags = Object.fromEntries(flagSections.flatMap(section => section.flags.map((flag: Spec) => [flag.name, 'default' in flag ? {type: flag.type, default: flag.default} : {type: flag.type}]))) as {[F in Spec as F['name']]: MeowFlag<F>};

export function kebabFlag(name: string): string {
	return `--${name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`;
}

const flagColumn = 31;
const envColumn = 74;

function flagLines(flag: Spec): string[] {
	const head = `    ${kebabFlag(flag.name)}${'usage' in flag ? ` ${flag.usage}` : ''}`.padEnd(flagColumn);
	const [first = '', ...rest] = flag.help;
	const firstLine = 'env' in flag ? `${head}${first}`.padEnd(envColumn) + `[${flag.env}]` : `${head}${first}`;
	return [firstLine, ...rest.map(line => `${' '.repeat(flagColumn)}${line}`)];
}

const intro = `
  A live, keyboard-driven dashboard for an etcd cluster.

  Usage
    $ etcdeck [options]              open the dashboard (full screen)
    $ etcdeck status [--json]        print members and endpoint status, exit 0 healthy,
                                     1 degraded, 2 quorum lost or nothing answers
    $ etcdeck status --all-contexts  a line per context of the config file (or --json),
                                     refreshed in parallel; exit with the worst code
    $ etcdeck contexts [--json]      list the config file's contexts; connects nowhere
    $ etcdeck member list            members with where each stands (unstarted, catching
                                     up, ready to promote) and whether it may stop now
    $ etcdeck member add NAME PEER-URL[,PEER-URL]
                                     add a learner (--voter: a voter) after the same
                                     checks as the dashboard; prints the new member's
                                     settings on stdout (--format env|flags|yaml)
    $ etcdeck member remove MEMBER   remove a member (name or ID): never the leader,
                                     never below quorum. add and remove ask on the
                                     terminal (--yes: do not ask); exit 0 done, 1 etcd
                                     refused, 2 refused before asking etcd
    $ etcdeck snapshot save [PATH]   stream a snapshot from a healthy, up-to-date member
                                     to PATH (a file, or a directory for the default
                                     name), fsync, verify it, then move it into place
                                     with a manifest beside it; never overwrites.
                                     Exit 0 complete and verified, 1 failed (nothing
                                     left at PATH), 2 refused before starting
    $ etcdeck snapshot verify FILE   check a snapshot's trailing SHA-256, its manifest
                                     and etcd's snapshot status; exit 0 verified,
                                     1 failed, 2 cannot read FILE
    $ etcdeck snapshot drill FILE    prove FILE restores: restore it into a temporary
                                     directory with an etcd of its line, serve it on
                                     loopback, compare key counts with its manifest,
                                     read keys, then remove it all. Needs no cluster.
                                     Exit 0 passed, 1 failed (which prefix, expected
                                     and found), 2 cannot run (no etcd, no user)
    $ etcdeck restore-plan SNAPSHOT  print every member's steps to rebuild the cluster
                                     from SNAPSHOT after quorum loss (stop, move the old
                                     data aside, restore, chown, start) and the checks
                                     after; checks the snapshot, names and URLs first.
                                     Needs no cluster. Exit 0 printed, 1 the snapshot
                                     does not verify, 2 refused (duplicates, bad URLs)
    $ etcdeck defrag                 defragment the members whose DB has room to give
                                     back, one at a time behind a gate (every voter
                                     answers, quorum survives, no lag, no other
                                     defragment), learners first, the leader last.
                                     Exit 0 done, 1 a step failed, 2 refused by a gate
                                     before anything changed
    $ etcdeck recover-space          out of NOSPACE: compact to the current revision,
                                     defragment every member (gated), disarm NOSPACE,
                                     then see it gone from every member's Status.
                                     Exit 0 recovered, 1 a step failed, 2 refused
    $ etcdeck check                  compare every voter's HashKV at one revision;
                                     exit 0 consistent, 1 the members differ (or one
                                     gave no hash), 2 cannot run
`;

const outro = `  Keys: press ? in the dashboard.

  Examples
    $ etcdeck --endpoints http://10.0.0.1:2379
    $ ETCDCTL_ENDPOINTS=https://etcd1:2379 etcdeck --cacert ca.pem --user root
    $ etcdeck --client-dir /etc/sysconfig/deephaven/etcd/client/root
    $ etcdeck --context eqiad
    $ etcdeck status --all-contexts --json
    $ etcdeck status --endpoints http://10.0.0.1:2379 || page-oncall
    $ etcdeck snapshot save --snapshot-dir /backups/etcd --keep 14 --drill
    $ etcdeck restore-plan /backups/etcd/etcd-2f0f…-20261123T020000Z.db --unit dh-etcd
    $ etcdeck defrag --compact --endpoints https://etcd1:2379 --user root || page-oncall
`;

/** --help, and the README's option list (npm run readme). */
export const helpText = [intro, ...flagSections.flatMap(section => [`  ${section.title}`, ...section.flags.flatMap((flag: Spec) => flagLines(flag)), '']), outro].join('\n');
