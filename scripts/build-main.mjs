// Bundles the main side with esbuild: the Electron main process and CLI as ESM, the sandboxed preload as
// CommonJS (sandboxed preloads cannot be ES modules). Native and Electron modules stay external.
import { cp } from 'node:fs/promises';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  // Native modules, and libraries that load their own files at run time (pdf.js its worker, jsdom its
  // resources), stay in node_modules.
  external: ['electron', 'better-sqlite3', 'pdfjs-dist', 'jsdom', 'mammoth'],
  logLevel: 'warning',
};

// ESM bundles may contain CommonJS dependencies that call require(): give them one.
const requireShim =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

await Promise.all([
  build({
    ...common,
    entryPoints: {
      main: 'electron/main.ts',
      cli: 'electron/cli.ts',
      'ingest-worker': 'electron/services/ingest/worker.ts',
    },
    outdir: 'dist/electron',
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
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    platform: 'browser',
  }),
]);

// The bundled CSL styles and locales (electron/citations/engine.ts reads them at run time, next to the bundle).
await cp('electron/citations/csl', 'dist/electron/csl', { recursive: true });
