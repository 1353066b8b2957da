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
import {printLines, writeScreenControl} from './headless/print.ts';
import {runSnapshotCommand} from './headless/snapshot-command.ts';
import {runMemberCommand} from './headless/member-command.ts';
import {subcommandSummary} from './headless/subcommands.ts';
import {misplacedRestorePlanFlag, runRestorePlanCommand} from './headless/restore-plan-command.ts';
import type {ClusterReading} from './cluster/cluster-reading.ts';
import {loadDashboardView} from './load-dashboard-view.ts';
import {keepRevisionsOf, maintenanceCommands, misplacedMaintenanceFlag, runMaintenanceCommand, type MaintenanceCommand} from './headless/maintenance-command.ts';
import os from 'node:os';
import {configPath, loadConfig} from './config/contexts/config-file.ts';
import {chooseTarget, type Target} from './config/contexts/choose-target.ts';
import {contextLayer, openAllContexts, withContextFlags} from './config/contexts/open-context.ts';
import type {ResolveOptions} from './config/resolve-settings.ts';
import {runContextsCommand} from './headless/contexts-command.ts';
import {runFleetStatus} from './headless/fleet-status-command.ts';
import type {EtcdeckConfig} from './config/contexts/parse-config.ts';
import {FleetPoller} from './cluster/fleet-poller.ts';
import {fleetDeadlineMs} from './cluster/fleet-member.ts';
import {dashboardOptions, openDashboardSession, type DashboardOptions} from './dashboard-session.ts';
import type {DeckContext} from './fleet-view.tsx';
import type {Instance} from 'ink';

type DashboardView = typeof import('./dashboard-view.tsx');

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

/**
 * `--password X` or `--user NAME:X` shows X to everyone who lists processes (ps reads
 * /proc/PID/cmdline): once read, the command line is rewritten with *** in its place. Until then it
 * is visible, which is why the README recommends the prompt, ETCDCTL_PASSWORD or --client-dir.
 */
function hidePasswordFromProcessList(settings: Settings): void {
	const password = settings.connection.auth?.password;
	if (password === undefined || password === '' || !process.argv.some(argument => argument.includes(password))) {
		return;
	}

	process.title = ['etcdeck', ...process.argv.slice(2).map(argument => argument.split(password).join('***'))].join(' ');
}

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

	if (maintenanceCommands.includes(command as MaintenanceCommand)) {
		process.exitCode = await runMaintenanceCommand(command as MaintenanceCommand, rest, cli.flags, {stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), terminal, onSettings: hidePasswordFromProcessList});
		return;
	}

	if (command === 'snapshot') {
		process.exitCode = await runSnapshotCommand(rest, cli.flags, {stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), terminal, onSettings: hidePasswordFromProcessList});
		return;
	}

	if (command === 'member') {
		process.exitCode = await runMemberCommand(rest, cli.flags, {stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), terminal, onSettings: hidePasswordFromProcessList});
		return;
	}

	if (command === 'restore-plan') {
		process.exitCode = await runRestorePlanCommand(rest, cli.flags, {stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd()});
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

async function runDashboard(service: ClusterService, settings: Settings, options: DashboardOptions, first: ClusterReading, view: Promise<DashboardView>): Promise<void> {
	const session = openDashboardSession(settings, options, process.env, first, service);
	const {renderDashboard} = await view;
	await runFullScreen(() => renderDashboard({
		services: session.services,
		snapshotDir: options.snapshotDir,
		logLines: options.logSettings.lines,
		keyBrowsing: options.keyBrowsing,
		settings,
		initialReading: first,
	}), session.close);
}

/**
 * The fleet view and the dashboards opened from it, in one screen: every context polled by the fleet
 * poller while the fleet is shown, one context's dashboard (with its own connections) while it is open.
 */
async function runFleet(contexts: readonly DeckContext[], config: EtcdeckConfig, view: Promise<DashboardView>): Promise<void> {
	const services = contexts.map(({opened}) => new ClusterService(opened.settings.connection));
	const fleet = new FleetPoller(contexts.map(({opened}, index) => ({
		name: opened.context.name,
		source: services[index]!,
		refreshMs: opened.settings.refreshMs,
		deadlineMs: fleetDeadlineMs(opened.settings.connection.timeoutMs),
	})));
	const {renderContextDeck} = await view;
	await runFullScreen(() => renderContextDeck({
		fleet,
		contexts,
		configFile: config.file,
		currentContext: config.currentContext,
		openSession: context => openDashboardSession(context.opened.settings, context.options, process.env),
	}), () => {
		fleet.stop();
		for (const service of services) {
			service.close();
		}
	});
}

/** Runs a full-screen view on the alternate screen until it exits or a signal ends etcdeck, then cleans up and exits. */
async function runFullScreen(draw: () => Instance, cleanUp: () => void): Promise<void> {
	let restored = false;
	const restoreTerminal = () => {
		if (!restored) {
			restored = true;
			writeScreenControl(process.stdout, 'leaveAlternateScreen');
		}
	};

	writeScreenControl(process.stdout, 'enterAlternateScreen');
	process.once('exit', restoreTerminal);
	const instance = draw();
	const shutdown = (code: number) => {
		instance.unmount();
		cleanUp();
		restoreTerminal();
		process.exit(code);
	};

	process.once('SIGTERM', () => {
		shutdown(143);
	});
	process.once('SIGHUP', () => {
		shutdown(129);
	});
	process.once('uncaughtException', error => {
		instance.unmount();
		restoreTerminal();
		printLines(process.stderr, `etcdeck crashed: ${error.stack ?? error.message}`.split('\n'));
		process.exit(70);
	});

	await instance.waitUntilExit();
	cleanUp();
	restoreTerminal();
	// grpc keeps sockets alive briefly after close; the dashboard is done.
	process.exit(0);
}

await main();
