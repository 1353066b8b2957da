import {test} from 'node:test';
import assert from 'node:assert/strict';
import {flags, flagSections, helpText, kebabFlag} from '../../source/config/flags.ts';

void test('meow parses exactly the flags --help lists, each once, under its kebab-case name', () => {
	const listed = [...helpText.matchAll(/^ {4}(--[a-z-]+)/gm)].map(match => match[1]);
	assert.deepEqual(listed, Object.keys(flags).map(name => kebabFlag(name)));
	assert.equal(new Set(listed).size, listed.length);
	assert.equal(kebabFlag('quotaBytes'), '--quota-bytes');
});

void test('a flag that stands for an etcdctl variable shows it in --help, and the sections keep their titles', () => {
	assert.match(helpText, /^ {4}--endpoints URL\[,URL\.\.\.\] +one member is enough.*\[ETCDCTL_ENDPOINTS\]$/m);
	for (const section of flagSections) {
		assert.match(helpText, new RegExp(`^  ${section.title.replaceAll(/[()]/g, '\\$&')}$`, 'm'));
	}
});
