import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {MemberInfo} from '../../source/cluster/cluster-reading.ts';
import type {TlsSettings} from '../../source/config/settings.ts';
import {MetricsService} from '../../source/metrics/metrics-service.ts';
import {startClusterForFile} from '../support/cluster.ts';

/** One member serving https that demands a client certificate from its CA. */
const cluster = startClusterForFile({voters: 1, tls: {clientCertAuth: true}});
const timeoutMs = 2000;

function scrapeWith(tls: TlsSettings | undefined) {
	const endpoints = cluster().endpoints;
	const members: MemberInfo[] = [];
	return new MetricsService({endpoints, timeoutMs, ...(tls === undefined ? {} : {tls})}, {members: () => members}).refresh();
}

function material() {
	const files = cluster().tls!;
	return {ca: readFileSync(files.ca.certFile), cert: readFileSync(files.client.certFile), key: readFileSync(files.client.keyFile)};
}

test('https with the client\'s CA, certificate and key: the metrics parse', async () => {
	assert.match(cluster().endpoints[0]!, /^https:/);
	const round = await scrapeWith(material());
	const [scrape] = round.scrapes;
	assert.equal(scrape?.error, undefined);
	assert.equal(scrape?.url, `${cluster().endpoints[0]!}/metrics`);
	assert.equal(scrape?.metrics?.hasLeader, true);
});

test('without --cacert the server\'s certificate is not trusted, and the message says which flag', async () => {
	const {cert, key} = material();
	const [scrape] = (await scrapeWith({cert, key})).scrapes;
	assert.equal(scrape?.metrics, undefined);
	assert.match(scrape?.error ?? '', /^TLS: .*not .*trust.*--cacert/);
});

test('without a client certificate etcd refuses the handshake, and the message asks for --cert and --key', async () => {
	const {ca} = material();
	const [scrape] = (await scrapeWith({ca})).scrapes;
	assert.equal(scrape?.metrics, undefined);
	assert.match(scrape?.error ?? '', /^TLS: .*client certificate.*--cert and --key/);
});
