// `npm run dist`: package with electron-builder (electron-builder.yml). It needs Electron's runtime for the
// target platform; without network access to fetch it, say so instead of failing obscurely.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPresent = true;
try {
  require('electron');
} catch {
  electronPresent = false;
}
if (!electronPresent) {
  console.warn('Electron runtime not downloaded yet; electron-builder will try to fetch it now.');
}
const result = spawnSync(
  process.execPath,
  [require.resolve('electron-builder/cli.js'), '--config', 'electron-builder.yml', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
if (result.status !== 0) {
  console.error(
    '\nPackaging failed. electron-builder needs to download Electron and packaging tools; see README "Packaging".',
  );
}
process.exit(result.status ?? 1);
