import type {ContextReading} from '../../source/cluster/fleet-reading.ts';
import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import type {FleetSource} from '../../source/hooks/use-fleet.ts';

/** A reading of a context whose latest refresh gave `cluster` (undefined: none yet). */
export function contextReading(name: string, cluster: ClusterReading | undefined, overrides: Partial<ContextReading> = {}): ContextReading {
	const answered = cluster?.probes.some(probe => probe.status !== undefined) ?? false;
	return {name, cluster, overdue: undefined, lastAnswerAt: answered ? cluster?.takenAt : undefined, refreshing: false, failures: 0, ...overrides};
}

/** A fleet whose readings the test sets; counts starts, stops and refreshes asked for. */
export class FixtureFleet implements FleetSource {
	starts = 0;
	stops = 0;
	refreshes: Array<string | undefined> = [];
	private readonly listeners = new Set<(readings: ContextReading[]) => void>();

	constructor(private current: ContextReading[]) {}

	readings(): ContextReading[] {
		return this.current;
	}

	subscribe(listener: (readings: ContextReading[]) => void): () => void {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	}

	start(): void {
		this.starts += 1;
	}

	stop(): void {
		this.stops += 1;
	}

	refreshNow(name?: string): void {
		this.refreshes.push(name);
	}

	/** New readings, as the poller hands them on. */
	set(readings: ContextReading[]): void {
		this.current = readings;
		for (const listener of this.listeners) {
			listener(readings);
		}
	}
}
