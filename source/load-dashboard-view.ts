export type DashboardView = typeof import('./dashboard-view.tsx');

/** The variables Ink's is-in-ci reads: with either set, Ink draws nothing until the app exits. */
const ciVariables = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

/**
 * Loads the dashboard's code (Ink, React, the panes). Ink decides once, as it loads, whether it runs in
 * a CI job, and there it keeps every frame back until exit: a blank screen in a shell that merely has
 * CI=true (a CI job's debug shell, a test harness). The dashboard only ever runs on a terminal (the CLI
 * checks), so Ink loads with those variables hidden; they are put back before anything etcdeck starts
 * later (journalctl, --log-command) could see the difference.
 */
export async function loadDashboardView(): Promise<DashboardView> {
	const saved = ciVariables.map(name => [name, process.env[name]] as const);
	for (const name of ciVariables) {
		delete process.env[name];
	}

	try {
		return await import('./dashboard-view.tsx');
	} finally {
		for (const [name, value] of saved) {
			if (value !== undefined) {
				process.env[name] = value;
			}
		}
	}
}
