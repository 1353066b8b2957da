import {typedText} from '../../model/shared/safe-text.ts';
import type {SnapshotSourceChoice} from '../../model/snapshots/snapshot-source.ts';

/** The snapshot dialog while the operator fills it in: the target path and the member to stream from. */
export interface SnapshotForm {
	path: string;
	choices: readonly SnapshotSourceChoice[];
	/** Index into choices. */
	chosen: number;
	/** Why Enter did nothing, shown in the dialog until the next key. */
	problem: string | undefined;
}

export type SnapshotFormEvent =
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'clear'}
	| {type: 'choose'; step: 1 | -1}
	| {type: 'problem'; text: string};

/** Opens the form on the default path and the best member (choices come best first). */
export function openSnapshotForm(path: string, choices: readonly SnapshotSourceChoice[]): SnapshotForm {
	return {path, choices, chosen: 0, problem: undefined};
}

export function snapshotFormReducer(form: SnapshotForm, event: SnapshotFormEvent): SnapshotForm {
	switch (event.type) {
		case 'type': {
			const text = typedText(event.text);
			return text === '' ? form : {...form, path: form.path + text, problem: undefined};
		}

		case 'erase': {
			return {...form, path: [...form.path].slice(0, -1).join(''), problem: undefined};
		}

		case 'clear': {
			return {...form, path: '', problem: undefined};
		}

		case 'choose': {
			const last = form.choices.length - 1;
			return {...form, chosen: Math.min(last, Math.max(0, form.chosen + event.step)), problem: undefined};
		}

		case 'problem': {
			return {...form, problem: event.text};
		}
	}
}

/** Whether a key's input is text for a field: it keeps something once the sanitizer's characters are dropped. */
export function isPathText(input: string): boolean {
	return typedText(input) !== '';
}
