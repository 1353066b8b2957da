/**
 * Preloaded into etcdeck by the memory test (NODE_OPTIONS="--expose-gc --import tsx --import THIS"):
 * on SIGUSR2 it runs a full garbage collection and writes what the process holds afterwards, as one
 * JSON line, to ETCDECK_TEST_MEMORY_FILE. V8 lets hundreds of megabytes of garbage pile up before it
 * collects when the machine has memory to spare, so RSS alone says little about what is retained.
 * Other node processes started under the same NODE_OPTIONS (the log generator) are left alone.
 */
import {appendFileSync, readFileSync} from 'node:fs';
import process from 'node:process';

const file = process.env['ETCDECK_TEST_MEMORY_FILE'];
const collect = (globalThis as {gc?: () => void}).gc;
if (file !== undefined && collect !== undefined && process.argv[1]?.endsWith('etcdeck.js')) {
	process.on('SIGUSR2', () => {
		collect();
		collect();
		const {heapUsed, heapTotal, external} = process.memoryUsage();
		const rssKib = Number(/VmRSS:\s*(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
		appendFileSync(file, `${JSON.stringify({at: Date.now(), rssKib, heapUsed, heapTotal, external})}\n`);
	});
}
