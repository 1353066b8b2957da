import React from 'react';
import {Box, Text} from 'ink';
import {availablePanes} from './app-state.ts';
import {keymap, type KeyBinding, type KeyScope} from './keymap.ts';

export interface HelpOverlayProps {
	width: number;
}

function isUnbuiltPane(binding: KeyBinding): boolean {
	return binding.action.type === 'show-pane' && !availablePanes.includes(binding.action.pane);
}

const scopeTitles: Record<KeyScope, string> = {global: 'Everywhere', help: 'In this help'};

/** Every key binding, rendered from the keymap itself. */
export function HelpOverlay({width}: HelpOverlayProps) {
	const keyWidth = Math.max(...keymap.map(binding => binding.keys.length)) + 2;
	const scopes = [...new Set(keymap.map(binding => binding.scope))];
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor="cyan" paddingX={1}>
			<Text bold color="cyan">etcdeck keys</Text>
			{scopes.map(scope => (
				<Box key={scope} flexDirection="column" marginTop={1}>
					<Text bold>{scopeTitles[scope]}</Text>
					{keymap
						.filter(binding => binding.scope === scope)
						.map(binding => (
							<Text key={`${scope}-${binding.keys}`} wrap="truncate" dimColor={isUnbuiltPane(binding)}>
								<Text color="cyan">{binding.keys.padEnd(keyWidth)}</Text>
								{binding.description}
								{isUnbuiltPane(binding) ? ' (not built yet)' : ''}
							</Text>
						))}
				</Box>
			))}
		</Box>
	);
}
