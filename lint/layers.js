// The layers of source/ as an ESLint rule: which folder may import which (see README, design notes).
import path from 'node:path';

const source = path.resolve(import.meta.dirname, '..', 'source');

/**
 * From the ground up. A layer may import its own and the layers below it, with two limits: model/ and
 * ui/ import only types from the I/O layer (they get readings handed to them, never a service), and
 * model/shared/, under everything, imports nothing but itself.
 */
const layers = [
	{name: 'model/shared', folders: ['model/shared']},
	{name: 'I/O', folders: ['cluster', 'logs', 'metrics', 'backup', 'config']},
	{name: 'model', folders: ['model']},
	{name: 'hooks', folders: ['hooks']},
	{name: 'ui', folders: ['ui']},
];
const typesOnlyFrom = {model: ['I/O'], ui: ['I/O']};
/** What is left of source/ (cli, headless, demo, the view loader) stands on top and may use any layer; no layer uses it. */
const top = {name: 'the entry points (cli, headless, demo)', rank: layers.length};

function layerOf(file) {
	const relative = path.relative(source, file);
	if (relative.startsWith('..')) {
		return undefined;
	}

	const parts = relative.split(path.sep);
	for (let rank = 0; rank < layers.length; rank++) {
		if (layers[rank].folders.some(folder => folder.split('/').every((part, index) => parts[index] === part) && parts.length > folder.split('/').length)) {
			return {name: layers[rank].name, rank};
		}
	}

	return top;
}

function typeOnly(node) {
	if (node.importKind === 'type' || node.exportKind === 'type') {
		return true;
	}

	const specifiers = node.specifiers ?? [];
	return specifiers.length > 0 && specifiers.every(specifier => specifier.importKind === 'type' || specifier.exportKind === 'type');
}

const rule = {
	meta: {
		type: 'problem',
		docs: {description: 'Imports run down the layers: I/O ← model ← hooks ← ui, model/shared under all.'},
		messages: {
			upward: '{{from}} may not import {{to}} ({{target}}): imports run down the layers (README, design notes).',
			typesOnly: '{{from}} takes only types from {{to}} ({{target}}): write `import type`, or hand the value in from above.',
		},
		schema: [],
	},
	create(context) {
		const from = layerOf(context.physicalFilename);
		if (from === undefined) {
			return {};
		}

		const check = (node, specifier, isType) => {
			if (typeof specifier !== 'string' || !specifier.startsWith('.')) {
				return;
			}

			const target = path.resolve(path.dirname(context.physicalFilename), specifier);
			const to = layerOf(target);
			if (to === undefined || to.rank === from.rank) {
				return;
			}

			const shown = path.relative(source, target);
			if (to.rank > from.rank) {
				context.report({node, messageId: 'upward', data: {from: from.name, to: to.name, target: shown}});
			} else if (from.name === 'model/shared' || ((typesOnlyFrom[from.name] ?? []).includes(to.name) && !isType)) {
				context.report({node, messageId: from.name === 'model/shared' ? 'upward' : 'typesOnly', data: {from: from.name, to: to.name, target: shown}});
			}
		};

		return {
			ImportDeclaration: node => check(node, node.source.value, typeOnly(node)),
			ExportNamedDeclaration: node => node.source && check(node, node.source.value, typeOnly(node)),
			ExportAllDeclaration: node => check(node, node.source.value, node.exportKind === 'type'),
			ImportExpression: node => node.source.type === 'Literal' && check(node, node.source.value, false),
			TSImportType: node => check(node, node.argument?.literal?.value ?? node.argument?.value, true),
		};
	},
};

export default {rules: {layers: rule}};
