import type {CommandArgs} from '../keymap/binding.ts';
import type {MaintenanceCommand} from './maintenance-keymap.ts';

/** What the maintenance commands open or start, and the status line they speak on. */
export interface MaintenanceOpeners {
	openDefrag: (target?: {all?: boolean; member?: string}) => void;
	openCompact: (revision?: number) => void;
	openRecoverSpace: () => void;
	runCheck: () => void;
	notice: (text: string) => void;
}

/** The DB pane's keys and the `:` commands. */
export function maintenanceCommandRunner({openDefrag, openCompact, openRecoverSpace, runCheck}: MaintenanceOpeners) {
	return (command: MaintenanceCommand) => {
		switch (command) {
			case 'defrag': {
				openDefrag();
				break;
			}

			case 'compact': {
				openCompact();
				break;
			}

			case 'recover-space': {
				openRecoverSpace();
				break;
			}

			case 'check': {
				runCheck();
				break;
			}

			default: {
				break;
			}
		}
	};
}

/** The global layer's part: the keys (D, C, R, H) and the `:` commands with their arguments. */
export function maintenanceGlobalCommands({openDefrag, openCompact, openRecoverSpace, runCheck, notice}: MaintenanceOpeners) {
	return {
		defrag: ({text}: CommandArgs) => {
			openDefrag(text === undefined ? {} : text === 'all' ? {all: true} : {member: text});
		},
		compact: ({text}: CommandArgs) => {
			if (text === undefined) {
				openCompact();
			} else if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text)) && Number(text) > 0) {
				openCompact(Number(text));
			} else {
				notice(`:compact: ${text} is not a revision: give a whole number of at least 1, or nothing to keep the newest --keep-revisions`);
			}
		},
		'recover-space': openRecoverSpace,
		check: runCheck,
	};
}
