import type {ChildProcess} from 'node:child_process';
import type {CertificateAuthority, IssuedCertificate} from './throwaway-pki.ts';

/** One etcd process of a local cluster. */
export interface LocalMember {
	name: string;
	clientUrl: string;
	peerUrl: string;
	dataDir: string;
	logFile: string;
	isLearner: boolean;
	/** What the member advertises to clients when it is not its own client URL (a test's listener). */
	advertiseClientUrl?: string;
	/** Another URL it serves clients on, besides its client URL (plain http beside https). */
	alsoListenOn?: string;
	process: ChildProcess | undefined;
	/** Why the process could not be started (spawn's own error, such as no etcd at that path). */
	spawnError?: Error;
}

/** How {@link LocalCluster.addLearner} sets a member up beyond its name. */
export interface AddMemberOptions {
	/** --advertise-client-urls, when it is not the URL the member listens on. */
	advertiseClientUrl?: string;
	/** One more --listen-client-urls entry, e.g. http:// beside the cluster's https://. */
	alsoListenOn?: string;
}

export interface LocalClusterOptions {
	voters?: number;
	/** The voters' names (etcd --name takes any text, control characters too); m1, m2, … otherwise. */
	voterNames?: readonly string[];
	learners?: number;
	/** Extra flags for every etcd process. */
	etcdArgs?: string[];
	/** Where to put data directories; a fresh temp dir by default. */
	baseDir?: string;
	/**
	 * Serve clients over https with a certificate for 127.0.0.1 from a throwaway CA made in the
	 * cluster's directory; with clientCertAuth, etcd also demands a client certificate from that CA.
	 * Peers keep talking plain http.
	 */
	tls?: {clientCertAuth?: boolean};
}

/** The TLS material of a cluster started with the tls option, as files in its directory. */
export interface LocalClusterTls {
	ca: CertificateAuthority;
	/** The certificate every member serves, for IP 127.0.0.1. */
	server: IssuedCertificate;
	/** A certificate from the same CA for clients (common name etcdeck-client). */
	client: IssuedCertificate;
	clientCertAuth: boolean;
}

/** An etcd user and its password. */
export interface EtcdUser {
	username: string;
	password: string;
}

/** The users made by {@link LocalCluster.enableAuth}. */
export interface LocalClusterAuth {
	root: EtcdUser;
	/** A user whose only role may read keys under {@link limitedPrefix}, nothing else. */
	limited: EtcdUser;
	limitedPrefix: string;
}

export interface EtcdctlOptions {
	endpoints?: string[];
	input?: string;
	env?: Record<string, string>;
	timeoutMs?: number;
	/** Leave the user out even once auth is enabled: what a client without credentials is allowed. */
	withoutUser?: boolean;
}
