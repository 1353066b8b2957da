import {readFileSync} from 'node:fs';

let version: string | undefined;

/** The version in etcdeck's package.json, for manifests: which etcdeck wrote a backup. */
export function etcdeckVersion(): string {
	if (version === undefined) {
		const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version?: unknown};
		version = typeof manifest.version === 'string' ? manifest.version : 'unknown';
	}

	return version;
}
