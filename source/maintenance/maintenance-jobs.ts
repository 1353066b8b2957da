import type {ConnectionSettings} from '../config/settings.ts';
import type {CompactPreview, JobEnd, MaintenanceJobs, MaintenanceListener, MaintenanceRequest, MaintenanceSettings} from '../model/maintenance/maintenance-events.ts';
import {runCheck} from './check-job.ts';
import {previewCompact, runCompact} from './compact-job.ts';
import {runDefrag} from './defrag-job.ts';
import {newContext} from './job-steps.ts';
import {MaintenanceService, type MaintenancePort} from '../cluster/maintenance/maintenance-service.ts';
import {runRecoverSpace} from './recover-space-job.ts';

/** Runs a maintenance request on a port: the one entry point the dashboard and the headless commands share. */
export async function runMaintenance(port: MaintenancePort, request: MaintenanceRequest, settings: MaintenanceSettings, listener: MaintenanceListener, signal?: AbortSignal): Promise<JobEnd> {
	const context = newContext(port, listener, settings, signal);
	switch (request.kind) {
		case 'defrag': {
			return runDefrag(context, request);
		}

		case 'compact': {
			return runCompact(context, request.revision);
		}

		case 'recover-space': {
			return runRecoverSpace(context, request);
		}

		case 'check': {
			return runCheck(context);
		}
	}
}

/** The dashboard's maintenance jobs, on a service of their own (closed with close()). */
export class DashboardMaintenance implements MaintenanceJobs {
	private readonly service: MaintenanceService;

	constructor(connection: ConnectionSettings, private readonly settings: MaintenanceSettings) {
		this.service = new MaintenanceService(connection);
	}

	async run(request: MaintenanceRequest, listener: MaintenanceListener, signal: AbortSignal): Promise<JobEnd> {
		return runMaintenance(this.service, request, this.settings, listener, signal);
	}

	async previewCompact(revision: number | undefined): Promise<CompactPreview | string> {
		return previewCompact(this.service, revision, this.settings.keepRevisions, this.settings.quotaBytes);
	}

	close(): void {
		this.service.close();
	}
}
