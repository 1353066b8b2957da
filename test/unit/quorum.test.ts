import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {evenSizeAddsNothing, failuresTolerated, quorumSize, spareVoters} from '../../source/model/cluster/quorum.ts';

// Voters → [quorum, failures tolerated, even size adds nothing], as in etcd's FAQ table.
const expected: ReadonlyArray<[number, number, number, boolean]> = [
	[0, 0, 0, false],
	[1, 1, 0, false],
	[2, 2, 0, true],
	[3, 2, 1, false],
	[4, 3, 1, true],
	[5, 3, 2, false],
	[6, 4, 2, true],
	[7, 4, 3, false],
];

void describe('quorum arithmetic', () => {
	for (const [voters, quorum, tolerated, even] of expected) {
		void test(`${voters} voters: quorum ${quorum}, tolerates ${tolerated}, even ${String(even)}`, () => {
			assert.equal(quorumSize(voters), quorum);
			assert.equal(failuresTolerated(voters), tolerated);
			assert.equal(evenSizeAddsNothing(voters), even);
			// With every voter healthy, the spare voters are exactly the failures tolerated.
			assert.equal(spareVoters(voters, voters), tolerated);
		});
	}

	void test('an even count tolerates no more than one voter fewer', () => {
		for (const voters of [2, 4, 6]) {
			assert.equal(failuresTolerated(voters), failuresTolerated(voters - 1));
		}
	});

	void test('spare voters count down as voters stop, and go negative once quorum is lost', () => {
		assert.deepEqual([3, 2, 1, 0].map(healthy => spareVoters(3, healthy)), [1, 0, -1, -2]);
		assert.deepEqual([5, 4, 3, 2].map(healthy => spareVoters(5, healthy)), [2, 1, 0, -1]);
		assert.equal(spareVoters(4, 3), 0);
		assert.equal(spareVoters(4, 2), -1);
	});
});
