// Runs the benchmarks: `npm run bench` runs all of them, `npm run bench -- import` one. Each is a script of
// its own in bench/ that prints its figures; the last line it prints is its headline figure.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((name) => name.endsWith('.ts') && name !== 'run.ts')
  .map((name) => name.slice(0, -3))
  .sort();
const [only, ...args] = process.argv.slice(2);
if (only && !available.includes(only)) {
  console.error(`No benchmark "${only}". Available: ${available.join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const name of only ? [only] : available) {
  console.log(`\n== bench/${name}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`), ...args], {
    stdio: 'inherit',
  });
  failed ||= run.status !== 0;
}
process.exit(failed ? 1 : 0);
