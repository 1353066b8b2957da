import type {Warning} from '../shared/warnings.ts';

/** What one member's HashKV answered at the common revision. */
export interface MemberHash {
	memberId: string;
	name: string;
	endpoint: string;
	/** The hash of its MVCC keys up to the revision; undefined when it did not answer. */
	hash: number | undefined;
	/** The compacted revision the hash starts from: hashes compare only between equal ones. */
	compactRevision: number | undefined;
	/** The revision it hashed up to. */
	revision: number | undefined;
	error: string | undefined;
}

export type ConsistencyVerdict =
	| {kind: 'consistent'; revision: number; compactRevision: number | undefined; hash: number; members: string[]}
	| {
		kind: 'differ';
		revision: number;
		compactRevision: number | undefined;
		/** The hash most members agree on, and who; undefined when no hash has a majority. */
		reference: {hash: number; members: string[]} | undefined;
		/** The members whose hash is not the reference (every member when there is none). */
		differing: MemberHash[];
	}
	| {
		kind: 'incomplete';
		revision: number;
		/** Members that gave no hash, with why. */
		unanswered: MemberHash[];
		/**
		 * Why the hashes cannot be compared although every member answered: a compaction ran between
		 * them, or they hashed different revisions. The check asks again.
		 */
		changedMeanwhile: string | undefined;
	};

/**
 * The revision every voter can hash: the lowest current revision among them, so no member is asked for
 * a revision it has not applied yet ("required revision is a future revision").
 */
export function commonRevision(revisions: readonly number[]): number | undefined {
	return revisions.length === 0 ? undefined : Math.min(...revisions);
}

/** Compares the members' hashes at one revision, as etcd's own corruption check does. */
export function judgeConsistency(revision: number, hashes: readonly MemberHash[]): ConsistencyVerdict {
	const unanswered = hashes.filter(member => member.hash === undefined);
	if (unanswered.length > 0 || hashes.length === 0) {
		return {kind: 'incomplete', revision, unanswered, changedMeanwhile: undefined};
	}

	if (new Set(hashes.map(member => member.compactRevision ?? -1)).size > 1) {
		return {kind: 'incomplete', revision, unanswered: [], changedMeanwhile: 'a compaction ran while the members were hashed'};
	}

	if (new Set(hashes.map(member => member.revision ?? revision)).size > 1) {
		return {kind: 'incomplete', revision, unanswered: [], changedMeanwhile: `the members hashed different revisions (${hashes.map(member => `${member.name} ${member.revision ?? '?'}`).join(', ')}): writes came in between`};
	}

	const at = hashes[0]!.revision ?? revision;
	const compactRevision = hashes[0]!.compactRevision;
	const groups = new Map<number, MemberHash[]>();
	for (const member of hashes) {
		groups.set(member.hash!, [...(groups.get(member.hash!) ?? []), member]);
	}

	if (groups.size === 1) {
		return {kind: 'consistent', revision: at, compactRevision, hash: hashes[0]!.hash!, members: hashes.map(member => member.name)};
	}

	const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
	const [largest, second] = sorted;
	const majority = largest![1].length > second![1].length ? largest : undefined;
	return {
		kind: 'differ',
		revision: at,
		compactRevision,
		reference: majority === undefined ? undefined : {hash: majority[0], members: majority[1].map(member => member.name)},
		differing: majority === undefined ? [...hashes] : hashes.filter(member => member.hash !== majority[0]),
	};
}

function hashText(hash: number): string {
	return String(hash);
}

/** The verdict in lines: the first says it all, the rest give every member's figures. */
export function verdictLines(verdict: ConsistencyVerdict): string[] {
	switch (verdict.kind) {
		case 'consistent': {
			return [`consistent: ${verdict.members.join(', ')} have hash ${hashText(verdict.hash)} at revision ${verdict.revision} (compacted at ${verdict.compactRevision ?? 'none'})`];
		}

		case 'differ': {
			const reference = verdict.reference === undefined ? 'no hash has a majority' : `${verdict.reference.members.join(', ')} agree on ${hashText(verdict.reference.hash)}`;
			return [
				`MEMBERS DIFFER at revision ${verdict.revision}: ${reference}`,
				...verdict.differing.map(member => `  ${member.name} (${member.memberId}) has hash ${hashText(member.hash!)} at revision ${verdict.revision}, compacted at ${member.compactRevision ?? 'none'}`),
			];
		}

		case 'incomplete': {
			return verdict.changedMeanwhile !== undefined
				? [`not compared: ${verdict.changedMeanwhile}`]
				: [`not compared: ${verdict.unanswered.map(member => `${member.name} gave no hash at revision ${verdict.revision} (${member.error ?? 'no answer'})`).join('; ')}`];
		}
	}
}

/** A difference is critical in the header (the members serve different data); an incomplete check says it is unknown. */
export function consistencyWarnings(verdict: ConsistencyVerdict | undefined): Warning[] {
	if (verdict === undefined || verdict.kind === 'consistent') {
		return [];
	}

	if (verdict.kind === 'differ') {
		const who = verdict.differing.map(member => `${member.name} ${hashText(member.hash!)}`).join(', ');
		const against = verdict.reference === undefined ? '' : ` against ${hashText(verdict.reference.hash)} on ${verdict.reference.members.join(', ')}`;
		return [{severity: 'critical', text: `members differ at revision ${verdict.revision}: hash ${who}${against} (:check)`}];
	}

	return [{severity: 'warning', text: `consistency unknown: ${verdictLines(verdict)[0]!.replace(/^not compared: /, '')}`}];
}
