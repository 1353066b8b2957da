/** What `npm run demo -- ARGS` asks for: the help, a refusal, or a scenario with the flags for etcdeck. */
export type DemoRequest =
	| {kind: 'help'}
	| {kind: 'refused'; message: string}
	| {kind: 'run'; scenario: string; etcdeckArgs: readonly string[]};

/**
 * Takes the demo's own flags (--scenario NAME, --help) out of `argv`; the rest go to etcdeck.
 * `scenarios` are the names known, the first the default.
 */
export function parseDemoArguments(argv: readonly string[], scenarios: readonly string[]): DemoRequest {
	const etcdeckArgs: string[] = [];
	let scenario: string | undefined;
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index]!;
		if (argument === '--help' || argument === '-h') {
			return {kind: 'help'};
		}

		if (argument === '--scenario' || argument.startsWith('--scenario=')) {
			const value = argument === '--scenario' ? argv[++index] : argument.slice('--scenario='.length);
			if (value === undefined || value === '') {
				return {kind: 'refused', message: `--scenario takes a name: ${scenarios.join(', ')}`};
			}

			if (!scenarios.includes(value)) {
				return {kind: 'refused', message: `no scenario ${JSON.stringify(value)}; the scenarios: ${scenarios.join(', ')} (npm run demo -- --help)`};
			}

			scenario = value;
			continue;
		}

		etcdeckArgs.push(argument);
	}

	return {kind: 'run', scenario: scenario ?? scenarios[0]!, etcdeckArgs};
}

/** Whether the operator gave one of these etcdeck flags (as --flag or --flag=value) among `args`. */
function gives(args: readonly string[], flags: readonly string[]): boolean {
	return args.some(argument => flags.some(flag => argument === flag || argument.startsWith(`${flag}=`)));
}

/**
 * etcdeck's command line for the demo: the cluster, and unless the operator chose otherwise, the
 * Logs pane on the members' own log files (they are not systemd units) and snapshots (s, :snapshot)
 * into the demo's own directory rather than the working directory, which is often the clone.
 */
export function demoEtcdeckArgs(demo: {endpoint: string; logTail: string; snapshotDir: string}, operatorArgs: readonly string[]): string[] {
	const logs = gives(operatorArgs, ['--log-command', '--log-unit', '--journal-dir', '--journal-file']) ? [] : ['--log-command', demo.logTail];
	const snapshots = gives(operatorArgs, ['--snapshot-dir']) ? [] : ['--snapshot-dir', demo.snapshotDir];
	return ['--endpoints', demo.endpoint, ...logs, ...snapshots, ...operatorArgs];
}

/** `npm run demo -- --help`: the demo's own flags and its scenarios. */
export function demoHelp(scenarios: ReadonlyArray<{name: string; description: string}>): string[] {
	const width = Math.max(...scenarios.map(scenario => scenario.name.length));
	return [
		'npm run demo -- [--scenario NAME] [etcdeck flags]',
		'  a throwaway local etcd cluster on 127.0.0.1 with etcdeck on it; q removes it all.',
		'  Other flags go to etcdeck (etcdeck --help); snapshots go to the demo\'s directory unless --snapshot-dir.',
		'',
		'Scenarios (default: the first)',
		...scenarios.map(scenario => `  ${scenario.name.padEnd(width)}  ${scenario.description}`),
	];
}
