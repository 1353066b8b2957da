export type Severity = 'ok' | 'warning' | 'critical';

export interface Warning {
	severity: Exclude<Severity, 'ok'>;
	text: string;
}

export function worst(warnings: readonly Warning[]): Severity {
	return warnings.some(warning => warning.severity === 'critical') ? 'critical' : warnings.length > 0 ? 'warning' : 'ok';
}
