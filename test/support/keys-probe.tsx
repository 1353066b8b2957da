import React from 'react';
import {useKeyBrowser, type KeyBrowserSource} from '../../source/hooks/use-key-browser.ts';
import type {KeyBrowserState} from '../../source/model/keys/key-browser-state.ts';
import {keysKeyLayer} from '../../source/ui/keys/keys-keymap.ts';
import {keysViewport} from '../../source/ui/keys/keys-viewport.ts';
import {KeysPane} from '../../source/ui/keys/KeysPane.tsx';
import {useRoutedKeys} from './routed-keys.ts';

/** The Keys pane on its own over a real key browser, its keys routed as the app routes them. */
export function KeysProbe({source, prefix, separator = '/', width, height, quorumLost}: {source: KeyBrowserSource; prefix: string | undefined; separator?: string; width: number; height: number; quorumLost?: boolean}) {
	const viewport = (state: KeyBrowserState) => keysViewport(state, width, height);
	const browser = useKeyBrowser(source, {prefix, separator, active: true, quorumLost}, state => viewport(state).listRows);
	useRoutedKeys(() => {
		const state = browser.read();
		return state === undefined ? [] : [keysKeyLayer(() => browser.read()!, browser.dispatch, viewport)];
	});
	return <KeysPane state={browser.state} startError={browser.startError} width={width} height={height} />;
}
