import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Preloaded into etcdeck with --import in NODE_OPTIONS (as a data: URL, so it needs neither tsx nor a
 * file of its own, and reaches the node the installed command's launcher starts): writes when the process first opens a TCP connection, i.e. when loading the code and reading
 * the settings are done and the first refresh starts, as epoch milliseconds.
 */
const preload = `
import net from 'node:net';
import {writeFileSync} from 'node:fs';
const file = process.env.ETCDECK_BENCH_FIRST_CONNECT;
const connect = net.Socket.prototype.connect;
let marked = false;
// Only TCP counts: tsx talks to its own helpers over a Unix socket. Node hands connect() either its
// arguments or, from net.connect(), an array of [options, callback].
const isTcp = args => {
	const target = Array.isArray(args[0]) ? args[0][0] : args[0];
	return typeof target === 'object' && target !== null ? target.port !== undefined && target.path === undefined : typeof target === 'number' || /^\\d+$/.test(String(target));
};
net.Socket.prototype.connect = function (...args) {
	if (!marked && file && isTcp(args)) {
		marked = true;
		writeFileSync(file, String(performance.timeOrigin + performance.now()));
	}
	return connect.apply(this, args);
};
`;

/** Marks one process's first connection; read it once the process has connected. */
export class FirstConnectMark {
	private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-bench-mark-'));
	readonly env = {
		ETCDECK_BENCH_FIRST_CONNECT: path.join(this.dir, 'first-connect'),
		// encodeURIComponent leaves no space, which NODE_OPTIONS would split on.
		NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(preload)}`,
	};

	/** When it connected, on this process's performance.now() clock. */
	read(): number {
		const epochMs = Number(readFileSync(this.env.ETCDECK_BENCH_FIRST_CONNECT, 'utf8'));
		return epochMs - performance.timeOrigin;
	}

	remove(): void {
		rmSync(this.dir, {recursive: true, force: true});
	}
}
