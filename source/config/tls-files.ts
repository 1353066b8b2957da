import {X509Certificate, createPrivateKey, type KeyObject} from 'node:crypto';
import {ConfigError} from './settings.ts';

/** A TLS file as read, with where it came from (a flag, a variable or a client-directory file). */
export interface TlsFile {
	content: Buffer;
	origin: string;
	path: string;
}

const certificateBlock = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * Checks that a CA bundle or client certificate holds PEM certificates that parse. grpc would take a
 * file without one and fail every handshake later with "unable to verify the first certificate".
 */
export function checkCertificates(file: TlsFile): X509Certificate[] {
	const blocks = file.content.toString('utf8').match(certificateBlock) ?? [];
	if (blocks.length === 0) {
		throw new ConfigError(`${file.origin}: ${file.path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
	}

	return blocks.map((block, index) => {
		try {
			return new X509Certificate(block);
		} catch (error) {
			const which = blocks.length === 1 ? 'its certificate' : `certificate ${index + 1} of ${blocks.length}`;
			throw new ConfigError(`${file.origin}: ${file.path}: ${which} cannot be read (${reason(error)})`);
		}
	});
}

/** Checks that the key file holds a private key, and that it belongs to the client certificate. */
export function checkKeyPair(certificate: TlsFile, key: TlsFile): void {
	const [leaf] = checkCertificates(certificate);
	if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(key.content.toString('utf8'))) {
		throw new ConfigError(`${key.origin}: ${key.path} is encrypted; give an unencrypted key, as etcdctl needs too`);
	}

	let privateKey: KeyObject;
	try {
		privateKey = createPrivateKey(key.content);
	} catch (error) {
		throw new ConfigError(`${key.origin}: ${key.path} holds no readable PEM private key (${reason(error)})`);
	}

	if (!leaf!.checkPrivateKey(privateKey)) {
		throw new ConfigError(`${key.origin}: ${key.path} is not the key of the certificate in ${certificate.origin} ${certificate.path}`);
	}
}

function reason(error: unknown): string {
	return error instanceof Error ? error.message.replace(/^error:[\dA-F]+:/, '') : String(error);
}
