import {useCallback, useEffect, useRef, useState} from 'react';
import type {KeyBrowserService} from '../cluster/key-browser/key-browser-service.ts';
import {initialKeyBrowserState, keyBrowserReducer, neededLoads, type KeyBrowserEvent, type KeyBrowserLoad, type KeyBrowserState} from '../model/keys/key-browser-state.ts';
import {levelEntryOf, levelRange} from '../cluster/key-range.ts';
import {unescapeKey} from '../model/shared/key-text.ts';

/** The reads and watches the Keys pane needs (KeyBrowserService; tests may hand in another). */
export type KeyBrowserSource = Pick<KeyBrowserService, 'defaultStartPrefix' | 'page' | 'count' | 'get' | 'watch' | 'quorumRestored'>;

export interface KeyBrowserOptions {
	/** --prefix as typed (`\xNN` for a byte); undefined: the separator when every key starts with it, else the top. */
	prefix: string | undefined;
	/** --separator; `/` by default. */
	separator: string;
	/**
	 * Nothing is read or watched until this is true (the pane was shown once): a watch on a busy key
	 * space costs etcd work no one asked for. Once started it stays started, keeping the operator's place.
	 */
	active: boolean;
	/**
	 * Whether the dashboard's latest reading found quorum lost (undefined before the first): when it
	 * flips, the level's count is read again so the STALE / linearizable label follows the cluster.
	 */
	quorumLost?: boolean;
}

export interface KeyBrowser {
	/** Undefined until the start prefix is known. */
	state: KeyBrowserState | undefined;
	startError: string | undefined;
	/** Applies an event (a key's, from the Keys pane's keymap) and starts the reads it calls for. */
	dispatch: (event: KeyBrowserEvent) => void;
	/** The state now, synchronously: several keys can arrive before React renders again. */
	read: () => KeyBrowserState | undefined;
}

/**
 * Glues the browser service to the Keys pane: finds where to start, runs the reads the state asks for
 * (see neededLoads) and keeps a watch on the current level and on the opened key. `listRows` says how
 * many rows the pane shows for a state (its layout is the UI's), so reads fetch what is in view.
 */
export function useKeyBrowser(source: KeyBrowserSource, options: KeyBrowserOptions, listRows: (state: KeyBrowserState) => number): KeyBrowser {
	const current = useRef<KeyBrowserState | undefined>(undefined);
	const [state, setState] = useState<KeyBrowserState | undefined>(undefined);
	const [startError, setStartError] = useState<string | undefined>(undefined);
	const rowsOf = useRef(listRows);
	rowsOf.current = listRows;
	const mounted = useRef(true);

	const dispatch = useCallback((event: KeyBrowserEvent) => {
		if (!mounted.current || current.current === undefined) {
			return;
		}

		current.current = keyBrowserReducer(current.current, event);
		setState(current.current);
		startLoads();
		// startLoads is declared below and only reads refs.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	const run = useCallback(async (load: KeyBrowserLoad): Promise<void> => {
		const separator = current.current?.separator ?? Buffer.from(options.separator);
		switch (load.type) {
			case 'page': {
				const result = await source.page(load.level, separator, load.request, load.limit);
				dispatch(result.ok
					? {type: 'page-loaded', generation: load.generation, direction: load.direction, entries: result.value.entries, more: result.value.more, read: result.read, revision: result.revision}
					: {type: 'page-failed', generation: load.generation, error: result.error});
				break;
			}

			case 'total': {
				const result = await source.count(load.prefix);
				dispatch(result.ok ? {type: 'total-loaded', generation: load.generation, count: {value: result.value}, read: result.read} : {type: 'total-loaded', generation: load.generation, count: {error: result.error}});
				break;
			}

			case 'counts': {
				await Promise.all(load.prefixes.map(async prefix => {
					const result = await source.count(prefix);
					dispatch({type: 'count-loaded', generation: load.generation, prefix, count: result.ok ? {value: result.value} : {error: result.error}});
				}));
				break;
			}

			case 'value': {
				const result = await source.get(load.key);
				dispatch(result.ok ? {type: 'value-loaded', key: load.key, record: result.value, read: result.read, revision: result.revision} : {type: 'value-failed', key: load.key, error: result.error});
				break;
			}
		}
	}, [source, options.separator, dispatch]);

	function startLoads(): void {
		const now = current.current;
		if (now === undefined) {
			return;
		}

		for (const load of neededLoads(now, rowsOf.current(now))) {
			current.current = keyBrowserReducer(current.current!, {type: 'load-started', load});
			void run(load);
		}

		setState(current.current);
	}

	useEffect(() => {
		if (!options.active) {
			return undefined;
		}

		mounted.current = true;
		const separator = Buffer.from(options.separator);
		void (async () => {
			try {
				const start = options.prefix === undefined ? await source.defaultStartPrefix(separator) : unescapeKey(options.prefix);
				if (mounted.current) {
					current.current = initialKeyBrowserState(start, separator);
					setState(current.current);
					startLoads();
				}
			} catch (error) {
				setStartError(error instanceof Error ? error.message : String(error));
			}
		})();
		return () => {
			mounted.current = false;
		};
		// Started once: a new source or options means a new pane.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [source, options.prefix, options.separator, options.active]);

	const generation = state?.generation;
	const watchFrom = state?.watchFrom;
	const level = state?.level;
	const separator = state?.separator;
	useEffect(() => {
		if (generation === undefined || watchFrom === undefined || level === undefined || separator === undefined) {
			return undefined;
		}

		const {start, end} = levelRange(level);
		return source.watch(start, end, watchFrom, {
			onChange: change => {
				dispatch({type: 'level-changed', generation, change, entry: levelEntryOf(change.key, level.prefix, separator)});
			},
			onTrouble: message => {
				dispatch({type: 'watch-trouble', target: 'level', message});
			},
		});
		// The level is fixed for a generation.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [source, generation, watchFrom, dispatch]);

	const openKey = state?.open?.key;
	const openRevision = state?.open?.revision;
	const openKeyHex = openKey?.toString('hex');
	useEffect(() => {
		if (openKey === undefined || openRevision === undefined) {
			return undefined;
		}

		return source.watch(openKey, undefined, openRevision, {
			onChange: change => {
				dispatch({type: 'open-key-changed', change});
			},
			onTrouble: message => {
				dispatch({type: 'watch-trouble', target: 'open', message});
			},
		});
		// openKeyHex stands for openKey: a Buffer is a new object on every state.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [source, openKeyHex, openRevision, dispatch]);

	const quorumLost = options.quorumLost;
	const lastQuorumLost = useRef(quorumLost);
	useEffect(() => {
		const before = lastQuorumLost.current;
		lastQuorumLost.current = quorumLost;
		if (before === undefined || quorumLost === undefined || before === quorumLost) {
			return;
		}

		if (!quorumLost) {
			source.quorumRestored();
		}

		dispatch({type: 'quorum-changed'});
	}, [source, quorumLost, dispatch]);

	const read = useCallback(() => current.current, []);
	return {state, startError, dispatch, read};
}
