import {normalizeMemberId} from './log-trouble.ts';

/** etcd prints member IDs as %x: up to 16 hex digits, leading zeros dropped. */
const hexWord = /\b[0-9a-fA-F]{6,16}\b/g;

/**
 * The text with every member ID in it followed by the member's name: `to=8e9e05c52164694d (m1)`,
 * `raft: 8e9e05c52164694d (m1) became leader`. Only IDs of known members are touched: a request ID
 * or a revision stays as it is.
 */
export function nameMemberIds(text: string, memberNames: ReadonlyMap<string, string>): string {
	if (memberNames.size === 0) {
		return text;
	}

	return text.replaceAll(hexWord, word => {
		const name = memberNames.get(normalizeMemberId(word));
		return name === undefined || name === '' ? word : `${word} (${name})`;
	});
}
