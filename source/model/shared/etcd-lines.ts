/** etcd versions by release line (major.minor), and which tool restores a snapshot on each. */

/** "3.5" of "3.5.30"; undefined when the text is not a version. */
export function etcdLine(version: string): string | undefined {
	const match = /^v?(\d+)\.(\d+)(?:\.\d+)?/.exec(version.trim());
	return match === null ? undefined : `${match[1]}.${match[2]}`;
}

/** Negative when line a is older than line b, 0 when the same, positive when newer. */
export function compareLines(a: string, b: string): number {
	const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
	const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
	return aMajor - bMajor || aMinor - bMinor;
}

/** etcd 3.5 moved `snapshot restore` to etcdutl (etcdctl's is deprecated there and gone in 3.6). */
export function restoreToolFor(line: string): 'etcdutl' | 'etcdctl' {
	return compareLines(line, '3.5') >= 0 ? 'etcdutl' : 'etcdctl';
}

/** Which Debian package gives each of etcd's programs. */
export const debianPackageOf = {etcd: 'etcd-server', etcdctl: 'etcd-client', etcdutl: 'etcd-client'} as const;

/** One of etcd's programs found on PATH. */
export interface EtcdProgram {
	name: 'etcd' | 'etcdctl' | 'etcdutl';
	path: string;
	/** Its directory, to pair an etcd with the etcdutl or etcdctl installed beside it. */
	dir: string;
	/** As it reports itself ("3.4.23"). */
	version: string;
}

/** The etcd to restore and serve a snapshot with, the tool to restore it, and what to tell the operator about the choice. */
export interface DrillTools {
	etcd: EtcdProgram;
	restore: EtcdProgram;
	/** Said when the etcd is not of the snapshot's line (or the snapshot's line is unknown). */
	note: string | undefined;
}

export type DrillToolChoice = {ok: true; tools: DrillTools} | {ok: false; reason: string};

/**
 * Picks from the programs found on PATH (in PATH order): an etcd of the snapshot's own line when there
 * is one, else the first etcd; then the restore tool its line uses, from the same directory when it is
 * there. A newer line restores an older snapshot (etcd upgrades); an older one is used only when it is
 * all there is, and the note says to restore with the snapshot's line for real.
 */
export function chooseDrillTools(snapshotVersion: string | null, programs: readonly EtcdProgram[]): DrillToolChoice {
	const etcds = programs.filter(program => program.name === 'etcd');
	const wanted = snapshotVersion === null ? undefined : etcdLine(snapshotVersion);
	const etcd = etcds.find(program => wanted !== undefined && etcdLine(program.version) === wanted) ?? etcds[0];
	if (etcd === undefined) {
		return {ok: false, reason: `no etcd on PATH to restore into (Debian: apt-get install ${debianPackageOf.etcd})`};
	}

	const line = etcdLine(etcd.version) ?? etcd.version;
	const toolName = restoreToolFor(line);
	const sameLine = (program: EtcdProgram) => etcdLine(program.version) === line;
	const candidates = programs.filter(program => sameLine(program) && (program.name === toolName || (toolName === 'etcdutl' && program.name === 'etcdctl')));
	// etcdutl before etcdctl, and the directory of the chosen etcd before any other.
	const restore = [...candidates].sort((a, b) => Number(a.name !== toolName) - Number(b.name !== toolName) || Number(a.dir !== etcd.dir) - Number(b.dir !== etcd.dir))[0];
	if (restore === undefined) {
		return {ok: false, reason: `no ${toolName} ${line} on PATH beside ${etcd.path} to restore with (Debian: apt-get install ${debianPackageOf[toolName]})`};
	}

	return {ok: true, tools: {etcd, restore, note: lineNote(snapshotVersion, wanted, etcd)}};
}

function lineNote(snapshotVersion: string | null, wanted: string | undefined, etcd: EtcdProgram): string | undefined {
	const line = etcdLine(etcd.version);
	if (snapshotVersion === null || wanted === undefined) {
		return `the snapshot's etcd version is not recorded: restored with etcd ${etcd.version}`;
	}

	if (line === wanted) {
		return undefined;
	}

	if (line !== undefined && compareLines(line, wanted) > 0) {
		return `no etcd ${wanted} on PATH: restored with etcd ${etcd.version}, a newer line (an upgrade, which etcd supports)`;
	}

	return `no etcd ${wanted} on PATH: restored with etcd ${etcd.version}, an older line than the snapshot's ${snapshotVersion}. `
		+ `etcd does not support downgrades: this shows the data restores, but restore it with etcd ${wanted} on the real hosts (Debian: ${debianPackageOf.etcd} of the ${wanted} line)`;
}
