import {useRef} from 'react';
import {warningIdentity, type Warning} from '../../model/shared/warnings.ts';

/** A warning with the time it was first seen among the active ones (ms since the epoch). */
export interface DatedWarning {
	warning: Warning;
	since: number;
}

/**
 * Dates each active warning by when this session first saw it, continuously: one that goes and comes
 * back starts again. `now` is the time of the reading the warnings come from.
 */
export function useWarningsSince(warnings: readonly Warning[], now: number): DatedWarning[] {
	const seen = useRef(new Map<string, number>());
	const next = new Map<string, number>();
	const dated = warnings.map(warning => {
		const identity = warningIdentity(warning);
		const since = next.get(identity) ?? seen.current.get(identity) ?? now;
		next.set(identity, since);
		return {warning, since};
	});
	seen.current = next;
	return dated;
}
