import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import {DataTable} from '../shared/DataTable.tsx';
import {fleetColumns, fleetTableRows} from '../../model/fleet/fleet-columns.ts';
import {healthCounts, type FleetHealth, type FleetRow} from '../../model/fleet/fleet-row.ts';
import {plural} from '../../model/shared/format.ts';
import {chordLabel} from '../keymap/key-chord.ts';
import {fleetKeymap, type FleetCommand} from './fleet-bindings.ts';

export interface FleetViewProps {
	rows: readonly FleetRow[];
	/** The selected context's name. */
	selected: string | undefined;
	/** What the ages of the answers are measured from. */
	now: number;
	/** The config file the contexts come from. */
	configFile: string;
	/** What the last key did, when it could not (opening an unreachable cluster). */
	notice?: string;
	width: number;
	height: number;
}

/** Lines around the table: the title, the config file, the notice or key line. */
const chromeLines = 3;

const healthColor: Record<FleetHealth, string | undefined> = {connecting: undefined, healthy: 'green', degraded: 'yellow', unavailable: 'red', 'quorum lost': 'red', unreachable: 'red'};

/** The keys the line under the table names. */
const footerCommands: readonly FleetCommand[] = ['fleet-next', 'fleet-open', 'fleet-refresh', 'fleet-quit'];

/** How many table rows fit, for paging. */
export function fleetPageRows(height: number): number {
	return Math.max(1, height - chromeLines - 3);
}

/** The fleet: one row a context, what etcdeck status says of its cluster, the worst counted in the title. */
export function FleetView({rows, selected, now, configFile, notice, width, height}: FleetViewProps) {
	const counts = healthCounts(rows);
	const keys = fleetKeymap.filter(binding => footerCommands.includes(binding.command));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate">
				<Text bold color="cyan">etcdeck fleet</Text>
				<Text>  {plural(rows.length, 'context')}: </Text>
				{counts.map(({health, count}, index) => (
					<Text key={health} color={healthColor[health]} bold={health !== 'healthy' && health !== 'connecting'}>
						{index === 0 ? '' : ', '}
						{count} {health}
					</Text>
				))}
			</Text>
			<Text dimColor wrap="truncate">{configFile}</Text>
			<Box flexGrow={1}>
				<DataTable columns={fleetColumns} rows={fleetTableRows(rows, now)} width={width} height={height - chromeLines} selectedId={selected} emptyText="no contexts" />
			</Box>
			{notice === undefined
				? <Text dimColor wrap="truncate">{keys.map(binding => `${chordLabel(binding.chords[0]!)} ${binding.description.charAt(0).toLowerCase()}${binding.description.slice(1)}`).join('  ·  ')}</Text>
				: <Text color="yellow" wrap="truncate">{notice}</Text>}
		</Box>
	);
}
