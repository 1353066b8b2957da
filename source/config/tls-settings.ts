import {ConfigError, type TlsSettings} from './settings.ts';
import {readReadableFile, type Sourced} from './setting-files.ts';
import {checkCertificates, checkKeyPair, type TlsFile} from './tls-files.ts';

/** The file a TLS setting names, read, with its origin for messages. */
export function readTlsFile(source: Sourced | undefined): TlsFile | undefined {
	if (source === undefined) {
		return undefined;
	}

	return {content: readReadableFile(source.value, source.origin), origin: source.origin, path: source.value};
}

/** The CA bundle and client key pair as the connection takes them, each checked; a certificate without its key is refused. */
export function resolveTls(ca: TlsFile | undefined, cert: TlsFile | undefined, key: TlsFile | undefined): TlsSettings | undefined {
	if ((cert === undefined) !== (key === undefined)) {
		const given = cert ?? key;
		const missing = cert === undefined ? '--cert (or ETCDCTL_CERT)' : '--key (or ETCDCTL_KEY)';
		throw new ConfigError(`${given?.origin} is given without ${missing}: a client certificate needs both`);
	}

	if (ca === undefined && cert === undefined) {
		return undefined;
	}

	if (ca !== undefined) {
		checkCertificates(ca);
	}

	if (cert !== undefined && key !== undefined) {
		checkKeyPair(cert, key);
	}

	return {
		...(ca === undefined ? {} : {ca: ca.content}),
		...(cert === undefined ? {} : {cert: cert.content}),
		...(key === undefined ? {} : {key: key.content}),
	};
}
