import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import {renderSettings, settingsFormats, type NewMemberSettings, type SettingsFormat} from '../../model/membership/new-member-settings.ts';
import {chordsLabel} from '../keymap/key-chord.ts';
import {membershipDialogKeymap} from './membership-keymap.ts';

export interface NewMemberSettingsViewProps {
	/** The member as it was added: "etcd-4 (2f0fd4b3a5cb0e1a)". */
	member: string;
	settings: NewMemberSettings;
	format: SettingsFormat;
	/** What writing the file came to ("written to /root/etcd-4.env (0600)", or why not); undefined before. */
	written: string | undefined;
	width: number;
}

const formatNames: Record<SettingsFormat, string> = {env: 'ETCD_* env (etcd.conf)', flags: 'etcd flags', yaml: 'config.yaml'};
/** The keys of this view, from the keymap that routes them. */
const keys = membershipDialogKeymap.filter(binding => binding.scope === 'new-member-settings');

/**
 * The new member's settings after etcd accepted it, exactly as its etcd needs them, in the form chosen
 * (Tab cycles env → flags → yaml); w writes them to a new file, never over one.
 */
export function NewMemberSettingsView({member, settings, format, written, width}: NewMemberSettingsViewProps) {
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor="green" paddingX={1}>
			<Text bold color="green" wrap="truncate">Settings for new member {member}</Text>
			<Text>
				{settingsFormats.map((each, index) => (
					<Text key={each}>
						{index === 0 ? '' : ' · '}
						{each === format ? <Text bold inverse> {formatNames[each]} </Text> : <Text dimColor>{formatNames[each]}</Text>}
					</Text>
				))}
			</Text>
			<Box flexDirection="column" marginTop={1}>
				{renderSettings(settings, format).map(line => (
					<Text key={line} wrap="wrap">{line}</Text>
				))}
			</Box>
			<Box flexDirection="column" marginTop={1}>
				<Text dimColor>Start its etcd with these, an empty --data-dir and the TLS files the other members use; its row follows it in.</Text>
				{written === undefined ? null : <Text color={written.startsWith('written') ? 'green' : 'red'}>{written}</Text>}
				<Text>
					{keys.map((binding, index) => (
						<Text key={binding.command}>
							{index === 0 ? '' : ' · '}
							<Text bold>{chordsLabel(binding.chords)}</Text> {binding.description.charAt(0).toLowerCase()}{binding.description.slice(1)}
						</Text>
					))}
				</Text>
			</Box>
		</Box>
	);
}
