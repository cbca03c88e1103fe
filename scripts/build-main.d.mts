// Types for scripts/build-main.mjs, which tests/unit/packaging imports.
import type { Metafile } from 'esbuild';

/** Modules the bundles leave to node_modules: the packaged app ships them as dependencies. */
export const EXTERNAL_MODULES: string[];

/** Builds the main side into outdir (dist/electron by default) and removes what earlier builds left there. */
export function buildMain(outdir?: string): Promise<{ files: string[]; metafiles: Metafile[] }>;
