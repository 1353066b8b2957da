import type {LogListener} from '../../source/logs/log-source.ts';
import type {LogTailSource} from '../../source/hooks/use-log-tail.ts';

/** A log tail the test feeds by hand: `listener.onLines([...])` delivers lines as a tail would. */
export class HandFedLogs implements LogTailSource {
	listener: LogListener | undefined;
	start(listener: LogListener): void {
		this.listener = listener;
		listener.onStatus({state: 'streaming', message: 'tailing a test', severity: 'ok'});
	}

	stop(): void {
		this.listener = undefined;
	}
}
