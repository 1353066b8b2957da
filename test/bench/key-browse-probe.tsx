import React from 'react';
import {performance} from 'node:perf_hooks';
import {KeyBrowserService} from '../../source/cluster/key-browser/key-browser-service.ts';
import {defaults} from '../../source/config/settings.ts';
import type {KeyBrowserSource} from '../../source/hooks/use-key-browser.ts';
import {pageSize} from '../../source/model/keys/key-browser-state.ts';
import {KeysProbe} from '../support/keys-probe.tsx';
import {browseIntoPrefix, type BrowsedPrefix, type BrowseResult} from './key-browse-flow.ts';
import {VirtualTerminal} from './virtual-terminal.ts';

/**
 * A process of its own (so its RSS is the Keys pane's and nothing else's) that browses one prefix:
 * the key browser service's first page alone, then the pane (useKeyBrowser + KeysPane, what pane 5
 * renders) in Ink, from Enter to the frame. Prints one line of JSON: a {@link ProbeResult}.
 */
export interface ProbeRequest {
	endpoints: string[];
	/** The prefix browsed, whose row is seen one level up, e.g. "/bench/". */
	prefix: string;
	browsed: BrowsedPrefix;
	runs: number;
	columns: number;
	rows: number;
}

export interface ProbeResult {
	/** KeyBrowserService.page() for the prefix's first page, each run. */
	servicePageMs: number[];
	/**
	 * The same page from a service that has read nothing above the level (a level opened with
	 * --prefix): it does not know where the level's first key is, so its first read covers the level.
	 */
	directPageMs: number[];
	/** Keys in the first page the service returned. */
	pageRows: number;
	/** In the pane runs: from Enter until the pane's page read was answered (the rest is rendering). */
	paneReadMs: number[];
	screen: BrowseResult;
}

const separator = '/';

function Pane({source, width, height}: {source: KeyBrowserSource; width: number; height: number}) {
	return <KeysProbe source={source} prefix={separator} separator={separator} width={width} height={height} />;
}

async function servicePages(request: ProbeRequest): Promise<{ms: number[]; rows: number}> {
	const service = new KeyBrowserService({endpoints: request.endpoints, timeoutMs: defaults.timeoutMs});
	try {
		const level = {prefix: Buffer.from(request.prefix), filter: Buffer.alloc(0)};
		const sep = Buffer.from(separator);
		// The pane has read the level above before Enter: the client is connected.
		await service.page({prefix: Buffer.from(separator), filter: Buffer.alloc(0)}, sep, {from: 'start'}, pageSize);
		const ms: number[] = [];
		let rows = 0;
		for (let run = 0; run < request.runs; run++) {
			const started = performance.now();
			const page = await service.page(level, sep, {from: 'start'}, pageSize);
			ms.push(performance.now() - started);
			if (!page.ok) {
				throw new Error(`the first page of ${request.prefix} failed: ${page.error}`);
			}

			rows = page.value.entries.length;
		}

		return {ms, rows};
	} finally {
		service.close();
	}
}

async function directPages(request: ProbeRequest): Promise<number[]> {
	const level = {prefix: Buffer.from(request.prefix), filter: Buffer.alloc(0)};
	const ms: number[] = [];
	for (let run = 0; run < request.runs; run++) {
		const service = new KeyBrowserService({endpoints: request.endpoints, timeoutMs: defaults.timeoutMs});
		try {
			// Connected, but nothing read of the key space.
			await service.get(Buffer.from(separator));
			const started = performance.now();
			const page = await service.page(level, Buffer.from(separator), {from: 'start'}, pageSize);
			ms.push(performance.now() - started);
			if (!page.ok) {
				throw new Error(`the first page of ${request.prefix} failed: ${page.error}`);
			}
		} finally {
			service.close();
		}
	}

	return ms;
}

/** The service, noting when each first page of `prefix` was answered after the latest key press. */
function timedReads(service: KeyBrowserService, prefix: string, lastPress: () => number, answered: number[]): KeyBrowserSource {
	return {
		defaultStartPrefix: async separatorBytes => service.defaultStartPrefix(separatorBytes),
		count: async prefixBytes => service.count(prefixBytes),
		get: async key => service.get(key),
		watch: (start, end, afterRevision, listener) => service.watch(start, end, afterRevision, listener),
		quorumRestored: () => {
			service.quorumRestored();
		},
		async page(level, separatorBytes, pageRequest, limit) {
			const result = await service.page(level, separatorBytes, pageRequest, limit);
			if (pageRequest.from === 'start' && level.prefix.toString('utf8') === prefix) {
				answered.push(performance.now() - lastPress());
			}

			return result;
		},
	};
}

async function paneOnScreen(request: ProbeRequest, readMs: number[]): Promise<BrowseResult> {
	const service = new KeyBrowserService({endpoints: request.endpoints, timeoutMs: defaults.timeoutMs});
	const terminal = new VirtualTerminal(request.columns, request.rows);
	let lastPress = 0;
	try {
		terminal.show(<Pane source={timedReads(service, request.prefix, () => lastPress, readMs)} width={request.columns} height={request.rows}/>);
		return await browseIntoPrefix({
			press(bytes) {
				lastPress = terminal.press(bytes);
				return lastPress;
			},
			frame: async (what, check, options) => terminal.frames.next(what, check, options),
			rssBytes: () => process.memoryUsage.rss(),
		}, request.browsed, request.runs);
	} finally {
		terminal.close();
		service.close();
	}
}

const request = JSON.parse(process.argv[2] ?? '{}') as ProbeRequest;
const pages = await servicePages(request);
const directPageMs = await directPages(request);
const paneReadMs: number[] = [];
const screen = await paneOnScreen(request, paneReadMs);
const result: ProbeResult = {servicePageMs: pages.ms, directPageMs, pageRows: pages.rows, paneReadMs, screen};
process.stdout.write(`${JSON.stringify(result)}\n`);
// grpc keeps closed channels' sockets a moment; the measurement is done.
process.exit(0);
