import {nearestName} from '../model/shared/nearest-name.ts';
import {flagSections, kebabFlag} from './flags.ts';

/** What the command line's flags call for before meow parses them. */
export type FlagCheck = {kind: 'ok'} | {kind: 'help'} | {kind: 'refused'; message: string};

type Spec = (typeof flagSections)[number]['flags'][number];

/** meow answers these itself (--version alone prints the version). */
const builtIn = ['help', 'version'];

const seeHelp = 'see etcdeck --help';

function isNumber(text: string): boolean {
	return text.trim() !== '' && Number.isFinite(Number(text));
}

/**
 * Checks the flags of `argv` (the arguments after the program) against the flag table: an unknown flag
 * is refused naming the nearest known one, a number flag whose value is no number is refused quoting
 * what was typed (meow would turn it into NaN), and -h or --help anywhere asks for the help. Operands
 * and everything after `--` are left to the commands.
 */
export function checkFlags(argv: readonly string[]): FlagCheck {
	const known = new Map<string, Spec>(flagSections.flatMap(section => section.flags.map((flag: Spec) => [kebabFlag(flag.name), flag] as const)));
	for (let index = 0; index < argv.length; index++) {
		const token = argv[index]!;
		if (token === '--') {
			break;
		}

		if (token === '-h' || token === '--help') {
			return {kind: 'help'};
		}

		if (!token.startsWith('-') || token === '-') {
			continue;
		}

		const equals = token.indexOf('=');
		const written = equals === -1 ? token : token.slice(0, equals);
		const negated = written.startsWith('--no-') ? known.get(`--${written.slice(5)}`) : undefined;
		const flag = known.get(written) ?? (negated?.type === 'boolean' ? negated : undefined);
		if (flag === undefined) {
			if (written === '--version') {
				continue;
			}

			return {kind: 'refused', message: unknownFlagMessage(written, [...known.keys()])};
		}

		if (flag.type === 'boolean') {
			continue;
		}

		const next = argv[index + 1];
		const value = equals === -1 ? (next === undefined || next.startsWith('--') ? undefined : next) : token.slice(equals + 1);
		if (equals === -1 && value !== undefined) {
			index++;
		}

		if (flag.type === 'number' && (value === undefined || !isNumber(value))) {
			const usage = 'usage' in flag ? ` (${flag.usage})` : '';
			return {kind: 'refused', message: `${written} takes a number${usage}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}; ${seeHelp}`};
		}
	}

	return {kind: 'ok'};
}

/** "unknown flag --endpoint (did you mean --endpoints?); see etcdeck --help" */
export function unknownFlagMessage(written: string, knownFlags: readonly string[]): string {
	const bare = (flag: string) => flag.replace(/^-+/, '');
	const names = [...knownFlags.map(flag => bare(flag)), ...builtIn];
	const near = nearestName(bare(written), names);
	return `unknown flag ${written}${near === undefined ? '' : ` (did you mean --${near}?)`}; ${seeHelp}`;
}
