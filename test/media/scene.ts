import type {ScreenCapture, Stage} from './stage.ts';

/** One picture of the README: how to get the dashboard there, and what it shows. */
export interface Scene {
	/** The file name in media/, without .png or .svg. */
	name: string;
	/** What the picture shows, one line (the README's caption). */
	caption: string;
	/**
	 * Drives etcdeck to the scene, calls `shoot` once (with a capture taken earlier, or to picture the
	 * screen as it is), then leaves the cluster and the dashboard as
	 * the next scene expects them: nothing stopped, no dialog open.
	 */
	play(stage: Stage, shoot: (capture?: ScreenCapture) => Promise<void>): Promise<void>;
}

/** The screen line of the table row that names member `name`, selected (›) or not. */
export function memberRow(screen: string, name: string): string | undefined {
	return screen.split('\n').find(line => /^[› ] /u.test(line) && `${line} `.includes(` ${name} `));
}
