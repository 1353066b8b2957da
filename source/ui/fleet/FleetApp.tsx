import React, {useMemo, useState} from 'react';
import {useFleet, type FleetSource} from '../../hooks/use-fleet.ts';
import {useTerminalInput} from '../keymap/use-terminal-input.ts';
import {fleetRow, type FleetContext} from '../../model/fleet/fleet-row.ts';
import {fleetCommandFor} from './fleet-bindings.ts';
import {moveSelection} from './fleet-selection.ts';
import {FleetView, fleetPageRows} from './FleetView.tsx';

export interface FleetAppProps {
	source: FleetSource;
	/** The contexts in the config file's order, as the source's readings are. */
	contexts: readonly FleetContext[];
	configFile: string;
	/** Selected at first: the config file's current-context, or the context the operator came back from. */
	initialSelected?: string;
	columns: number;
	rows: number;
	/** Enter on a cluster that answers: open its dashboard. */
	onOpen: (name: string) => void;
	onQuit: () => void;
}

/**
 * The fleet view with its keys: selection, Enter to open a context (refused, saying why, while its
 * cluster is unreachable or has not answered yet), r to refresh every cluster now, q to quit.
 */
export function FleetApp({source, contexts, configFile, initialSelected, columns, rows: height, onOpen, onQuit}: FleetAppProps) {
	const {readings, changedAt, refreshNow} = useFleet(source);
	const rows = useMemo(() => readings.map((reading, index) => fleetRow(contexts[index] ?? {name: reading.name, readOnly: false, quotaBytes: undefined}, reading)), [readings, contexts]);
	const names = useMemo(() => rows.map(row => row.name), [rows]);
	const [selected, setSelected] = useState<string | undefined>(initialSelected ?? names[0]);
	const [notice, setNotice] = useState<string | undefined>(undefined);

	useTerminalInput(({input, key}) => {
		const command = fleetCommandFor(input, key);
		if (command === undefined) {
			return;
		}

		setNotice(undefined);
		switch (command) {
			case 'fleet-open': {
				const row = rows.find(candidate => candidate.name === selected);
				if (row === undefined) {
					return;
				}

				if (row.exitCode === undefined) {
					setNotice(`${row.name}: no answer yet; its dashboard opens once its cluster has answered`);
				} else if (row.health === 'unreachable') {
					setNotice(`${row.name} is unreachable (${row.worstWarning?.text ?? 'no answer'}): its dashboard cannot open`);
				} else {
					onOpen(row.name);
				}

				return;
			}

			case 'fleet-refresh': {
				refreshNow();
				return;
			}

			case 'fleet-quit': {
				onQuit();
				return;
			}

			default: {
				setSelected(moveSelection(names, selected, command, fleetPageRows(height)));
			}
		}
	}, error => {
		setNotice(`that key failed: ${error instanceof Error ? error.message : String(error)}`);
	});

	return <FleetView rows={rows} selected={selected} now={changedAt} configFile={configFile} notice={notice} width={columns} height={height} />;
}
