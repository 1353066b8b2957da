import {defaults} from './config/settings.ts';
import {defaultLogLines, defaultLogUnits} from './logs/log-settings.ts';

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
    $ etcdeck snapshot save [PATH]   stream a snapshot from a healthy, up-to-date member
                                     to PATH (a file, or a directory for the default
                                     name), fsync, verify it, then move it into place
                                     with a manifest beside it; never overwrites.
                                     Exit 0 complete and verified, 1 failed (nothing
                                     left at PATH), 2 refused before starting
    $ etcdeck snapshot verify FILE   check a snapshot's trailing SHA-256, its manifest
                                     and etcd's snapshot status; exit 0 verified,
                                     1 failed, 2 cannot read FILE

  Connection (the same words as etcdctl; flags win over the environment)
    --endpoints URL[,URL...]   one member is enough: the rest are found   [ETCDCTL_ENDPOINTS]
                               from the member list; host:port means http
    --user NAME[:PASSWORD]     etcd user                                  [ETCDCTL_USER]
    --password PASSWORD        password for --user                        [ETCDCTL_PASSWORD]
    --cacert FILE              CA bundle for https endpoints              [ETCDCTL_CACERT]
    --cert FILE                client certificate                         [ETCDCTL_CERT]
    --key FILE                 client key                                 [ETCDCTL_KEY]
    --client-dir DIR           a Deephaven etcd client directory with files
                               endpoints, user, password and optionally cacert
                               (e.g. /etc/sysconfig/deephaven/etcd/client/root)
    --timeout MS               deadline of every call        (default ${defaults.timeoutMs})

  Dashboard
    --refresh MS               time between refreshes        (default ${defaults.refreshMs})
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

  Output
    --json                     with status: JSON instead of tables

  Keys: press ? in the dashboard.

  Examples
    $ etcdeck --endpoints http://10.0.0.1:2379
    $ ETCDCTL_ENDPOINTS=https://etcd1:2379 etcdeck --cacert ca.pem --user root
    $ etcdeck --client-dir /etc/sysconfig/deephaven/etcd/client/root
    $ etcdeck status --endpoints http://10.0.0.1:2379 || page-oncall
    $ etcdeck snapshot save --snapshot-dir /backups/etcd --keep 14
`;
