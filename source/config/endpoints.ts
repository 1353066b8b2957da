import {ConfigError} from './settings.ts';

/**
 * Parses a comma (or whitespace) separated endpoint list the way etcdctl accepts it:
 * `http://host:port`, `https://host:port`, or a bare `host:port` meaning http.
 */
export function parseEndpoints(text: string, origin: string): string[] {
	const items = text
		.split(/[,\s]+/)
		.map(item => item.trim())
		.filter(item => item !== '');
	if (items.length === 0) {
		throw new ConfigError(`${origin} names no endpoint: give at least one, e.g. http://127.0.0.1:2379`);
	}

	return [...new Set(items.map(item => normaliseEndpoint(item, origin)))];
}

function normaliseEndpoint(item: string, origin: string): string {
	const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(item) ? item : `http://${item}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		throw new ConfigError(`${origin}: "${item}" is not a valid endpoint URL (expected http://host:port or https://host:port)`);
	}

	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new ConfigError(`${origin}: "${item}" uses ${url.protocol.slice(0, -1)}; etcd endpoints are http:// or https://`);
	}

	if (url.username !== '' || url.password !== '') {
		throw new ConfigError(`${origin}: an endpoint must not carry credentials; use --user instead`);
	}

	if (url.hostname === '') {
		throw new ConfigError(`${origin}: "${item}" has no host`);
	}

	if (url.port === '') {
		throw new ConfigError(`${origin}: "${item}" has no port (etcd clients usually use 2379)`);
	}

	if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
		throw new ConfigError(`${origin}: "${item}" has a path; an endpoint is only scheme://host:port`);
	}

	return `${url.protocol}//${url.host}`;
}
