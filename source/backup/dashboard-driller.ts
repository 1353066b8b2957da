import type {ConnectionSettings} from '../config/settings.ts';
import type {DrillResult} from './drill-result.ts';
import {drillSnapshot} from './snapshot-drill.ts';

/** Drills a saved snapshot for the dashboard; never rejects: the result says what happened. */
export type DrillSnapshot = (file: string, signal: AbortSignal, onStep: (step: string) => void) => Promise<DrillResult>;

/** The dashboard's drill: the run's user (a cluster with authentication needs one to read back) and PATH's etcd. */
export function dashboardDriller(connection: ConnectionSettings, pathVariable: string | undefined): DrillSnapshot {
	return async (file, signal, onStep) => drillSnapshot({file, auth: connection.auth, timeoutMs: connection.timeoutMs, pathVariable, signal, onStep});
}
