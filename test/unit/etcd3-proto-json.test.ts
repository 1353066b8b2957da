import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createRequire} from 'node:module';
import path from 'node:path';
import {readFileSync} from 'node:fs';
import {etcdProtoJson, withPrebuiltProtos} from '../../scripts/etcd3-proto-json.ts';

interface MethodDefinition {
	path: string;
	requestStream: boolean;
	responseStream: boolean;
	requestSerialize: (value: object) => Buffer;
	requestDeserialize: (bytes: Buffer) => object;
	responseSerialize: (value: object) => Buffer;
	responseDeserialize: (bytes: Buffer) => object;
}

type PackageDefinition = Record<string, Record<string, MethodDefinition> | {format: string}>;

interface ProtoLoader {
	loadSync: (file: string, options: object) => PackageDefinition;
	fromJSON: (json: object, options: object) => PackageDefinition;
}

// etcd3's own proto-loader and options (lib/connection-pool.js).
const etcd3 = createRequire(createRequire(import.meta.url).resolve('etcd3'));
const loader = etcd3('@grpc/proto-loader') as ProtoLoader;
const options = {keepCase: true, longs: String, enums: String, defaults: true, oneofs: true};
const rpcProto = path.join(path.dirname(etcd3.resolve('etcd3/package.json')), 'proto/rpc.proto');

function services(definition: PackageDefinition): Map<string, Record<string, MethodDefinition>> {
	return new Map(Object.entries(definition).filter((entry): entry is [string, Record<string, MethodDefinition>] => !('format' in entry[1])));
}

void test('the API prebuilt as JSON is the one etcd3 parses from rpc.proto: every method, and the bytes they read and write', () => {
	const parsed = services(loader.loadSync(rpcProto, options));
	const prebuilt = services(loader.fromJSON(JSON.parse(etcdProtoJson()) as object, options));
	assert.deepEqual([...prebuilt.keys()].sort(), [...parsed.keys()].sort());
	assert.ok(parsed.has('etcdserverpb.Maintenance') && parsed.has('etcdserverpb.Cluster'));
	for (const [service, methods] of parsed) {
		for (const [name, method] of Object.entries(methods)) {
			const twin = prebuilt.get(service)![name]!;
			assert.equal(twin.path, method.path);
			assert.equal(twin.requestStream, method.requestStream);
			assert.equal(twin.responseStream, method.responseStream);
		}
	}

	// 64-bit figures, bytes, enums and snake_case names, as the dashboard reads them.
	const range = {key: Buffer.from('/a'), range_end: Buffer.from('/b'), limit: '9007199254740993', sort_order: 'DESCEND', keys_only: true};
	const rangeMethod = parsed.get('etcdserverpb.KV')!['Range']!;
	const rangeTwin = prebuilt.get('etcdserverpb.KV')!['Range']!;
	assert.deepEqual(rangeTwin.requestSerialize(range), rangeMethod.requestSerialize(range));
	const status = {header: {cluster_id: '14841639068965178418', member_id: '10276657743932975437', revision: '12', raft_term: '3'}, version: '3.4.23', dbSize: '20480', leader: '10276657743932975437', raftIndex: '99', raftTerm: '3', raftAppliedIndex: '99', errors: ['NOSPACE'], dbSizeInUse: '16384', isLearner: true};
	const statusMethod = parsed.get('etcdserverpb.Maintenance')!['Status']!;
	const bytes = statusMethod.responseSerialize(status);
	assert.deepEqual(prebuilt.get('etcdserverpb.Maintenance')!['Status']!.responseDeserialize(bytes), statusMethod.responseDeserialize(bytes));
	assert.equal((statusMethod.responseDeserialize(bytes) as {raftIndex: string}).raftIndex, '99');
});

void test('an etcd3 that no longer loads rpc.proto as expected fails the build instead of shipping a stale API', () => {
	const source = readFileSync(path.join(path.dirname(rpcProto), '../lib/connection-pool.js'), 'utf8');
	assert.match(withPrebuiltProtos(source), /proto_loader_1\.fromJSON\)\(\{/);
	assert.throws(() => withPrebuiltProtos(source.replace('rpc.proto', 'api.proto')), /no longer loads rpc\.proto/);
});
