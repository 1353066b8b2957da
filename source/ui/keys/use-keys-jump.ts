import {useEffect, useRef} from 'react';
import type {KeyBrowser} from '../../hooks/use-key-browser.ts';

/**
 * `:keys PREFIX`: goes to a prefix as the `/` line would (relative to the level, or from the top when
 * it starts with the separator). The pane starts reading only once shown, so a jump asked before its
 * first level is known waits for it.
 */
export function useKeysJump(keys: KeyBrowser): (prefix: string) => void {
	const pending = useRef<string | undefined>(undefined);
	const apply = (prefix: string) => {
		keys.dispatch({type: 'prompt-open'});
		keys.dispatch({type: 'prompt-type', text: prefix});
		keys.dispatch({type: 'prompt-apply'});
	};

	useEffect(() => {
		const prefix = pending.current;
		if (prefix !== undefined && keys.state !== undefined) {
			pending.current = undefined;
			apply(prefix);
		}
	});

	return prefix => {
		if (keys.read() === undefined) {
			pending.current = prefix;
		} else {
			apply(prefix);
		}
	};
}
