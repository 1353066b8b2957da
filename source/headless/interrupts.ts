import os from 'node:os';

/** Ctrl-C or a kill while a long command runs: it aborts the signal, so the work can clean up and end. */
export interface Interrupts {
	signal: AbortSignal;
	/** The signal that came, if one did. */
	readonly by: NodeJS.Signals | undefined;
	/** Stops listening: the default handling (exit) is back. */
	release(): void;
}

export function listenForInterrupts(): Interrupts {
	const controller = new AbortController();
	let by: NodeJS.Signals | undefined;
	const interrupt = (signal: NodeJS.Signals) => {
		by = signal;
		controller.abort();
	};

	process.once('SIGINT', interrupt);
	process.once('SIGTERM', interrupt);
	return {
		signal: controller.signal,
		get by() {
			return by;
		},
		release() {
			process.removeListener('SIGINT', interrupt);
			process.removeListener('SIGTERM', interrupt);
		},
	};
}

/** The exit code of a command a signal ended, as a shell reports it: 128 plus the signal's number. */
export function signalExitCode(signal: NodeJS.Signals): number {
	return 128 + os.constants.signals[signal];
}
