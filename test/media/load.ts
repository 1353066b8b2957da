import {randomBytes} from 'node:crypto';

/**
 * Report-sized values under /main/reports/: enough data that a snapshot streams for a while. The
 * text is random, so the database is as big as it looks.
 */
export function reportKeys(count: number, valueBytes: number): Array<[string, string]> {
	return Array.from({length: count}, (_, index) => [
		`/main/reports/daily/${String(index).padStart(6, '0')}`,
		randomBytes(Math.ceil(valueBytes * 0.75)).toString('base64').slice(0, valueBytes),
	]);
}
