// Run before the suite (npm test): the real programs the tests drive, installed when missing and allowed.
import {ensureTools, etcdTools} from '../../source/demo/system-tools.ts';

try {
	ensureTools([...etcdTools, {command: 'tmux', debianPackage: 'tmux'}]);
} catch (error) {
	process.stderr.write(`npm test: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
}
