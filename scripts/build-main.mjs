// Bundles the main side with esbuild: the Electron main process and CLI as ESM, the sandboxed preload as
// CommonJS (sandboxed preloads cannot be ES modules). Native and Electron modules stay external.
// Also importable: tests/unit/packaging builds into a temporary folder to see what the app loads at run time.
import { cp, readdir, rm } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Native modules, and libraries that load their own files at run time (pdf.js its worker, jsdom its
 * resources), stay in node_modules: the packaged app must ship them as dependencies.
 */
export const EXTERNAL_MODULES = ['electron', 'better-sqlite3', 'pdfjs-dist', 'jsdom', 'mammoth'];

// ESM bundles may contain CommonJS dependencies that call require(): give them one.
const requireShim =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** Builds into outdir; resolves to the files written, relative to outdir (esbuild's metafile). */
export async function buildMain(outdir = 'dist/electron') {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    sourcemap: true,
    external: EXTERNAL_MODULES,
    logLevel: 'warning',
    metafile: true,
  };
  const results = await Promise.all([
    build({
      ...common,
      entryPoints: {
        main: 'electron/main.ts',
        cli: 'electron/cli.ts',
        'ingest-worker': 'electron/services/ingest/worker.ts',
        'citations-worker': 'electron/citations/worker.ts',
      },
      outdir,
      format: 'esm',
      // Readers of heavy formats are imported on first use (services/ingest/index.ts); splitting keeps them
      // and their libraries out of start-up.
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      banner: { js: requireShim },
    }),
    build({
      ...common,
      entryPoints: { preload: 'electron/preload.ts' },
      outdir,
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      platform: 'browser',
    }),
  ]);
  // The bundled CSL styles and locales (electron/citations/engine.ts reads them at run time, next to the bundle).
  await cp('electron/citations/csl', join(outdir, 'csl'), { recursive: true });

  const written = new Set(
    results.flatMap((r) => Object.keys(r.metafile.outputs)).map((f) => relative(outdir, resolve(f))),
  );
  // Chunks are named by their hash, so every change leaves the previous build's behind; without this they
  // pile up (and `npm run dist` would package them all).
  for (const entry of await readdir(outdir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = relative(outdir, join(entry.parentPath, entry.name));
    if (file.split(sep)[0] === 'csl' || written.has(file)) continue;
    await rm(join(outdir, file), { force: true });
  }
  return { files: [...written].sort(), metafiles: results.map((r) => r.metafile) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildMain();
