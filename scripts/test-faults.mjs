// Runs the fault tests of tests/faults (crashes, full disks, failing disks, read-only and damaged projects,
// upgrades, two writers) on their own: `npm run test:faults` at the counts CI runs them with (they are part
// of `npm test` too), `npm run test:faults -- --long` with ten times as many runs. Other arguments go to
// vitest (a file name to run one of them). DOSSIER_FAULTS_SEED=N repeats a run's random moments.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const long = process.argv.includes('--long');
const args = process.argv.slice(2).filter((arg) => arg !== '--long');
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', ...(args.length > 0 ? args : ['tests/faults'])], {
  stdio: 'inherit',
  env: { ...process.env, ...(long ? { DOSSIER_FAULTS_SCALE: '10' } : {}) },
});
process.exit(run.status ?? 1);
