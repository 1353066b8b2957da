import {hasControlCharacters} from '../shared/shell-quote.ts';

/** Why a member name cannot be handed to etcd and --initial-cluster, or undefined when it can. */
export function memberNameProblem(name: string): string | undefined {
	if (name.trim() === '') {
		return 'the new member needs a name';
	}

	if (hasControlCharacters(name)) {
		return `member name ${JSON.stringify(name)} has control characters`;
	}

	if (name.includes(',') || name.includes('=') || /\s/.test(name)) {
		return `member name ${JSON.stringify(name)} holds "," "=" or a space, which --initial-cluster cannot carry`;
	}

	return undefined;
}

export function sameUrl(a: string, b: string): boolean {
	if (!URL.canParse(a) || !URL.canParse(b)) {
		return a === b;
	}

	const left = new URL(a);
	const right = new URL(b);
	return left.protocol === right.protocol && left.hostname.toLowerCase() === right.hostname.toLowerCase() && left.port === right.port;
}
