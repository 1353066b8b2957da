// Run before the suite (npm test): the real programs the tests drive, installed when missing and allowed.
import {ensureTools, etcdTools} from '../../source/demo/system-tools.ts';

try {
	ensureTools([
		...etcdTools,
		{command: 'tmux', debianPackage: 'tmux'},
		// Real journal files for the Logs pane's tests, read by the real journalctl.
		{command: 'journalctl', debianPackage: 'systemd'},
		{command: '/usr/lib/systemd/systemd-journal-remote', debianPackage: 'systemd-journal-remote'},
	]);
} catch (error) {
	process.stderr.write(`npm test: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
}
