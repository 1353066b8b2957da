#!/usr/bin/env node
import meow from 'meow';
import {ClusterService} from './cluster/cluster-service.ts';
import {PromptCancelled, resolveSettingsAsking} from './config/password-prompt.ts';
import {ConfigError, type Settings} from './config/settings.ts';
import {flags, helpText} from './config/flags.ts';
import {checkFlags} from './config/flag-check.ts';
import {summarize} from './model/cluster/cluster-summary.ts';
import {nothingAnswers} from './model/cluster/reachability.ts';
import {statusExitCode} from './model/cluster/cluster-summary.ts';
import {statusJson, statusLines} from './headless/status-report.ts';
import {printLines} from './headless/print.ts';
import {subcommandSummary} from './headless/subcommands.ts';
import {misplacedRestorePlanFlag} from './headless/restore-plan-command.ts';
import {loadDashboardView} from './load-dashboard-view.ts';
import {keepRevisionsOf, maintenanceCommands, misplacedMaintenanceFlag, type MaintenanceCommand} from './headless/maintenance-command.ts';
import {runHeadlessCommand} from './headless/run-headless-command.ts';
import os from 'node:os';
import {configPath, loadConfig} from './config/contexts/config-file.ts';
import {chooseTarget, type Target} from './config/contexts/choose-target.ts';
import {contextLayer, openAllContexts, withContextFlags} from './config/contexts/open-context.ts';
import type {ResolveOptions} from './config/resolve-settings.ts';
import {runContextsCommand} from './headless/contexts-command.ts';
import {runFleetStatus} from './headless/fleet-status-command.ts';
import {dashboardOptions, type DashboardOptions} from './dashboard-session.ts';
import type {DeckContext} from './fleet-view.tsx';
import {hidePasswordFromProcessList} from './hide-password.ts';
import {runDashboard} from './run-dashboard.ts';
import {runFleet} from './run-fleet.ts';

/** Says why etcdeck stops (with detail lines indented under it) and exits with `code`. */
function fail(message: string, code: number, details: readonly string[] = []): never {
	printLines(process.stderr, [`etcdeck: ${message}`, ...details.map(detail => `  ${detail}`)]);
	process.exit(code);
}

// Checked before meow, whose own refusal is a bare "Unknown flag" and whose numbers turn "abc" into NaN.
const flagCheck = checkFlags(process.argv.slice(2));
if (flagCheck.kind === 'refused') {
	fail(flagCheck.message, 2);
}

// booleanDefault undefined: a boolean flag not given stays undefined, so a context's read-only shows through.
// meow prints --help (and exits 0) only when it is the one argument: -h, or --help among others, is given it so.
const cli = meow(helpText, {importMeta: import.meta, flags, allowUnknownFlags: false, description: false, booleanDefault: undefined, ...(flagCheck.kind === 'help' ? {argv: ['--help']} : {})});

/** The config file (undefined when there is none at the default place); a mistake in it stops etcdeck, naming file, line and field. */
function configOrFail(): ReturnType<typeof loadConfig> {
	try {
		return loadConfig(cli.flags.config, process.env, os.homedir(), process.cwd());
	} catch (error) {
		if (error instanceof ConfigError) {
			fail(error.message, 2);
		}

		throw error;
	}
}

