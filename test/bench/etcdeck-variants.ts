import path from 'node:path';
import {etcdeckBin} from '../support/run-cli.ts';
import {buildCommand} from '../../scripts/build-bundle.ts';

/** The checkout: etcdeck runs with it as its working directory, as `npm start` would. */
export const repository = path.resolve(import.meta.dirname, '../..');

/** One way of starting etcdeck: the script node runs, and environment on top of the caller's. */
export interface EtcdeckVariant {
	label: string;
	/** Short, for table rows. */
	short: string;
	/** The program and the arguments before etcdeck's own: the installed command runs as itself, through its launcher lines. */
	command: string;
	commandArgs: string[];
	env: Record<string, string>;
	/** Not the installed command: measured beside it, for comparison, with no target. */
	aside: boolean;
	/** tsx compiles the sources as it starts (its compile cache lives under TMPDIR). */
	compilesSources: boolean;
}

export interface EtcdeckVariants {
	/** The installed command (package.json "bin"): the launcher and the prebuilt bundle, built here as npm pack builds them. */
	shipped: EtcdeckVariant;
	/** The sources run through tsx (npm start, the demo, the tests), measured beside it. */
	bundle: EtcdeckVariant | undefined;
	bundleError: string | undefined;
}

/**
 * etcdeck as installed (dist/bin/etcdeck.cjs and the esbuild bundle beside it, as npm pack's "prepack" builds them) and, beside
 * it, the sources compiled by tsx at every start (bin/etcdeck.js).
 */
export async function etcdeckVariants(): Promise<EtcdeckVariants> {
	const sources: EtcdeckVariant = {label: 'bin/etcdeck.js (tsx compiles the sources at start: npm start, the demo, the tests)', short: 'sources via tsx', command: process.execPath, commandArgs: [etcdeckBin], env: {}, aside: true, compilesSources: true};
	try {
		const entry = await buildCommand();
		return {shipped: {label: 'dist/bin/etcdeck.cjs, the installed command (its launcher and the prebuilt bundle, as npm pack builds them)', short: 'installed', command: entry, commandArgs: [], env: {}, aside: false, compilesSources: false}, bundle: sources, bundleError: undefined};
	} catch (error) {
		return {shipped: {...sources, aside: false}, bundle: undefined, bundleError: `esbuild could not build the installed command: ${(error as Error).message}`};
	}
}

/** A table row's name for a variant: the installed command is named plainly, the other says it is beside it. */
export function variantMeasure(variant: EtcdeckVariant, measure: string): string {
	return variant.aside ? `  beside it, ${variant.short}: ${measure}` : `${measure} (${variant.short})`;
}
