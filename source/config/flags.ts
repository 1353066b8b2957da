import {defaults} from './settings.ts';
import {defaultLogLines, defaultLogUnits} from '../logs/log-settings.ts';

/** meow's flag table; the help text below lists the same flags with defaults and variables. */
export const flags = {
	endpoints: {type: 'string'},
	user: {type: 'string'},
	password: {type: 'string'},
	cacert: {type: 'string'},
	cert: {type: 'string'},
	key: {type: 'string'},
	clientDir: {type: 'string'},
	refresh: {type: 'number'},
	timeout: {type: 'number'},
	quotaBytes: {type: 'number'},
	readOnly: {type: 'boolean', default: false},
	json: {type: 'boolean', default: false},
	snapshotDir: {type: 'string'},
	keep: {type: 'number'},
	drill: {type: 'boolean'},
	yes: {type: 'boolean', default: false},
	voter: {type: 'boolean', default: false},
	members: {type: 'string'},
	clientUrls: {type: 'string'},
	dataDir: {type: 'string'},
	token: {type: 'string'},
	unit: {type: 'string'},
	owner: {type: 'string'},
	format: {type: 'string'},
	etcdVersion: {type: 'string'},
	logUnit: {type: 'string'},
	journalDir: {type: 'string'},
	journalFile: {type: 'string'},
	logCommand: {type: 'string'},
	logLines: {type: 'number'},
	metricsUrls: {type: 'string'},
	prefix: {type: 'string'},
	separator: {type: 'string'},
} as const;

export const helpText = `
  A live, keyboard-driven dashboard for an etcd cluster.

  Usage
    $ etcdeck [options]              open the dashboard (full screen)
    $ etcdeck status [--json]        print members and endpoint status, exit 0 healthy,
                                     1 degraded, 2 quorum lost or nothing answers
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

  Connection (the same words as etcdctl; flags win over the environment)
    --endpoints URL[,URL...]   one member is enough: the rest are found   [ETCDCTL_ENDPOINTS]
                               from the member list; host:port means http
    --user NAME[:PASSWORD]     etcd user; with no password anywhere,      [ETCDCTL_USER]
                               asked for on the terminal (no echo)
    --password PASSWORD        password for --user (seen by ps until      [ETCDCTL_PASSWORD]
                               read: prefer the prompt or the variable)
    --cacert FILE              CA bundle for https endpoints              [ETCDCTL_CACERT]
    --cert FILE                client certificate                         [ETCDCTL_CERT]
    --key FILE                 client key                                 [ETCDCTL_KEY]
    --client-dir DIR           a Deephaven etcd client directory with files
                               endpoints, user, password and optionally cacert
                               (e.g. /etc/sysconfig/deephaven/etcd/client/root)
    --timeout MS               deadline of every call, 100 to 3600000
                                                             (default ${defaults.timeoutMs})

  Dashboard
    --refresh MS               time between refreshes, 100 to 3600000
                                                             (default ${defaults.refreshMs})
    --quota-bytes BYTES        DB quota to measure sizes against, instead of
                               each member's own (from its /metrics)
    --read-only                no write keys: promote and move-leader are not bound

  Logs pane (journalctl -u UNIT -f -o json; the process ends when etcdeck does)
    --log-unit NAME[,NAME]     systemd unit(s) to tail
                               (default: whichever of ${defaultLogUnits.join(', ')} has entries)
    --journal-dir DIR          read journal files copied off other hosts (journalctl -D)
    --journal-file FILE        read one journal file (journalctl --file)
    --log-command CMD          any command printing log lines instead, e.g.
                               "ssh node2 journalctl -u etcd -f -o json"
    --log-lines N              lines kept in memory          (default ${defaultLogLines})

  Keys pane (keys-only pages, count-only counts, a value read only when opened)
    --prefix P                 where browsing starts; \\xNN for a byte
                               (default: / when every key starts with it, else the top)
    --separator S              what splits key levels        (default /)

  Health pane
    --metrics-urls URL[,URL]   where members serve /metrics when not on their
                               client URLs (etcd --listen-metrics-urls)

  Snapshots
    --snapshot-dir DIR         where snapshots go, as etcd-<clusterID>-<UTC time>.db
                               (default: the working directory)
    --keep N                   with snapshot save: once the new snapshot verified,
                               remove all but the newest N etcdeck snapshots of this
                               cluster in its directory (default: remove none)
    --drill                    with snapshot save: drill the new snapshot; then
                               --keep removes older ones only if it passed

  Restore plan (etcdeck restore-plan SNAPSHOT)
    --members NAME=URL[,...]   the new cluster's members and peer URLs
                               (default: the voters the manifest recorded)
    --client-urls NAME=URL,... their client URLs (default: the peer URL's host
                               with the port the member had, or 2379)
    --data-dir DIR             where each member's data goes; {name} and {token}
                               are filled in (default: /var/lib/etcd/dh/{token}
                               for dh-etcd, /var/lib/etcd for etcd)
    --token T                  the new cluster's token (default: a new one)
    --unit dh-etcd|etcd|none   the systemd unit to stop and start; none: stop it
                               yourself, and start runs etcd with the flags the
                               restored member needs           (default etcd)
    --owner USER[:GROUP]       who gets the data directory     (default etcd:etcd)
    --etcd-version V           the cluster's etcd line, when the manifest has none
                               (3.5 and later restore with etcdutl, 3.4 etcdctl)
    --format text|sh           text (default), or one sh script holding every
                               member's steps: sh restore.sh restore NAME [STEP...],
                               then sh restore.sh check

  Membership (etcdeck member add|remove)
    --yes                      do not ask for confirmation (scripts)
    --voter                    with add: a voter, not a learner
    --client-urls URL[,URL]    with add: the new member's client URLs (default:
                               its peer URLs' hosts on port 2379)
    --format env|flags|yaml    with add: ETCD_* lines (default), etcd flags, or
                               config.yaml keys

  Output
    --json                     with status: JSON instead of tables

  Keys: press ? in the dashboard.

  Examples
    $ etcdeck --endpoints http://10.0.0.1:2379
    $ ETCDCTL_ENDPOINTS=https://etcd1:2379 etcdeck --cacert ca.pem --user root
    $ etcdeck --client-dir /etc/sysconfig/deephaven/etcd/client/root
    $ etcdeck status --endpoints http://10.0.0.1:2379 || page-oncall
    $ etcdeck snapshot save --snapshot-dir /backups/etcd --keep 14 --drill
    $ etcdeck restore-plan /backups/etcd/etcd-2f0f…-20261123T020000Z.db --unit dh-etcd
`;
