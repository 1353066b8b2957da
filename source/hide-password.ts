import type {Settings} from './config/settings.ts';

/**
 * `--password X` or `--user NAME:X` shows X to everyone who lists processes (ps reads
 * /proc/PID/cmdline): once read, the command line is rewritten with *** in its place. Until then it
 * is visible, which is why the README recommends the prompt, ETCDCTL_PASSWORD or --client-dir.
 */
export function hidePasswordFromProcessList(settings: Settings): void {
	const password = settings.connection.auth?.password;
	if (password === undefined || password === '' || !process.argv.some(argument => argument.includes(password))) {
		return;
	}

	process.title = ['etcdeck', ...process.argv.slice(2).map(argument => argument.split(password).join('***'))].join(' ');
}