async function main(): Promise<void> {
	const [command, ...rest] = cli.input;
	// A password is asked for on the terminal, as etcdctl does, only when stdin is one.
	const terminal = process.stdin.isTTY ? {input: process.stdin, output: process.stderr} : undefined;
	const misplaced = command === 'restore-plan' || command === 'member' ? undefined : misplacedRestorePlanFlag(cli.flags);
	if (misplaced !== undefined) {
		fail(`${misplaced} only applies to "etcdeck restore-plan"`, 2);
	}

	const contextFlag = cli.flags.context === undefined ? cli.flags.fleet === true ? '--fleet' : cli.flags.allContexts === true ? '--all-contexts' : undefined : '--context';
	if (contextFlag !== undefined && (command === 'snapshot' || command === 'restore-plan' || command === 'contexts' || maintenanceCommands.includes(command as MaintenanceCommand))) {
		fail(`${contextFlag} does not apply to "etcdeck ${command}": it opens the dashboard or status of contexts${command === 'snapshot' ? '; give the cluster with --endpoints (etcdeck contexts shows each context\'s)' : ''}`, 2);
	}

	const misplacedMaintenance = misplacedMaintenanceFlag(command, cli.flags);
	if (misplacedMaintenance !== undefined) {
		fail(misplacedMaintenance, 2);
	}

	const headlessCode = await runHeadlessCommand(command, rest, cli.flags, () => ({stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), terminal, onSettings: hidePasswordFromProcessList}));
	if (headlessCode !== undefined) {
		process.exitCode = headlessCode;
		return;
	}

	if (command === 'contexts' && rest.length === 0) {
		const config = configOrFail();
		if (config === undefined) {
			fail(`contexts: there is no config file at ${configPath(undefined, process.env, os.homedir(), process.cwd()).file} (give --config FILE)`, 2);
		}

		process.exitCode = runContextsCommand(config, cli.flags.json, process.stdout);
		return;
	}

	if (rest.length > 0 || (command !== undefined && command !== 'status')) {
		fail(`unknown command "${cli.input.join(' ')}": expected no command (the dashboard), "status", "${subcommandSummary('member')}", "${subcommandSummary('snapshot')}", "restore-plan SNAPSHOT", "contexts", "defrag", "recover-space" or "check"; see --help`, 2);
	}

	if (cli.flags.yes || cli.flags.voter) {
		fail(`${cli.flags.yes ? '--yes' : '--voter'} only applies to "etcdeck member add|remove"`, 2);
	}

	if (cli.flags.keep !== undefined || cli.flags.drill) {
		fail(`${cli.flags.keep === undefined ? '--drill' : '--keep'} only applies to "etcdeck snapshot save"`, 2);
	}

	const keepRevisions = keepRevisionsOf(cli.flags);
	if (typeof keepRevisions === 'string') {
		fail(keepRevisions, 2);
	}

	const config = configOrFail();
	let target: Target;
	try {
		target = chooseTarget(command, cli.flags, process.env, config, configPath(cli.flags.config, process.env, os.homedir(), process.cwd()).file);
		if (target.kind === 'fleet' && command === 'status') {
			const contexts = openAllContexts(target.config, cli.flags, process.env, 'status --all-contexts');
			process.exitCode = await runFleetStatus(contexts, cli.flags.json, process.stdout);
			return;
		}
	} catch (error) {
		if (error instanceof ConfigError) {
			fail(error.message, 2);
		}

		throw error;
	}

	if (target.kind === 'fleet') {
		let contexts: DeckContext[];
		try {
			contexts = openAllContexts(target.config, cli.flags, process.env, 'the fleet view').map(opened => ({opened, options: dashboardOptions(withContextFlags(cli.flags, opened.context), process.cwd(), keepRevisions)}));
		} catch (error) {
			if (error instanceof ConfigError) {
				fail(error.message, 2);
			}

			throw error;
		}

		if (!process.stdout.isTTY || !process.stdin.isTTY) {
			fail('the fleet view needs a terminal; for a report without one use "etcdeck status --all-contexts"', 2);
		}

		await runFleet(contexts, target.config, loadDashboardView());
		return;
	}

	let settings: Settings;
	let dashboard: DashboardOptions;
	try {
		// A context's fields stand beneath the flags: logs, metrics, snapshots and keys as well as the connection.
		const clusterFlags = target.kind === 'context' ? withContextFlags(cli.flags, target.context) : cli.flags;
		const resolveOptions: ResolveOptions = target.kind === 'context' ? {context: contextLayer(target.context, process.env)} : {};
		dashboard = dashboardOptions(clusterFlags, process.cwd(), keepRevisions);
		settings = await resolveSettingsAsking(clusterFlags, process.env, terminal, resolveOptions);
	} catch (error) {
		if (error instanceof ConfigError) {
			fail(error.message, 2);
		}

		if (error instanceof PromptCancelled) {
			fail(error.message, 130);
		}

		throw error;
	}

	hidePasswordFromProcessList(settings);

	// The dashboard's code loads while the first refresh is on the network.
	const view = command === undefined ? loadDashboardView() : undefined;
	view?.catch(() => undefined);
	const service = new ClusterService(settings.connection);
	const first = await service.refresh();
	if (command === 'status') {
		const summary = summarize(first, {quotaBytes: settings.quotaBytes});
		printLines(process.stdout, cli.flags.json ? statusJson(summary).split('\n') : statusLines(summary));
		service.close();
		process.exitCode = statusExitCode(summary);
		return;
	}

	const unreachable = nothingAnswers(first);
	if (unreachable !== undefined) {
		service.close();
		fail('cannot reach the cluster:', 2, unreachable);
	}

	if (!process.stdout.isTTY || !process.stdin.isTTY) {
		service.close();
		fail('the dashboard needs a terminal; for a report without one use "etcdeck status"', 2);
	}

	await runDashboard(service, settings, dashboard, first, view!);
}

await main();
