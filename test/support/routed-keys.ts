import {commandTable, panes} from '../../source/ui/app/keymap.ts';
import type {KeyLayer} from '../../source/ui/keymap/binding.ts';
import {routePress} from '../../source/ui/keymap/route-key.ts';
import {useTerminalInput} from '../../source/ui/keymap/use-terminal-input.ts';

/**
 * Keys for a pane rendered on its own, routed as the app routes them: the terminal decoder, then
 * routePress with the one keymap, asking `layers` (the pane's own, as its PaneEntry makes it).
 */
export function useRoutedKeys(layers: () => readonly KeyLayer[]): void {
	useTerminalInput(press => {
		routePress(press, layers, commandTable.keymap, () => ({readOnly: false, pane: panes[0]!, panes}));
	}, error => {
		throw error;
	});
}
