import {randomBytes} from 'node:crypto';
import type {EtcdctlOptions, LocalClusterAuth} from './local-cluster-types.ts';

/**
 * Turns on etcd's authentication with `etcdctl` (sent to `endpoints`): a root user with a random
 * password, and a limited user whose only role may read keys under /limited/.
 */
export async function enableClusterAuth(etcdctl: (args: string[], options: EtcdctlOptions) => Promise<string>, endpoints: string[]): Promise<LocalClusterAuth> {
	const password = () => `pw-${randomBytes(9).toString('base64url')}`;
	const auth: LocalClusterAuth = {root: {username: 'root', password: password()}, limited: {username: 'limited', password: password()}, limitedPrefix: '/limited/'};
	const steps = [
		['role', 'add', 'root'],
		['user', 'add', auth.root.username, `--new-user-password=${auth.root.password}`],
		['user', 'grant-role', auth.root.username, 'root'],
		['role', 'add', 'reader'],
		['role', 'grant-permission', 'reader', 'read', auth.limitedPrefix, '--prefix=true'],
		['user', 'add', auth.limited.username, `--new-user-password=${auth.limited.password}`],
		['user', 'grant-role', auth.limited.username, 'reader'],
		['auth', 'enable'],
	];
	for (const step of steps) {
		await etcdctl(step, {endpoints});
	}

	return auth;
}
