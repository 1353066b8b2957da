import {ClusterService} from '../cluster/cluster-service.ts';
import {FleetPoller} from '../cluster/fleet-poller.ts';
import {defaultFleetOptions, fleetDeadlineMs} from '../cluster/fleet-member.ts';
import type {OpenedContext} from '../config/contexts/open-context.ts';
import {fleetLine} from '../model/fleet/fleet-columns.ts';
import {fleetRow, healthCounts, worstExitCode, type FleetRow} from '../model/fleet/fleet-row.ts';
import {plural} from '../model/shared/format.ts';
import {printJson, printLines, type OutputStream} from './print.ts';

/**
 * `etcdeck status --all-contexts [--json]`: every context's cluster refreshed once, in parallel under
 * the fleet's bound, each under its own deadline; a line per cluster (or one JSON document) and the
 * worst cluster's exit code (0 all healthy, 1 one degraded, 2 one unavailable or unreachable).
 */
export async function runFleetStatus(contexts: readonly OpenedContext[], json: boolean, stdout: OutputStream): Promise<number> {
	const services = contexts.map(({settings}) => new ClusterService(settings.connection));
	try {
		const poller = new FleetPoller(contexts.map(({context, settings}, index) => ({
			name: context.name,
			source: services[index]!,
			refreshMs: settings.refreshMs,
			deadlineMs: fleetDeadlineMs(settings.connection.timeoutMs),
		})), undefined, defaultFleetOptions);
		const readings = await poller.refreshOnce();
		const rows = readings.map((reading, index) => fleetRow({name: reading.name, readOnly: contexts[index]!.settings.readOnly, quotaBytes: contexts[index]!.settings.quotaBytes}, reading));
		const code = worstExitCode(rows);
		if (json) {
			printJson(stdout, fleetJson(rows, code));
		} else {
			printLines(stdout, [...rows.map(row => fleetLine(row)), countsLine(rows)]);
		}

		return code;
	} finally {
		for (const service of services) {
			service.close();
		}
	}
}

function countsLine(rows: readonly FleetRow[]): string {
	return `${plural(rows.length, 'context')}: ${healthCounts(rows).map(({health, count}) => `${count} ${health}`).join(', ')}`;
}

function fleetJson(rows: readonly FleetRow[], code: number): unknown {
	return {
		exitCode: code,
		contexts: rows.map(row => ({
			name: row.name,
			readOnly: row.readOnly,
			health: row.health,
			exitCode: row.exitCode ?? null,
			clusterId: row.clusterId ?? null,
			leader: row.leader ?? null,
			voters: row.voters,
			healthyVoters: row.healthyVoters,
			quorum: row.quorum,
			learners: row.learners,
			worstWarning: row.worstWarning ?? null,
			warnings: row.warningCount,
			largestDb: row.largestDb ?? null,
			versions: row.versions,
			lastAnswerAt: row.lastAnswerAt === undefined ? null : new Date(row.lastAnswerAt).toISOString(),
		})),
	};
}
