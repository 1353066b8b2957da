import type {LocalCluster} from '../../source/demo/local-cluster.ts';

export interface PrefixReader {
	rootPassword: string;
	role: string;
	/** The one prefix the role may read. */
	prefix: string;
	user: string;
	password: string;
}

/**
 * Turns etcd auth on with etcdctl, with a root user and one read-only user limited to a prefix (a
 * schema-ro-like role). Afterwards etcdctl needs `--user root:PASSWORD`.
 */
export async function enableAuthWithPrefixReader(cluster: LocalCluster, reader: PrefixReader): Promise<void> {
	for (const args of [
		['user', 'add', 'root', `--new-user-password=${reader.rootPassword}`, '--interactive=false'],
		['user', 'grant-role', 'root', 'root'],
		['role', 'add', reader.role],
		['role', 'grant-permission', reader.role, '--prefix=true', 'read', reader.prefix],
		['user', 'add', reader.user, `--new-user-password=${reader.password}`, '--interactive=false'],
		['user', 'grant-role', reader.user, reader.role],
		['auth', 'enable'],
	]) {
		await cluster.etcdctl(args);
	}
}
