import {createRequire} from 'node:module';
import path from 'node:path';
import type * as Protobuf from 'protobufjs';

/** The protobufjs that etcd3's @grpc/proto-loader uses, wherever npm put it. */
const etcd3 = createRequire(createRequire(import.meta.url).resolve('etcd3'));
const protobuf = createRequire(etcd3.resolve('@grpc/proto-loader'))('protobufjs') as typeof Protobuf;

/** etcd3 1.1.2's connection-pool.js parses etcd's .proto files, found beside it, as it loads. */
const protoLoad = '(0, proto_loader_1.loadSync)(`${__dirname}/../proto/rpc.proto`, {';

/** etcd's gRPC API as protobufjs JSON: what etcd3 parses from rpc.proto (and the files it imports) at every start. */
export function etcdProtoJson(): string {
	const rpcProto = path.join(path.dirname(etcd3.resolve('etcd3/package.json')), 'proto/rpc.proto');
	const root = new protobuf.Root();
	// As @grpc/proto-loader's loadSync reads it with etcd3's options (keepCase: field names as written).
	root.loadSync(rpcProto, {keepCase: true});
	return JSON.stringify(root.toJSON());
}

/**
 * etcd3's connection pool with the API built from JSON made at build time (@grpc/proto-loader's
 * fromJSON) instead of .proto text parsed at start-up: the same package definition, in a fifth of
 * the time, and nothing to read from etcd3's directory. An etcd3 whose code differs fails the build.
 */
export function withPrebuiltProtos(connectionPoolSource: string): string {
	if (!connectionPoolSource.includes(protoLoad)) {
		throw new Error('etcd3\'s connection-pool.js no longer loads rpc.proto as etcdeck\'s build expects; see scripts/etcd3-proto-json.ts');
	}

	return connectionPoolSource.replace(protoLoad, `(0, proto_loader_1.fromJSON)(${etcdProtoJson()}, {`);
}
