/** What ordering needs to know of a member, whichever pane it is drawn in. */
export interface OrderFacts {
	isLeader: boolean;
	isLearner: boolean;
	name: string;
	/** A tiebreak that never changes: the member ID, or the URL. */
	id: string;
}

function rank({isLeader, isLearner}: OrderFacts): number {
	return isLeader ? 0 : isLearner ? 2 : 1;
}

/** The one member order of every pane: the leader, then followers, then learners; by name within each (numbers compared as numbers), then by ID. */
export function compareMembers(a: OrderFacts, b: OrderFacts): number {
	return rank(a) - rank(b) || a.name.localeCompare(b.name, 'en', {numeric: true}) || a.id.localeCompare(b.id);
}

/** `items` in the one member order; pure, the input is not changed. */
export function inMemberOrder<T>(items: readonly T[], facts: (item: T) => OrderFacts): T[] {
	return items.map(item => ({item, facts: facts(item)})).sort((a, b) => compareMembers(a.facts, b.facts)).map(({item}) => item);
}
