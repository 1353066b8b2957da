import os from 'node:os';

/**
 * The names and addresses this machine answers to, lower case: every interface's address, the host
 * name (long and short) and localhost. A member whose URL names one of them runs here, so the local
 * journal is its log.
 */
export function localAddresses(): Set<string> {
	const addresses = new Set(['localhost']);
	for (const entries of Object.values(os.networkInterfaces())) {
		for (const entry of entries ?? []) {
			addresses.add(entry.address.toLowerCase().replace(/%.*$/, ''));
		}
	}

	const host = os.hostname().toLowerCase();
	addresses.add(host);
	addresses.add(host.split('.')[0]!);
	return addresses;
}
