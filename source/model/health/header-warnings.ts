import type {Warning} from '../shared/warnings.ts';

/**
 * The health pane's warnings worth a header line. Two kinds are left to the pane because the cluster
 * summary already says them in the header: a member whose metrics cannot be fetched (it is reported
 * unreachable) and a DB near its quota.
 */
export function headerHealthWarnings(warnings: readonly Warning[]): Warning[] {
	return warnings.filter(warning => !warning.text.includes(': no metrics: ') && !/: DB .* quota/.test(warning.text));
}
