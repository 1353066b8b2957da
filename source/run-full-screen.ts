import type {Instance} from 'ink';
import {printLines, writeScreenControl} from './headless/print.ts';

/** Runs a full-screen view on the alternate screen until it exits or a signal ends etcdeck, then cleans up and exits. */
export async function runFullScreen(draw: () => Instance, cleanUp: () => void): Promise<void> {
	let restored = false;
	const restoreTerminal = () => {
		if (!restored) {
			restored = true;
			writeScreenControl(process.stdout, 'leaveAlternateScreen');
		}
	};

	writeScreenControl(process.stdout, 'enterAlternateScreen');
	process.once('exit', restoreTerminal);
	const instance = draw();
	const shutdown = (code: number) => {
		instance.unmount();
		cleanUp();
		restoreTerminal();
		process.exit(code);
	};

	process.once('SIGTERM', () => {
		shutdown(143);
	});
	process.once('SIGHUP', () => {
		shutdown(129);
	});
	process.once('uncaughtException', error => {
		instance.unmount();
		restoreTerminal();
		printLines(process.stderr, `etcdeck crashed: ${error.stack ?? error.message}`.split('\n'));
		process.exit(70);
	});

	await instance.waitUntilExit();
	cleanUp();
	restoreTerminal();
	// grpc keeps sockets alive briefly after close; the dashboard is done.
	process.exit(0);
}
