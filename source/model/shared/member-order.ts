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

// One collator each, made once: localeCompare with options builds a collator on every call, and the
// member order is taken several times a refresh.
const byName = new Intl.Collator('en', {numeric: true});
const byId = new Intl.Collator();

/** The one member order of every pane: the leader, then followers, then learners; by name within each (numbers compared as numbers), then by ID. */
export function compareMembers(a: OrderFacts, b: OrderFacts): number {
	return rank(a) - rank(b) || byName.compare(a.name, b.name) || byId.compare(a.id, b.id);
}

/** `items` in the one member order; pure, the input is not changed. */
export function inMemberOrder<T>(items: readonly T[], facts: (item: T) => OrderFacts): T[] {
	return items.map(item => ({item, facts: facts(item)})).sort((a, b) => compareMembers(a.facts, b.facts)).map(({item}) => item);
}
