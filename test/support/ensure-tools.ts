// Run before the suite (npm test, npm run test:etcd): the real programs the tests drive, installed when
// missing and allowed, and which etcd line they will run.
import {describeEtcdLine, ensureEtcd} from '../../source/demo/etcd-binaries.ts';
import {ensureTools} from '../../source/demo/system-tools.ts';

try {
	// The etcd ETCDECK_ETCD_BIN_DIR picks (PATH's when unset); a missing 3.5 says to run scripts/install-etcd-3.5.sh.
	ensureEtcd();
	ensureTools([
		{command: 'tmux', debianPackage: 'tmux'},
		// Real journal files for the Logs pane's tests, read by the real journalctl.
		{command: 'journalctl', debianPackage: 'systemd'},
		{command: '/usr/lib/systemd/systemd-journal-remote', debianPackage: 'systemd-journal-remote'},
	]);
	process.stderr.write(`tests run against ${describeEtcdLine()}\n`);
} catch (error) {
	process.stderr.write(`npm test: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
}
