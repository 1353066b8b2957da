import {test} from 'node:test';
import assert from 'node:assert/strict';
import {alarmsFromStatusErrors, mergeAlarms} from '../../source/cluster/status-alarms.ts';

void test('an alarm in Status errors, as etcd writes it (decimal member ID, trailing space), names the member in hex', () => {
	// 1520713267247070721 is 151aa8a8d37c3e01; a 64-bit ID above 2^53 must survive exactly.
	assert.deepEqual(alarmsFromStatusErrors(['memberID:1520713267247070721 alarm:NOSPACE ']), [{memberId: '151aa8a8d37c3e01', alarm: 'NOSPACE'}]);
	assert.deepEqual(alarmsFromStatusErrors(['memberID:18446744073709551615 alarm:CORRUPT']), [{memberId: 'ffffffffffffffff', alarm: 'CORRUPT'}]);
});

void test('entries that are not alarms are left out; none gives none', () => {
	assert.deepEqual(alarmsFromStatusErrors([]), []);
	assert.deepEqual(alarmsFromStatusErrors(['etcdserver: something else', 'memberID:abc alarm:NOSPACE', 'memberID:12 alarm:']), []);
});

void test('every member reports the whole cluster\'s alarms: merged, each alarm once', () => {
	const fromM1 = alarmsFromStatusErrors(['memberID:1 alarm:NOSPACE ', 'memberID:2 alarm:NOSPACE ']);
	const fromM2 = alarmsFromStatusErrors(['memberID:2 alarm:NOSPACE ', 'memberID:1 alarm:NOSPACE ', 'memberID:1 alarm:CORRUPT ']);
	assert.deepEqual(mergeAlarms([fromM1, fromM2, []]), [
		{memberId: '1', alarm: 'NOSPACE'},
		{memberId: '2', alarm: 'NOSPACE'},
		{memberId: '1', alarm: 'CORRUPT'},
	]);
});
