import type {FleetCommand} from './fleet-bindings.ts';

/**
 * The selected context after a selection key: by name, so it stays on its context while rows change.
 * `pageRows` is how many rows the table shows. Pure.
 */
export function moveSelection(names: readonly string[], selected: string | undefined, command: FleetCommand, pageRows: number): string | undefined {
	if (names.length === 0) {
		return undefined;
	}

	const current = Math.max(0, selected === undefined ? 0 : names.indexOf(selected));
	const at = (index: number) => names[Math.min(names.length - 1, Math.max(0, index))];
	switch (command.type) {
		case 'select-previous': {
			return at(current - 1);
		}

		case 'select-next': {
			return at(current + 1);
		}

		case 'select-page': {
			return at(current + (command.step * Math.max(1, pageRows)));
		}

		case 'select-first': {
			return at(0);
		}

		case 'select-last': {
			return at(names.length - 1);
		}

		default: {
			return names.includes(selected ?? '') ? selected : names[0];
		}
	}
}
