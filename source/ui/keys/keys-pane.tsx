import React from 'react';
import type {KeyBrowserState} from '../../model/keys/key-browser-state.ts';
import type {PaneEntry} from '../shared/pane.ts';
import {keysKeyLayer} from './keys-keymap.ts';
import {keysViewport} from './keys-viewport.ts';
import {KeysPane} from './KeysPane.tsx';

/** Pane 5: the key space level by level, keys only until one is opened, watched while shown. */
export const keysPane: PaneEntry<'keys'> = {
	id: 'keys',
	number: '5',
	title: 'Keys',
	rowsAreMembers: false,
	keyLayer({data, width, height}) {
		const {keys} = data;
		const read = keys.read;
		// Until the start prefix is known the pane has no keys of its own.
		return read() === undefined ? undefined : keysKeyLayer(() => read()!, keys.dispatch, (state: KeyBrowserState) => keysViewport(state, width, height));
	},
	view: ({data, width, height}) => <KeysPane state={data.keys.state} startError={data.keys.startError} width={width} height={height} />,
};
