import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
	{ignores: ['node_modules/', 'scratch/', 'media/', 'dist/', 'bench-results/']},
	js.configs.recommended,
	...tseslint.configs.recommendedTypeChecked,
	{
		languageOptions: {
			parserOptions: {projectService: {allowDefaultProject: ['eslint.config.js', 'bin/etcdeck.js']}, tsconfigRootDir: import.meta.dirname},
		},
		plugins: {'react-hooks': reactHooks},
		rules: {
			...reactHooks.configs.recommended.rules,
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
		},
	},
	{
		// Only source/cluster talks to etcd (see README, design notes).
		files: ['source/**/*.{ts,tsx}'],
		ignores: ['source/cluster/**'],
		rules: {
			'no-restricted-imports': ['error', {paths: [{name: 'etcd3', message: 'Only source/cluster/ talks to etcd; use its snapshots.'}, {name: '@grpc/grpc-js', message: 'Only source/cluster/ talks to etcd.'}]}],
		},
	},
	{
		files: ['source/model/**', 'source/ui/**'],
		rules: {
			'no-restricted-imports': ['error', {patterns: [{group: ['node:child_process', 'node:net', 'node:http', 'node:https', 'etcd3', '**/cluster/cluster-service*', '**/cluster/etcd-client*'], message: 'model/ and ui/ are pure: data in, data out.'}]}],
		},
	},
	{
		files: ['test/**'],
		rules: {
			'@typescript-eslint/no-non-null-assertion': 'off',
			// node:test awaits the promises that test() and describe() return.
			'@typescript-eslint/no-floating-promises': ['error', {allowForKnownSafeCalls: [{from: 'package', name: ['test', 'describe', 'it'], package: 'node:test'}]}],
		},
	},
);
