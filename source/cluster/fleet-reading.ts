import type {ClusterReading} from './cluster-reading.ts';

/** What the fleet knows of one context's cluster: plain data, as the fleet poller last left it. */
export interface ContextReading {
	/** The context's name. */
	name: string;
	/** The latest refresh that ended in time; undefined until one has. */
	cluster: ClusterReading | undefined;
	/**
	 * The latest refresh did not end within the context's deadline: when that was, and the deadline.
	 * Cleared by the next refresh that ends in time.
	 */
	overdue: {at: number; deadlineMs: number} | undefined;
	/** When a member last answered (its Status, or refusing Status to this user); undefined if none ever has. */
	lastAnswerAt: number | undefined;
	/** A refresh is on the network now. */
	refreshing: boolean;
	/** Refreshes in a row in which nothing answered: the poller waits longer between them. */
	failures: number;
}
