import {execFile} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {promisify} from 'node:util';

const run = promisify(execFile);

/** A certificate authority made for one cluster's life: its certificate and key as PEM files. */
export interface CertificateAuthority {
	certFile: string;
	keyFile: string;
}

/** A certificate signed by a {@link CertificateAuthority}, with its key. */
export interface IssuedCertificate {
	certFile: string;
	keyFile: string;
}

/** P-256 keys: fast to make, and both Go (etcd) and OpenSSL (node) accept them. */
const keyOptions = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Makes a self-signed CA, valid for a day, in `dir` as NAME.crt and NAME.key. */
export async function createCertificateAuthority(dir: string, name: string): Promise<CertificateAuthority> {
	mkdirSync(dir, {recursive: true});
	const certFile = path.join(dir, `${name}.crt`);
	const keyFile = path.join(dir, `${name}.key`);
	await openssl([
		'req', '-x509', ...keyOptions, '-days', '1', '-subj', `/CN=${name}`,
		'-addext', 'basicConstraints=critical,CA:TRUE',
		'-addext', 'keyUsage=critical,keyCertSign,cRLSign',
		'-keyout', keyFile, '-out', certFile,
	]);
	return {certFile, keyFile};
}

/**
 * Issues a certificate with common name `name`, usable by servers and clients alike, for the given IP
 * addresses (as subject alternative names, which is what TLS clients check for an IP endpoint).
 */
export async function issueCertificate(authority: CertificateAuthority, dir: string, name: string, ipAddresses: readonly string[] = []): Promise<IssuedCertificate> {
	mkdirSync(dir, {recursive: true});
	const certFile = path.join(dir, `${name}.crt`);
	const keyFile = path.join(dir, `${name}.key`);
	const requestFile = path.join(dir, `${name}.csr`);
	const extensionsFile = path.join(dir, `${name}.ext`);
	const alternativeNames = ipAddresses.map(address => `IP:${address}`).join(',');
	writeFileSync(extensionsFile, [
		'basicConstraints=CA:FALSE',
		'keyUsage=critical,digitalSignature,keyEncipherment',
		'extendedKeyUsage=serverAuth,clientAuth',
		...(alternativeNames === '' ? [] : [`subjectAltName=${alternativeNames}`]),
		'',
	].join('\n'));
	await openssl(['req', '-new', ...keyOptions, '-subj', `/CN=${name}`, '-keyout', keyFile, '-out', requestFile]);
	await openssl([
		'x509', '-req', '-in', requestFile, '-CA', authority.certFile, '-CAkey', authority.keyFile,
		'-set_serial', `0x${randomBytes(8).toString('hex')}`, '-days', '1', '-extfile', extensionsFile, '-out', certFile,
	]);
	return {certFile, keyFile};
}

async function openssl(args: string[]): Promise<void> {
	try {
		await run('openssl', args, {timeout: 15_000});
	} catch (error) {
		const stderr = (error as {stderr?: string}).stderr?.trim();
		throw new Error(`openssl ${args[0]} failed: ${stderr || (error as Error).message}`);
	}
}
