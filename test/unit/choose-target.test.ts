import {test} from 'node:test';
import assert from 'node:assert/strict';
import {chooseTarget, type Target} from '../../source/config/contexts/choose-target.ts';
import type {EtcdeckConfig} from '../../source/config/contexts/context-spec.ts';
import {parseConfig} from '../../source/config/contexts/parse-config.ts';
import {ConfigError} from '../../source/config/settings.ts';
import {contextFieldsMarkdown} from '../../source/config/contexts/context-fields-markdown.ts';

const file = '/home/op/.config/etcdeck/config.yaml';
const withCurrent = parseConfig('current-context: codfw\ncontexts:\n  - name: eqiad\n    endpoints: http://127.0.0.1:2379\n  - name: codfw\n    endpoints: http://127.0.0.1:2479\n', file, '/home/op');
const withoutCurrent: EtcdeckConfig = {...withCurrent, currentContext: undefined};
const empty = parseConfig('', file, '/home/op');

const kindOf = (target: Target) => target.kind === 'context' ? `context ${target.context.name}` : target.kind;
/** `null`: no config file (undefined would take the default). */
const choose = (command: string | undefined, flags: Parameters<typeof chooseTarget>[1], config: EtcdeckConfig | null = withCurrent, env: Record<string, string> = {}) => kindOf(chooseTarget(command, flags, env, config ?? undefined, file));

test('a config with contexts and no cluster named: the dashboard is the fleet, status the current context', () => {
	assert.equal(choose(undefined, {}), 'fleet');
	assert.equal(choose('status', {}), 'context codfw');
	assert.equal(choose(undefined, {fleet: true}), 'fleet');
	assert.equal(choose('status', {allContexts: true}), 'fleet');
	assert.equal(choose(undefined, {context: 'eqiad'}), 'context eqiad');
	assert.equal(choose('status', {context: 'eqiad'}), 'context eqiad');
});

test('a cluster named by flags or ETCDCTL_ENDPOINTS wins over the config file; without a file, or with no contexts, the flags decide', () => {
	assert.equal(choose(undefined, {endpoints: 'http://127.0.0.1:2379'}), 'flags');
	assert.equal(choose('status', {clientDir: '/etc/client'}), 'flags');
	assert.equal(choose(undefined, {}, withCurrent, {ETCDCTL_ENDPOINTS: 'http://127.0.0.1:2379'}), 'flags');
	assert.equal(choose(undefined, {}, withCurrent, {ETCDCTL_ENDPOINTS: ''}), 'fleet', 'an empty variable names nothing');
	assert.equal(choose(undefined, {}, null), 'flags');
	assert.equal(choose('status', {}, empty), 'flags');
	assert.equal(choose(undefined, {}, empty), 'flags');
});

test('flags that contradict each other, or a context that is not there, are refused saying which', () => {
	const refused = (command: string | undefined, flags: Parameters<typeof chooseTarget>[1], message: RegExp, config: EtcdeckConfig | null = withCurrent) => {
		assert.throws(() => chooseTarget(command, flags, {}, config ?? undefined, file), (error: unknown) => error instanceof ConfigError && message.test(error.message), JSON.stringify(flags));
	};

	refused(undefined, {allContexts: true}, /^--all-contexts only applies to "etcdeck status"/);
	refused('status', {fleet: true}, /^--fleet opens the fleet view; for a report of every context use "etcdeck status --all-contexts"/);
	refused(undefined, {fleet: true, context: 'eqiad'}, /^--context opens one context; --fleet shows them all/);
	refused('status', {allContexts: true, context: 'eqiad'}, /^--context opens one context; --all-contexts shows them all/);
	refused(undefined, {fleet: true}, new RegExp(`^--fleet: there is no config file at ${file}`), null);
	refused(undefined, {context: 'esams'}, new RegExp(`^--context esams: ${file} has no context of that name \\(it has eqiad, codfw\\)`));
	refused(undefined, {context: 'eqiad'}, /^--context eqiad: there is no config file/, null);
	refused('status', {}, /^status: no cluster named and .* has no current-context: give --context NAME \(one of eqiad, codfw\), --all-contexts, or --endpoints/, withoutCurrent);
});

test('the README\'s table of context fields names the flag of every field but the file\'s own secrets', () => {
	const table = contextFieldsMarkdown();
	assert.match(table, /^\| `endpoints` \| .* \| `--endpoints` \|$/m);
	assert.match(table, /^\| `read-only` \| .* \| `--read-only` \|$/m);
	assert.match(table, /^\| `password-env` \| .* \| — \|$/m);
	assert.match(table, /^\| `password-file` \| .* \| — \|$/m);
});
