import {actionLogDialogKeymap, actionLogKeymap, actionsDialogKeymap, actionsScopeTitles, memberActionKeymap, type ActionsCommand} from '../actions/actions-keymap.ts';
import {filterKeymap, filterScopeTitles, filterTypingKeymap, type FilterCommand} from '../filter/filter-keymap.ts';
import {keysKeymap, keysScopeTitles, type KeysCommand} from '../keys/keys-keymap.ts';
import type {Binding} from '../keymap/binding.ts';
import {warningsKeymap, warningsOpenKeymap, warningsScopeTitles, type WarningsCommand} from '../warnings/warnings-keymap.ts';
import {commandLineKeymap, commandLineOpenKeymap, commandLineScopeTitles, type CommandLineCommand} from '../command-line/command-line-keymap.ts';
import {helpKeymap, helpOpenKeymap, helpScopeTitles, type HelpCommand} from '../keymap/help-keymap.ts';
import {lagKeymap, lagScopeTitles} from '../lag/lag-pane.tsx';
import {logsKeymap, logsScopeTitles, type LogsCommand} from '../logs/logs-keymap.ts';
import {maintenanceDialogKeymap, maintenanceKeymap, maintenanceScopeTitles, type MaintenanceCommand} from '../maintenance/maintenance-keymap.ts';
import {snapshotDialogKeymap, snapshotKeymap, snapshotsScopeTitles, type SnapshotsCommand} from '../snapshots/snapshots-keymap.ts';
import {contextsKeymap, type ContextsCommand} from '../fleet/contexts-keymap.ts';
import {fleetKeymap, fleetScopeTitles, type FleetCommand} from '../fleet/fleet-bindings.ts';
import {panes, type PaneId} from './panes.ts';
import {membershipDialogKeymap, membershipKeymap, membershipScopeTitles, type MembershipCommand} from '../membership/membership-keymap.ts';

export {panes, type PaneId} from './panes.ts';

/** The shell's own commands: a pane's id shows it. */
export type AppCommand = PaneId | 'next-pane' | 'previous-pane' | 'select-previous' | 'select-next' | 'refresh' | 'quit';

export type CommandId = AppCommand | CommandLineCommand | WarningsCommand | ActionsCommand | SnapshotsCommand | MaintenanceCommand | HelpCommand | LogsCommand | KeysCommand | MembershipCommand | FilterCommand | ContextsCommand | FleetCommand | 'toggle-lag-chart';

const appKeymap: ReadonlyArray<Binding<AppCommand>> = [
	...panes.map((pane): Binding<AppCommand> => ({command: pane.id, chords: [{input: pane.number}], description: `${pane.title} pane`, scope: 'global', name: pane.id, args: pane.args})),
	{command: 'next-pane', chords: [{named: 'tab'}], description: 'Next pane', scope: 'global'},
	{command: 'previous-pane', chords: [{named: 'tab', shift: true}], description: 'Previous pane', scope: 'global'},
	{command: 'select-previous', chords: [{named: 'upArrow'}, {input: 'k'}], description: 'Select previous member', scope: 'global'},
	{command: 'select-next', chords: [{named: 'downArrow'}, {input: 'j'}], description: 'Select next member', scope: 'global'},
	{command: 'refresh', chords: [{input: 'r'}], description: 'Refresh now', scope: 'global'},
];

const quitKeymap: ReadonlyArray<Binding<AppCommand>> = [
	{command: 'quit', chords: [{input: 'q'}, {input: 'c', ctrl: true}], description: 'Quit', scope: 'global', name: 'q'},
];

/**
 * The one keymap: every command of the app, its panes and its dialogs. Routing (route-key.ts), the help
 * overlay, the README's key tables and the tests' key presses all read it, so they cannot disagree.
 * Help lists the scopes in this order.
 */
export const keymap: ReadonlyArray<Binding<CommandId>> = [
	...appKeymap,
	...memberActionKeymap,
	...membershipKeymap,
	...snapshotKeymap,
	...maintenanceKeymap,
	...actionLogKeymap,
	...helpOpenKeymap,
	// The filter's Esc first: it clears a filter, and goes back to the fleet only when there is none.
	...filterKeymap,
	...contextsKeymap,
	...warningsOpenKeymap,
	...commandLineOpenKeymap,
	...quitKeymap,
	...lagKeymap,
	...logsKeymap,
	...keysKeymap,
	...filterTypingKeymap,
	...actionsDialogKeymap,
	...membershipDialogKeymap,
	...snapshotDialogKeymap,
	...maintenanceDialogKeymap,
	...actionLogDialogKeymap,
	...warningsKeymap,
	...helpKeymap,
	...commandLineKeymap,
	...fleetKeymap,
];

export type KeyScope = 'global' | keyof typeof lagScopeTitles | keyof typeof logsScopeTitles | keyof typeof keysScopeTitles | keyof typeof actionsScopeTitles | keyof typeof snapshotsScopeTitles | keyof typeof maintenanceScopeTitles | keyof typeof helpScopeTitles | keyof typeof commandLineScopeTitles | keyof typeof fleetScopeTitles | keyof typeof warningsScopeTitles | keyof typeof filterScopeTitles | keyof typeof membershipScopeTitles;

export const scopeTitles: Record<KeyScope, string> = {
	global: 'Everywhere',
	...lagScopeTitles,
	...logsScopeTitles,
	...keysScopeTitles,
	...filterScopeTitles,
	confirm: actionsScopeTitles.confirm,
	...membershipScopeTitles,
	...snapshotsScopeTitles,
	...maintenanceScopeTitles,
	'action-log': actionsScopeTitles['action-log'],
	...warningsScopeTitles,
	...helpScopeTitles,
	...commandLineScopeTitles,
	...fleetScopeTitles,
};

/** What help says besides the keys: how figures are made and what a pane does when the cluster is in trouble. */
export const helpNotes: readonly string[] = [
	'Lag: a learner is ready to promote when within 1 entry of the leader on two refreshes in a row.',
	'Health: percentiles come from histogram bucket deltas between scrapes (the last minute), not since etcd started. /metrics is scraped every refresh while this pane is shown, every 10 s otherwise.',
	'Keys: reads are linearizable; without quorum they fall back to serializable reads from a member that answers, labelled STALE.',
	'DB: growth is measured since etcdeck started; time to quota is at that rate, once it held a whole window. D, C and R act on the cluster one member at a time behind a gate (every voter answers, quorum survives, no lag, no other defragment) and need the root role.',
	'Times are UTC. Credentials never appear on screen.',
];

/** The keymap as help and the README read it. */
export const commandTable = {keymap, scopeTitles: scopeTitles as Record<string, string>, notes: helpNotes};
