import path from 'node:path';
import type {LocalClusterTls} from './local-cluster-types.ts';
import {createCertificateAuthority, issueCertificate, type IssuedCertificate} from './throwaway-pki.ts';

/** A throwaway CA in the cluster's directory, a server certificate for 127.0.0.1 and a client certificate. */
export async function makeClusterTls(baseDir: string, clientCertAuth: boolean): Promise<LocalClusterTls> {
	const dir = tlsDir(baseDir);
	const ca = await createCertificateAuthority(dir, 'ca');
	const server = await issueCertificate(ca, dir, 'server', ['127.0.0.1']);
	const client = await issueCertificate(ca, dir, 'etcdeck-client');
	return {ca, server, client, clientCertAuth};
}

/** A server certificate from the cluster's CA for another address (a node on a host of its own). */
export async function issueServerCertificate(baseDir: string, tls: LocalClusterTls, name: string, address: string): Promise<IssuedCertificate> {
	return issueCertificate(tls.ca, tlsDir(baseDir), `server-${name}`, [address]);
}

/** The etcd flags that serve clients over TLS: the cluster's certificate for 127.0.0.1 unless given another. */
export function serverTlsArgs(tls: LocalClusterTls | undefined, certificate?: IssuedCertificate): string[] {
	if (tls === undefined) {
		return [];
	}

	const server = certificate ?? tls.server;
	return ['--cert-file', server.certFile, '--key-file', server.keyFile, ...(tls.clientCertAuth ? ['--client-cert-auth', '--trusted-ca-file', tls.ca.certFile] : [])];
}

function tlsDir(baseDir: string): string {
	return path.join(baseDir, 'tls');
}
