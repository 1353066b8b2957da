import {drillSnapshot} from '../backup/snapshot-drill.ts';
import type {AuthSettings} from '../config/settings.ts';
import {drillReportLines} from '../model/snapshots/drill-report.ts';
import type {DrillResult} from '../backup/drill-result.ts';
import {listenForInterrupts, signalExitCode} from './interrupts.ts';
import {clearInPlace, printInPlace, printLines} from './print.ts';
import type {CommandIo} from './command-io.ts';

/** Exit codes of `etcdeck snapshot drill`, as the help text lists them. */
export const drillExitCodes = {passed: 0, failed: 1, cannotRun: 2} as const;

export interface DrillRun {
	result: DrillResult;
	/** Set when SIGINT or SIGTERM stopped it. */
	interruptedBy: NodeJS.Signals | undefined;
}

/**
 * Runs the drill on one file and prints its report (stdout) and what went wrong (stderr), with a
 * progress line on stderr when that is a terminal. Ctrl-C stops it and still removes what it made.
 */
export async function runDrill(file: string, credentials: {auth?: AuthSettings; timeoutMs: number}, io: CommandIo): Promise<DrillRun> {
	const progressLine = io.stderr.isTTY === true;
	const interrupts = listenForInterrupts();
	let result: DrillResult;
	try {
		result = await drillSnapshot({
			file,
			auth: credentials.auth,
			timeoutMs: credentials.timeoutMs,
			pathVariable: io.env['PATH'],
			signal: interrupts.signal,
			...(progressLine ? {onStep: (step: string) => {
				printInPlace(io.stderr, `drill: ${step}…`);
			}} : {}),
		});
	} finally {
		interrupts.release();
	}

	if (progressLine) {
		clearInPlace(io.stderr);
	}

	printLines(io.stdout, drillReportLines(result));
	if (result.problems.length > 0) {
		printLines(io.stderr, result.problems.map(problem => `etcdeck: drill ${file}: ${problem}`));
	}

	return {result, interruptedBy: interrupts.by};
}

/** The exit code for a drill run: as a shell reports a command a signal ended when interrupted. */
export function drillExitCode(run: DrillRun): number {
	if (run.interruptedBy !== undefined) {
		return signalExitCode(run.interruptedBy);
	}

	return run.result.outcome === 'passed' ? drillExitCodes.passed : run.result.outcome === 'failed' ? drillExitCodes.failed : drillExitCodes.cannotRun;
}
