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
	switch (command) {
		case 'fleet-previous': {
			return at(current - 1);
		}

		case 'fleet-next': {
			return at(current + 1);
		}

		case 'fleet-page-up':
		case 'fleet-page-down': {
			return at(current + ((command === 'fleet-page-up' ? -1 : 1) * Math.max(1, pageRows)));
		}

		case 'fleet-first': {
			return at(0);
		}

		case 'fleet-last': {
			return at(names.length - 1);
		}

		default: {
			return names.includes(selected ?? '') ? selected : names[0];
		}
	}
}
