import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {decimalIdToHex, hexIdToDecimal} from '../../source/cluster/ids.ts';

void describe('member ID conversion', () => {
	void test('IDs above 2^53 convert exactly both ways', () => {
		assert.ok(17639158365486672692n > 2n ** 53n);
		assert.equal(decimalIdToHex('17639158365486672692'), 'f4cae113bfb16b34');
		assert.equal(hexIdToDecimal('f4cae113bfb16b34'), '17639158365486672692');
	});

	void test('the largest uint64 and neighbours of 2^53 survive a round trip', () => {
		const ids = ['18446744073709551615', '9007199254740993', '9007199254740992', '9007199254740991', '1', '0', '10276657743932975437'];
		for (const id of ids) {
			assert.equal(hexIdToDecimal(decimalIdToHex(id)), id);
		}

		assert.equal(decimalIdToHex('18446744073709551615'), 'ffffffffffffffff');
		// 2^53 + 1 is the first integer a JS number cannot hold; through Number it would end in 0.
		assert.equal(decimalIdToHex('9007199254740993'), '20000000000001');
	});

	void test('hex is lower case; upper-case input is accepted', () => {
		assert.equal(decimalIdToHex('12345678901234567890'), 'ab54a98ceb1f0ad2');
		assert.equal(hexIdToDecimal('AB54A98CEB1F0AD2'), '12345678901234567890');
	});

	void test('the leader ID "0" of a member that knows no leader stays "0"', () => {
		assert.equal(decimalIdToHex('0'), '0');
	});
});
