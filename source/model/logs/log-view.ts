import {typedText} from '../shared/safe-text.ts';
import {countTroubles} from './trouble-counts.ts';
import type {LogViewEvent, LogViewState} from './log-view-state.ts';
import {append, orderLabels, tailStatus} from './log-arrivals.ts';
import {cursorEntry, cycleMember, matchingEntries, orderOf, scroll} from './log-view-lines.ts';

export * from './log-view-state.ts';
export {activeFilter, isWarningLine, matchingEntries, memberChoices, openedEntry, sourceLabel, visibleSlice, type LogSlice} from './log-view-lines.ts';

/** Pure transitions of the log pane: new lines, the source's state, and the operator's keys. */
export function logViewReducer(state: LogViewState, event: LogViewEvent): LogViewState {
	switch (event.type) {
		case 'append': {
			return event.lines.length === 0 ? state : append(state, [{origin: event.origin ?? {key: ''}, lines: event.lines}], event.now);
		}

		case 'append-batches': {
			return event.batches.every(batch => batch.lines.length === 0 && (batch.skipped ?? 0) === 0) ? state : append(state, event.batches, event.now);
		}

		case 'status': {
			return tailStatus(state, event.status, event.origin);
		}

		case 'members': {
			return {...state, members: event.members, labels: orderLabels(state.labels, event.members)};
		}

		case 'show-member': {
			return {...state, memberFilter: event.member, follow: true, anchor: undefined};
		}

		case 'cycle-member': {
			return cycleMember(state, event.step);
		}

		case 'tick': {
			const memberCounts = Object.fromEntries(Object.entries(state.memberCounts).map(([label, counts]) => [label, countTroubles(counts, [], event.now)]));
			return {...state, now: event.now, counts: countTroubles(state.counts, [], event.now), memberCounts};
		}

		case 'toggle-follow': {
			if (state.follow) {
				const bottom = matchingEntries(state).at(-1);
				return {...state, follow: false, anchor: bottom === undefined ? {time: Number.NEGATIVE_INFINITY, seq: 0} : orderOf(bottom), cursorAbove: 0};
			}

			return {...state, follow: true, anchor: undefined};
		}

		case 'toggle-warnings-only': {
			return {...state, warningsOnly: !state.warningsOnly};
		}

		case 'scroll': {
			return scroll(state, event.lines, event.pageSize);
		}

		case 'scroll-to': {
			if (event.end === 'newest') {
				return {...state, follow: true, anchor: undefined};
			}

			const matching = matchingEntries(state);
			const bottom = matching[Math.min(event.pageSize, matching.length) - 1];
			return bottom === undefined || bottom === matching.at(-1) ? state : {...state, follow: false, anchor: orderOf(bottom), cursorAbove: 0};
		}

		case 'filter-open': {
			return {...state, draft: state.filter, filterBeforeDraft: state.filter};
		}

		case 'filter-type': {
			// Pasted text may bring newlines or escapes; the filter is one line of plain text.
			const text = typedText(event.text);
			return state.draft === undefined || text === '' ? state : {...state, draft: state.draft + text};
		}

		case 'filter-erase': {
			return state.draft === undefined ? state : {...state, draft: [...state.draft].slice(0, -1).join('')};
		}

		case 'filter-apply': {
			return state.draft === undefined ? state : {...state, filter: state.draft.trim(), draft: undefined};
		}

		case 'filter-cancel': {
			return state.draft === undefined ? state : {...state, filter: state.filterBeforeDraft, draft: undefined};
		}

		case 'open-line': {
			const entry = cursorEntry(state, event.pageSize);
			return entry === undefined ? state : {...state, opened: {order: orderOf(entry), scroll: 0}};
		}

		case 'scroll-line': {
			return state.opened === undefined ? state : {...state, opened: {...state.opened, scroll: Math.min(Math.max(0, state.opened.scroll + event.lines), Math.max(0, event.maxOffset))}};
		}

		case 'close-line': {
			return {...state, opened: undefined};
		}

		case 'filter-clear': {
			return state.filter === '' && state.draft === undefined ? state : {...state, filter: '', draft: undefined};
		}
	}
}
