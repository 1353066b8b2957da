import path from 'node:path';
import {etcdeckBin} from '../support/run-cli.ts';
import {buildBundle} from '../../scripts/build-bundle.ts';

/** The checkout: etcdeck runs with it as its working directory, as `npm start` would. */
export const repository = path.resolve(import.meta.dirname, '../..');

/** One way of starting etcdeck: the script node runs, and environment on top of the caller's. */
export interface EtcdeckVariant {
	label: string;
	/** Short, for table rows. */
	short: string;
	entry: string;
	env: Record<string, string>;
	/** Not what ships today: a change the report proposes, measured beside what ships. */
	proposed: boolean;
}

export interface EtcdeckVariants {
	shipped: EtcdeckVariant;
	/** Undefined when esbuild could not build it (the reason is in bundleError). */
	bundle: EtcdeckVariant | undefined;
	bundleError: string | undefined;
}

/**
 * etcdeck as shipped (bin/etcdeck.js: tsx compiles the TypeScript at every start) and the prebuilt
 * bundle this benchmark proposes, built here.
 */
export async function etcdeckVariants(): Promise<EtcdeckVariants> {
	const shipped: EtcdeckVariant = {label: 'bin/etcdeck.js (tsx), as shipped', short: 'as shipped', entry: etcdeckBin, env: {}, proposed: false};
	try {
		const entry = await buildBundle();
		return {shipped, bundle: {label: 'a prebuilt bundle (esbuild, minified, React production build)', short: 'prebuilt bundle', entry, env: {}, proposed: true}, bundleError: undefined};
	} catch (error) {
		return {shipped, bundle: undefined, bundleError: `esbuild could not build it: ${(error as Error).message}`};
	}
}

/** A table row's name for a variant: what ships is named plainly, a proposal says so. */
export function variantMeasure(variant: EtcdeckVariant, measure: string): string {
	return variant.proposed ? `  proposed, ${variant.short}: ${measure}` : `${measure} (${variant.short})`;
}
