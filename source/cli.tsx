#!/usr/bin/env node
import meow from 'meow';
import {ClusterService} from './cluster/cluster-service.ts';
import {secretsOf} from './cluster/describe-error.ts';
import {PromptCancelled, resolveSettingsAsking} from './config/password-prompt.ts';
import {ConfigError, type Settings} from './config/settings.ts';
import {flags, helpText} from './config/flags.ts';
import {summarize} from './model/cluster/cluster-summary.ts';
import {nothingAnswers} from './model/cluster/reachability.ts';
import {statusExitCode} from './model/cluster/cluster-summary.ts';
import {statusJson, statusLines} from './headless/status-report.ts';
import {printLines, writeScreenControl} from './headless/print.ts';
import {runSnapshotCommand} from './headless/snapshot-command.ts';
import {runMemberCommand} from './headless/member-command.ts';
import {writeNewFile} from './backup/write-new-file.ts';
import {misplacedRestorePlanFlag, runRestorePlanCommand} from './headless/restore-plan-command.ts';
import {dashboardSaver} from './backup/dashboard-saver.ts';
import {dashboardDriller} from './backup/dashboard-driller.ts';
import {resolveSnapshotDir} from './model/snapshots/snapshot-files.ts';
import type {ClusterReading} from './cluster/cluster-reading.ts';
import {parseEndpoints} from './config/endpoints.ts';
import {LogSource} from './logs/log-source.ts';
import {resolveLogSettings, type LogSettings} from './logs/log-settings.ts';
import {MetricsService} from './metrics/metrics-service.ts';
import {KeyBrowserService} from './cluster/key-browser/key-browser-service.ts';
import {resolveKeyBrowsing} from './config/key-browsing.ts';
import {loadDashboardView} from './load-dashboard-view.ts';

const cli = meow(helpText, {importMeta: import.meta, flags, allowUnknownFlags: false, description: false});

/** Says why etcdeck stops (with detail lines indented under it) and exits with `code`. */
function fail(message: string, code: number, details: readonly string[] = []): never {
	printLines(process.stderr, [`etcdeck: ${message}`, ...details.map(detail => `  ${detail}`)]);
	process.exit(code);
}

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

async function main(): Promise<void> {
	const [command, ...rest] = cli.input;
	// A password is asked for on the terminal, as etcdctl does, only when stdin is one.
	const terminal = process.stdin.isTTY ? {input: process.stdin, output: process.stderr} : undefined;
	const misplaced = command === 'restore-plan' || command === 'member' ? undefined : misplacedRestorePlanFlag(cli.flags);
	if (misplaced !== undefined) {
		fail(`${misplaced} only applies to "etcdeck restore-plan"`, 2);
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

	if (rest.length > 0 || (command !== undefined && command !== 'status')) {
		fail(`unknown command "${cli.input.join(' ')}": expected no command (the dashboard), "status", "member list|add|remove", "snapshot save|verify|drill" or "restore-plan SNAPSHOT"; see --help`, 2);
	}

	if (cli.flags.yes || cli.flags.voter) {
		fail(`${cli.flags.yes ? '--yes' : '--voter'} only applies to "etcdeck member add|remove"`, 2);
	}

	if (cli.flags.keep !== undefined || cli.flags.drill) {
		fail(`${cli.flags.keep === undefined ? '--drill' : '--keep'} only applies to "etcdeck snapshot save"`, 2);
	}

	let settings: Settings;
	let dashboard: DashboardOptions;
	try {
		dashboard = {
			logSettings: resolveLogSettings(cli.flags),
			metricsUrls: cli.flags.metricsUrls === undefined ? undefined : parseEndpoints(cli.flags.metricsUrls, '--metrics-urls'),
			snapshotDir: resolveSnapshotDir(cli.flags.snapshotDir, process.cwd()),
			keyBrowsing: resolveKeyBrowsing(cli.flags),
		};
		settings = await resolveSettingsAsking(cli.flags, process.env, terminal);
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

interface DashboardOptions {
	logSettings: LogSettings;
	metricsUrls: string[] | undefined;
	snapshotDir: string;
	keyBrowsing: {prefix: string | undefined; separator: string};
}

async function runDashboard(service: ClusterService, settings: Settings, options: DashboardOptions, first: ClusterReading, view: Promise<typeof import('./dashboard-view.tsx')>): Promise<void> {
	let restored = false;
	const restoreTerminal = () => {
		if (!restored) {
			restored = true;
			writeScreenControl(process.stdout, 'leaveAlternateScreen');
		}
	};

	writeScreenControl(process.stdout, 'enterAlternateScreen');
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
			membership: {
				addMember: async request => service.addMember(request),
				removeMember: async memberId => service.removeMember(memberId),
				askPeer: async peerUrl => service.askPeer(peerUrl),
				writeNewFile,
			},
			saveSnapshot: dashboardSaver(settings.connection, options.keyBrowsing.separator),
			drillSnapshot: dashboardDriller(settings.connection, process.env['PATH']),
			logSource: new LogSource(options.logSettings, {secrets: secretsOf(settings.connection)}),
			metrics: new MetricsService(settings.connection, {metricsUrls: options.metricsUrls, members: () => members}),
			keyBrowser,
		},
		snapshotDir: options.snapshotDir,
		logLines: options.logSettings.lines,
		keyBrowsing: options.keyBrowsing,
		settings,
		initialReading: first,
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
		printLines(process.stderr, `etcdeck crashed: ${error.stack ?? error.message}`.split('\n'));
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
