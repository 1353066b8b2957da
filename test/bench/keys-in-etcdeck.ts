import type {LocalCluster} from '../../source/demo/local-cluster.ts';
import {residentKib} from '../support/etcdeck-in-terminal.ts';
import {chordBytes} from '../../source/ui/keymap/chord-bytes.ts';
import {chordFor} from '../support/tmux.ts';
import {repository, type EtcdeckVariant} from './etcdeck-variants.ts';
import {browseIntoPrefix, type BrowsedPrefix, type BrowseResult} from './key-browse-flow.ts';
import {PtySession} from './pty-session.ts';

/** What the dashboard says for a pane it does not have yet. */
const notInThisBuild = 'not part of this build';

/**
 * etcdeck itself in a pty: its Keys pane, Enter on the prefix's row to the first page, RSS of the
 * etcdeck process. When the dashboard has no Keys pane yet, the reason it gives instead of a result.
 */
export async function browseInEtcdeck(variant: EtcdeckVariant, cluster: LocalCluster, browsed: BrowsedPrefix, runs: number, size: {columns: number; rows: number}): Promise<BrowseResult | {notWired: string}> {
	const session = PtySession.start(variant.command, [...variant.commandArgs, '--endpoints', cluster.endpoints[0]!], {cwd: repository, env: variant.env, ...size});
	try {
		await session.frame('the dashboard', text => text.includes('healthy '));
		const pid = session.programPid();
		const pressed = session.press(chordBytes(chordFor('keys')));
		const shown = await session.frame('the Keys pane', text => text.includes(browsed.row) || text.includes(notInThisBuild), {after: pressed, timeoutMs: 60_000});
		if (shown.text.includes(notInThisBuild)) {
			return {notWired: `the dashboard says: ${shown.text.split('\n').find(line => line.includes(notInThisBuild))?.trim() ?? notInThisBuild}`};
		}

		return await browseIntoPrefix({
			press: bytes => session.press(bytes),
			frame: async (what, check, options) => session.frame(what, check, options),
			rssBytes: () => residentKib(pid) * 1024,
		}, browsed, runs);
	} finally {
		await session.stop();
	}
}
