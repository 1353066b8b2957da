export type Severity = 'ok' | 'warning' | 'critical';

/** Where a warning was read: the members' Status answers, their /metrics, or their logs. */
export type WarningSource = 'status' | 'metrics' | 'logs';

export interface Warning {
	severity: Exclude<Severity, 'ok'>;
	text: string;
	/** The member it is about, by name (or ID), when it is about one. */
	member?: string;
	source?: WarningSource;
	/** What an operator does about it, in a line. */
	advice?: string;
}

export function worst(warnings: readonly Warning[]): Severity {
	return warnings.some(warning => warning.severity === 'critical') ? 'critical' : warnings.length > 0 ? 'warning' : 'ok';
}

/** Worst first: critical above warning; the order they were found in otherwise (QUORUM LOST leads). */
export function byPriority(warnings: readonly Warning[]): Warning[] {
	return [...warnings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1));
}

/**
 * What stays the same while a warning lasts, so its "since" survives the figures in it changing
 * ("DB 1.7 GB is 85%" → "DB 1.8 GB is 90%"): its text with the numbers taken out.
 */
export function warningIdentity(warning: Warning): string {
	return `${warning.severity} ${warning.source ?? ''} ${warning.text.replaceAll(/\d+([.,:]\d+)*/g, '#')}`;
}
