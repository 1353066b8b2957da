/**
 * Records the DB sizes a real 3-member cluster reports while it grows slowly, then fast, then while
 * one member is defragmented: test/support/recorded/db-growth.json, which the growth and
 * size-difference warnings are unit-tested on. Run it again to re-record:
 *
 *   node --import tsx test/support/record-db-series.ts
 */
import {writeFileSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import {Etcd3} from 'etcd3';
import {ClusterService} from '../../source/cluster/cluster-service.ts';
import {LocalCluster} from '../../source/demo/local-cluster.ts';
import {etcdVersion} from '../../source/demo/etcd-binaries.ts';
import type {RecordedDbSeries, RecordedDbSample} from './db-series.ts';

const phases = [
	{name: 'slow', seconds: 50, putIntervalMs: 500},
	{name: 'fast', seconds: 30, putIntervalMs: 50},
	{name: 'one member defragmented', seconds: 10, putIntervalMs: 500},
] as const;

const cluster = await LocalCluster.start({voters: 3});
const client = new Etcd3({hosts: cluster.endpoints});
const service = new ClusterService({endpoints: cluster.endpoints, timeoutMs: 2000});
const samples: RecordedDbSample[] = [];
const phaseStarts: Record<string, number> = {};
try {
	const value = 'x'.repeat(10_000);
	let writing = true;
	let interval: number = phases[0].putIntervalMs;
	const writer = (async () => {
		for (let index = 0; writing; index++) {
			await client.put(`/grow/${index % 50}`).value(value);
			await delay(interval);
		}
	})();
	for (const phase of phases) {
		interval = phase.putIntervalMs;
		if (phase.name === 'one member defragmented') {
			const revision = Number((await client.maintenance.status()).header.revision);
			await client.kv.compact({revision, physical: true});
			await cluster.etcdctl(['defrag'], {endpoints: [cluster.member('m2').clientUrl]});
		}

		phaseStarts[phase.name] = Date.now();
		const end = Date.now() + (phase.seconds * 1000);
		while (Date.now() < end) {
			const reading = await service.refresh();
			samples.push({
				takenAt: reading.takenAt,
				members: reading.members.map(member => {
					const status = reading.probes.find(probe => probe.memberId === member.id)?.status;
					return {name: member.name, dbSizeBytes: status?.dbSizeBytes ?? 0, dbSizeInUseBytes: status?.dbSizeInUseBytes ?? 0};
				}).sort((a, b) => a.name.localeCompare(b.name)),
			});
			await delay(1000);
		}
	}

	writing = false;
	await writer;
	const recorded: RecordedDbSeries = {recordedWith: `etcd ${etcdVersion()}`, phaseStarts, samples};
	writeFileSync(new URL('recorded/db-growth.json', import.meta.url), `${JSON.stringify(recorded, null, '\t')}\n`);
} finally {
	service.close();
	client.close();
	await cluster.stop();
}
