import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Refusal, reportRefusals} from '../../source/headless/command-io.ts';
import {PromptCancelled} from '../../source/config/password-prompt.ts';
import {ConfigError} from '../../source/config/settings.ts';

function stderr(): {write(text: string): void; text: string} {
	return {
		text: '',
		write(text: string) {
			this.text += text;
		},
	};
}

void test('one reporter for every headless command: a refusal prints its message and details and exits with the command\'s code', async () => {
	const err = stderr();
	const code = await reportRefusals({stderr: err}, 2, async () => Promise.reject(new Refusal('cannot reach the cluster:', ['http://127.0.0.1:1: connection refused'])));
	assert.equal(code, 2);
	assert.equal(err.text, 'etcdeck: cannot reach the cluster:\n  http://127.0.0.1:1: connection refused\n');
});

void test('a settings mistake is a refusal; a cancelled prompt exits 130; what the command returns passes through', async () => {
	const config = stderr();
	assert.equal(await reportRefusals({stderr: config}, 3, async () => Promise.reject(new ConfigError('--cacert: file /x does not exist'))), 3);
	assert.equal(config.text, 'etcdeck: --cacert: file /x does not exist\n');
	const cancelled = stderr();
	assert.equal(await reportRefusals({stderr: cancelled}, 2, async () => Promise.reject(new PromptCancelled('no password given'))), 130);
	assert.equal(cancelled.text, 'etcdeck: no password given\n');
	const quiet = stderr();
	assert.equal(await reportRefusals({stderr: quiet}, 2, async () => Promise.resolve(1)), 1);
	assert.equal(quiet.text, '');
});

void test('anything else is a bug and is thrown on, not turned into an exit code', async () => {
	await assert.rejects(reportRefusals({stderr: stderr()}, 2, async () => Promise.reject(new TypeError('boom'))), TypeError);
});
