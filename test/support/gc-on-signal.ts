/**
 * A preload for etcdeck in the memory test, as NODE_OPTIONS (so it reaches the node that the installed
 * command's launcher starts, and needs no tsx): on SIGUSR2 it runs a full garbage collection and writes
 * what the process holds afterwards, as one JSON line, to ETCDECK_TEST_MEMORY_FILE. V8 lets hundreds
 * of megabytes of garbage pile up before it collects when the machine has memory to spare, so RSS
 * alone says little about what is retained. Other node processes started under the same NODE_OPTIONS
 * (the log generator) are left alone.
 */
const preload = `
import {appendFileSync, readFileSync} from 'node:fs';
const file = process.env.ETCDECK_TEST_MEMORY_FILE;
if (file !== undefined && typeof globalThis.gc === 'function' && /etcdeck\\.[cm]?js$/.test(process.argv[1] ?? '')) {
	process.on('SIGUSR2', () => {
		globalThis.gc();
		globalThis.gc();
		const {heapUsed, heapTotal, external} = process.memoryUsage();
		// V8 hands the pages it freed back to the system from a background task: give it a second.
		setTimeout(() => {
			const rssKib = Number(/VmRSS:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
			appendFileSync(file, JSON.stringify({at: Date.now(), rssKib, heapUsed, heapTotal, external}) + '\\n');
		}, 1000);
	});
}
`;

/** NODE_OPTIONS for the memory test's terminal; encodeURIComponent leaves no space for NODE_OPTIONS to split on. */
export const gcOnSignalNodeOptions = `--expose-gc --import=data:text/javascript,${encodeURIComponent(preload)}`;
