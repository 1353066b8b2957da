import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import layers from './lint/layers.js';

const etcdOnlyInCluster = [{name: 'etcd3', message: 'Only source/cluster/ talks to etcd; use its snapshots.'}, {name: '@grpc/grpc-js', message: 'Only source/cluster/ talks to etcd.'}];
const pureLayers = {group: ['node:child_process', 'node:net', 'node:http', 'node:https', 'etcd3', '**/cluster/cluster-service*', '**/cluster/etcd-client*'], message: 'model/ and ui/ are pure: data in, data out.'};
// Ink's Text draws strings as they are: a member name or log line could drive the terminal.
const rawInkText = {name: 'ink', importNames: ['Text', 'Transform', 'Static'], message: 'Draw text with Text from source/ui/shared/text.tsx: it passes every string through the sanitizer (source/model/shared/safe-text.ts).'};
const rawTerminalWrites = [
	{selector: "CallExpression[callee.property.name='write'][callee.object.property.name=/^(stdout|stderr)$/]", message: 'Write to stdout/stderr with source/headless/print.ts: it passes every line through the sanitizer.'},
	{selector: "CallExpression[callee.property.name='write'][callee.object.name=/^(stdout|stderr)$/]", message: 'Write to stdout/stderr with source/headless/print.ts: it passes every line through the sanitizer.'},
];

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
		// Imports run down the layers, and no module imports itself through others (README, design notes).
		files: ['source/**/*.{ts,tsx}'],
		plugins: {'import-x': importX, etcdeck: layers},
		// Sources import `./x.js` for `./x.ts(x)`, as ESM TypeScript does: without the alias no-cycle resolves nothing and finds no cycle.
		settings: {
			'import-x/extensions': ['.ts', '.tsx', '.js'],
			'import-x/parsers': {'@typescript-eslint/parser': ['.ts', '.tsx']},
			'import-x/resolver-next': [importX.createNodeResolver({extensions: ['.ts', '.tsx', '.js'], extensionAlias: {'.js': ['.ts', '.tsx', '.js']}})],
		},
		rules: {
			'etcdeck/layers': 'error',
			'import-x/no-cycle': 'error',
		},
	},
	{
		// Only source/cluster talks to etcd (see README, design notes).
		files: ['source/**/*.{ts,tsx}'],
		ignores: ['source/cluster/**'],
		rules: {
			'no-restricted-imports': ['error', {paths: [...etcdOnlyInCluster, rawInkText]}],
		},
	},
	{
		files: ['source/model/**', 'source/ui/**'],
		rules: {
			'no-restricted-imports': ['error', {paths: [rawInkText], patterns: [pureLayers]}],
		},
	},
	{
		// The one place Ink's Text is used: it sanitizes every string it is given.
		files: ['source/ui/shared/text.tsx'],
		rules: {
			'no-restricted-imports': ['error', {patterns: [pureLayers]}],
		},
	},
	{
		// Text for stdout and stderr goes through source/headless/print.ts, which sanitizes every line.
		files: ['source/**/*.{ts,tsx}'],
		ignores: ['source/headless/print.ts', 'source/demo/**'],
		rules: {
			'no-restricted-syntax': ['error', ...rawTerminalWrites],
			'no-console': 'error',
		},
	},
	{
		// ESLint's own rules are plain JavaScript over ESLint's untyped AST.
		files: ['lint/**'],
		...tseslint.configs.disableTypeChecked,
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
