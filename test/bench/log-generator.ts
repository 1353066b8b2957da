/**
 * Prints etcd-style (zap JSON) log lines at a steady rate for the Logs pane: `log-generator.ts RATE
 * [SOURCE]` (SOURCE: the member's name, from a --log-command template's {name}). Each line's message
 * carries its sequence number and source, so the benchmark can read from the screen how many lines a
 * second really arrived from each. Runs until killed (etcdeck ends it when it exits).
 */
const rate = Number(process.argv[2] ?? '2000');
const source = process.argv[3] ?? 'log';
if (!Number.isFinite(rate) || rate <= 0) {
	process.stderr.write(`log-generator: the rate must be a positive number of lines a second, not "${process.argv[2]}"\n`);
	process.exit(2);
}

const tickMs = 10;
const started = performance.now();
let written = 0;
const callers = ['etcdserver/server.go:2073', 'rafthttp/stream.go:250', 'mvcc/kvstore_compaction.go:56', 'wal/wal.go:802'];

function line(sequence: number): string {
	return JSON.stringify({
		level: 'info',
		ts: new Date().toISOString(),
		caller: callers[sequence % callers.length],
		msg: `benchmark line ${sequence} of ${source}`,
		'local-member-id': '8e9e05c52164694d',
	});
}

// Catching up from the clock keeps the rate steady however late a tick fires.
setInterval(() => {
	const due = Math.floor((performance.now() - started) * rate / 1000);
	if (due <= written) {
		return;
	}

	const lines: string[] = [];
	for (; written < due; written++) {
		lines.push(line(written));
	}

	process.stdout.write(`${lines.join('\n')}\n`);
}, tickMs);
