#!/usr/bin/env node
import meow from 'meow';
import {ClusterService} from './cluster/cluster-service.ts';
import {resolveSettings} from './config/resolve-settings.ts';
import {ConfigError, type Settings} from './config/settings.ts';
import {flags, helpText} from './cli-flags.ts';
import {summarize} from './model/cluster-summary.ts';
import {nothingAnswers} from './model/reachability.ts';
import {statusExitCode} from './model/table-rows.ts';
import {statusJson, statusText} from './headless/status-report.ts';
import {runSnapshotCommand} from './headless/snapshot-command.ts';
import {misplacedRestorePlanFlag, runRestorePlanCommand} from './headless/restore-plan-command.ts';
import {dashboardSaver} from './backup/dashboard-saver.ts';
import {dashboardDriller} from './backup/dashboard-driller.ts';
import {resolveSnapshotDir} from './model/snapshot-files.ts';
import type {ClusterSnapshot} from './cluster/snapshot.ts';
import {parseEndpoints} from './config/endpoints.ts';
import {LogSource} from './logs/log-source.ts';
import {resolveLogSettings, type LogSettings} from './logs/log-settings.ts';
import {MetricsService} from './metrics/metrics-service.ts';
import {KeyBrowserService} from './cluster/key-browser/key-browser-service.ts';
import {resolveKeyBrowsing} from './config/key-browsing.ts';
import {loadDashboardView} from './load-dashboard-view.ts';

const cli = meow(helpText, {importMeta: import.meta, flags, allowUnknownFlags: false, description: false});

function fail(message: string, code: number): never {
	process.stderr.write(`etcdeck: ${message}\n`);
	process.exit(code);
}

async function main(): Promise<void> {
	const [command, ...rest] = cli.input;
	const misplaced = command === 'restore-plan' ? undefined : misplacedRestorePlanFlag(cli.flags);
	if (misplaced !== undefined) {
		fail(`${misplaced} only applies to "etcdeck restore-plan"`, 2);
	}

	if (command === 'snapshot') {
		process.exitCode = await runSnapshotCommand(rest, cli.flags, {stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd()});
		return;
	}

	if (command === 'restore-plan') {
		process.exitCode = await runRestorePlanCommand(rest, cli.flags, {stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd()});
		return;
	}

	if (rest.length > 0 || (command !== undefined && command !== 'status')) {
		fail(`unknown command "${cli.input.join(' ')}": expected no command (the dashboard), "status", "snapshot save|verify|drill" or "restore-plan SNAPSHOT"; see --help`, 2);
	}

	if (cli.flags.keep !== undefined || cli.flags.drill) {
		fail(`${cli.flags.keep === undefined ? '--drill' : '--keep'} only applies to "etcdeck snapshot save"`, 2);
	}

	let settings: Settings;
	let dashboard: DashboardOptions;
	try {
		settings = resolveSettings(cli.flags, process.env);
		dashboard = {
			logSettings: resolveLogSettings(cli.flags),
			metricsUrls: cli.flags.metricsUrls === undefined ? undefined : parseEndpoints(cli.flags.metricsUrls, '--metrics-urls'),
			snapshotDir: resolveSnapshotDir(cli.flags.snapshotDir, process.cwd()),
			keyBrowsing: resolveKeyBrowsing(cli.flags),
		};
	} catch (error) {
		if (error instanceof ConfigError) {
			fail(error.message, 2);
		}

		throw error;
	}

	// The dashboard's code loads while the first refresh is on the network.
	const view = command === undefined ? loadDashboardView() : undefined;
	view?.catch(() => undefined);
	const service = new ClusterService(settings.connection);
	const first = await service.refresh();
	if (command === 'status') {
		const summary = summarize(first, {quotaBytes: settings.quotaBytes});
		process.stdout.write(cli.flags.json ? statusJson(summary) : statusText(summary));
		service.close();
		process.exitCode = statusExitCode(summary);
		return;
	}

	const unreachable = nothingAnswers(first);
	if (unreachable !== undefined) {
		service.close();
		fail(`cannot reach the cluster:\n  ${unreachable.join('\n  ')}`, 2);
	}

	if (!process.stdout.isTTY || !process.stdin.isTTY) {
		service.close();
		fail('the dashboard needs a terminal; for a report without one use "etcdeck status"', 2);
	}

	await runDashboard(service, settings, dashboard, first, view!);
}

interface DashboardOptions {
	logSettings: LogSettings;
	metricsUrls: string[] | undefined;
	snapshotDir: string;
	keyBrowsing: {prefix: string | undefined; separator: string};
}

async function runDashboard(service: ClusterService, settings: Settings, options: DashboardOptions, first: ClusterSnapshot, view: Promise<typeof import('./dashboard-view.tsx')>): Promise<void> {
	const enterAlternateScreen = '\u001B[?1049h\u001B[H';
	const leaveAlternateScreen = '\u001B[?25h\u001B[?1049l';
	let restored = false;
	const restoreTerminal = () => {
		if (!restored) {
			restored = true;
			process.stdout.write(leaveAlternateScreen);
		}
	};

	process.stdout.write(enterAlternateScreen);
	process.once('exit', restoreTerminal);
	// The metrics scrapes follow the member list of the latest refresh.
	let members = first.members;
	const cluster = {
		refresh: async () => {
			const snapshot = await service.refresh();
			members = snapshot.members;
			return snapshot;
		},
		promote: async (memberId: string) => service.promote(memberId),
		moveLeader: async (memberId: string) => service.moveLeader(memberId),
	};
	const keyBrowser = new KeyBrowserService(settings.connection);
	const {renderDashboard} = await view;
	const instance = renderDashboard({
		services: {
			cluster,
			actions: cluster,
			saveSnapshot: dashboardSaver(settings.connection, options.keyBrowsing.separator),
			drillSnapshot: dashboardDriller(settings.connection, process.env['PATH']),
			logSource: new LogSource(options.logSettings),
			metrics: new MetricsService(settings.connection, {metricsUrls: options.metricsUrls, members: () => members}),
			keyBrowser,
		},
		snapshotDir: options.snapshotDir,
		logLines: options.logSettings.lines,
		keyBrowsing: options.keyBrowsing,
		settings,
		initialSnapshot: first,
	});
	const shutdown = (code: number) => {
		instance.unmount();
		service.close();
		keyBrowser.close();
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
		process.stderr.write(`etcdeck crashed: ${error.stack ?? error.message}\n`);
		process.exit(70);
	});

	await instance.waitUntilExit();
	service.close();
	keyBrowser.close();
	restoreTerminal();
	// grpc keeps sockets alive briefly after close; the dashboard is done.
	process.exit(0);
}

await main();
