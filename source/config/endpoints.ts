import {ConfigError} from './settings.ts';

const defaultPorts: Record<string, string> = {'http:': '80', 'https:': '443'};

/**
 * Parses a comma (or whitespace) separated endpoint list the way etcdctl accepts it:
 * `http://host:port`, `https://host:port`, or a bare `host:port` meaning http.
 * Exact repeats (after normalising) are dropped, keeping the first.
 */
export function parseEndpoints(text: string, origin: string): string[] {
	refuseCredentials(text, origin);
	const entries = text.split(',').map(entry => entry.trim());
	if (entries.every(entry => entry === '')) {
		throw new ConfigError(`${origin} names no endpoint: give at least one, e.g. http://127.0.0.1:2379`);
	}

	if (entries.includes('')) {
		throw new ConfigError(`${origin}: "${text.trim()}" has an empty entry (two commas in a row, or one at an end); separate endpoints with single commas`);
	}

	const items = entries.flatMap(entry => entry.split(/\s+/));
	return [...new Set(items.map(item => normaliseEndpoint(item, origin)))];
}

/**
 * Runs on the whole text before it is split, because a password may itself hold a comma or a space:
 * no piece of the text before the last `@` may reach a message.
 */
function refuseCredentials(text: string, origin: string): void {
	const at = text.lastIndexOf('@');
	if (at === -1) {
		return;
	}

	const hostAfter = text.slice(at + 1).split(/[,\s]/)[0] ?? '';
	throw new ConfigError(`${origin}: an endpoint carries a user or password (***@${hostAfter}); give them with --user NAME and --password instead`);
}

function normaliseEndpoint(item: string, origin: string): string {
	const scheme = /^([a-z][a-z\d+.-]*):\/\//i.exec(item)?.[1]?.toLowerCase();
	if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
		throw new ConfigError(`${origin}: "${item}" uses ${scheme}; etcd endpoints are http:// or https://`);
	}

	const withScheme = scheme === undefined ? `http://${item}` : item;
	const {host, port} = splitAuthority(withScheme);
	if (host === '') {
		throw new ConfigError(`${origin}: "${item}" has no host`);
	}

	if (port === undefined || port === '') {
		throw new ConfigError(`${origin}: "${item}" has no port (etcd clients usually use 2379)`);
	}

	if (!/^\d+$/.test(port)) {
		throw new ConfigError(`${origin}: "${item}" has port "${port}", which is not a number`);
	}

	const portNumber = Number(port);
	if (portNumber === 0 || portNumber > 65_535) {
		throw new ConfigError(`${origin}: "${item}" has port ${port}; a port is between 1 and 65535 (etcd clients usually use 2379)`);
	}

	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		throw new ConfigError(`${origin}: "${item}" is not a valid endpoint URL (expected http://host:port or https://host:port)`);
	}

	if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
		throw new ConfigError(`${origin}: "${item}" has a path; an endpoint is only scheme://host:port`);
	}

	// WHATWG URL leaves port empty when it is the scheme's default (http://h:80), but etcd clients
	// want host:port spelled out.
	return `${url.protocol}//${url.hostname}:${url.port === '' ? defaultPorts[url.protocol] : url.port}`;
}

/** Host and port as typed (port undefined when there is no colon), before URL parsing normalises them. */
function splitAuthority(withScheme: string): {host: string; port: string | undefined} {
	const authority = withScheme.slice(withScheme.indexOf('://') + 3).split(/[/?#\\]/)[0] ?? '';
	const bracketed = /^(\[[^\]]*\])(?::(.*))?$/.exec(authority);
	if (bracketed !== null) {
		return {host: bracketed[1] ?? '', port: bracketed[2]};
	}

	const colon = authority.lastIndexOf(':');
	return colon === -1 ? {host: authority, port: undefined} : {host: authority.slice(0, colon), port: authority.slice(colon + 1)};
}
