// Runs the benchmarks: `npm run bench` runs all of them, `npm run bench -- import` one. Each is a script of
// its own in bench/ that prints its figures (the last line it prints is its headline figure) and reports them
// through bench/lib/figures.ts; after each bench its part of bench/RESULTS.md is replaced, with the machine
// and the commit, and the other benches' last figures are kept.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { writeFileAtomic } from '../electron/services/atomic-write';
import { FIGURES_ENV, parseFigures } from './lib/figures';
import { currentCommit, describeMachine } from './lib/machine';
import { mergeRun, readResults, renderResults } from './lib/results';

const here = dirname(fileURLToPath(import.meta.url));
const resultsPath = join(here, 'RESULTS.md');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = readdirSync(here)
  .filter((name) => name.endsWith('.ts') && name !== 'run.ts')
  .map((name) => name.slice(0, -3))
  .sort();
const [only, ...args] = process.argv.slice(2);
if (only && !available.includes(only)) {
  console.error(`No benchmark "${only}". Available: ${available.join(', ')}`);
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'dossier-bench-figures-'));
let results = readResults(existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '');
let failed = false;
try {
  for (const name of only ? [only] : available) {
    console.log(`\n== bench/${name}`);
    const figuresPath = join(scratch, `${name}.jsonl`);
    const machine = describeMachine(chromiumPath);
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`), ...args], {
      stdio: 'inherit',
      env: { ...process.env, [FIGURES_ENV]: figuresPath },
    });
    const ok = run.status === 0;
    failed ||= !ok;
    const { figures, errors } = parseFigures(
      existsSync(figuresPath) ? readFileSync(figuresPath, 'utf8') : '',
    );
    for (const error of errors)
      console.error(`bench/${name}: a reported figure could not be read (${error})`);
    results = mergeRun(results, {
      bench: name,
      measuredAt: new Date().toISOString(),
      commit: currentCommit(here),
      machine,
      ok,
      figures,
      errors,
    });
    // After every bench, so a long run that is stopped keeps what it measured.
    // Laid out as the repository's formatter would (its check covers bench/), then written at once.
    const markdown = await format(renderResults(results), {
      ...(await resolveConfig(resultsPath)),
      filepath: resultsPath,
    });
    writeFileAtomic(resultsPath, markdown);
  }
  console.log(`\nFigures written to ${resultsPath}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
