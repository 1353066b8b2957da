import type {IMember} from 'etcd3';
import {decimalIdToHex} from './ids.ts';
import type {MemberInfo} from './cluster-reading.ts';

/** etcd's member as etcdeck's readings carry it: hex ID, and "started" as etcdctl tells it. */
export function toMemberInfo(member: IMember): MemberInfo {
	return {
		id: decimalIdToHex(member.ID),
		name: member.name,
		peerUrls: member.peerURLs,
		clientUrls: member.clientURLs,
		isLearner: member.isLearner,
		started: member.name !== '' || member.clientURLs.length > 0,
	};
}
