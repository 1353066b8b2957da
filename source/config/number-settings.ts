import {ConfigError} from './settings.ts';

/** The longest --timeout and --refresh: an hour, well inside what a Node timer holds (2^31-1 ms, about 24.8 days). */
export const maxTimerMs = 3_600_000;
export const minTimerMs = 100;

/**
 * A duration that drives a timer. Node runs a timer of more than 2^31-1 ms after 1 ms instead (with a
 * warning), so --timeout 1e12 would time every call out at once: such values are refused, naming the range.
 */
export function timerMs(value: number | undefined, flag: string, fallback: number): number {
	if (value === undefined) {
		return fallback;
	}

	if (!Number.isInteger(value) || value < minTimerMs || value > maxTimerMs) {
		throw new ConfigError(`${flag} must be a whole number of milliseconds from ${minTimerMs} to ${maxTimerMs} (one hour), got ${String(value)}`);
	}

	return value;
}

export function positiveInteger(value: number | undefined, flag: string, fallback: number, minimum: number): number {
	if (value === undefined) {
		return fallback;
	}

	if (!Number.isInteger(value) || value < minimum) {
		throw new ConfigError(`${flag} must be a whole number of at least ${minimum}, got ${String(value)}`);
	}

	return value;
}
