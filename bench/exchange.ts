// Bench: exchanging a large project (issue 8). Generates project A (10,000 news-like documents with their
// originals, 100,000 highlights, tags on a fifth of them, 5,000 claims, 500 events), then teammate B's
// project: opened from A's export of half of the documents, 5,000 documents of B's own with their highlights,
// and a thousand of the shared highlights annotated again. Prints, each measured in a fresh process so its
// peak memory is its own: exporting A (.dossier), exporting B, and merging B's file into A (50% overlap:
// half the documents are the same), with the file sizes and the peak resident memory against the file's size.
// Goals: export ≤ 3 s, merge ≤ 10 s, peak memory ≤ 3× the file. The process holds about 110 MB before it
// starts (Node, SQLite, the app's modules): more than 3× a 35 MB file on its own, so both the peak and what
// the step added to the idle process are printed, the goal read against the second.
// Run: npx tsx bench/exchange.ts [--docs N] [--highlights-per-doc N] [--keep DIR]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exportProjectFile } from '../electron/exchange/export';
import { applyMerge, planMerge } from '../electron/exchange/merge';
import { readDossierFile } from '../electron/exchange/read';
import { Project } from '../electron/project';
import { createProjectFromStaged } from '../electron/services/exchange';
import { insertTags, projectGenerator } from './lib/projects';
import { figure } from './lib/figures';

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '10000' },
    'highlights-per-doc': { type: 'string', default: '10' },
    // Internal: one measured step in a child process.
    // Keep the generated projects and files in DIR, and reuse them when DIR already holds them.
    keep: { type: 'string' },
    step: { type: 'string' },
    project: { type: 'string' },
    file: { type: 'string' },
  },
});
const DOCS = Number(args.docs);
const PER_DOC = Number(args['highlights-per-doc']);

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

// ---------------------------------------------------------------------------------------------------------
// A measured step, run in a child process: prints one JSON line.

async function step(): Promise<void> {
  const project = Project.open(args.project!, { create: false });
  const idle = process.memoryUsage().rss;
  let peak = idle;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const phases: Record<string, number> = {};
  let counts: unknown;
  if (args.step === 'export') {
    const summary = await exportProjectFile(project, args.file!);
    counts = summary.counts;
  } else {
    const reading = performance.now();
    const staged = await readDossierFile(args.file!);
    phases.read = performance.now() - reading;
    try {
      const planning = performance.now();
      const plan = planMerge(project, staged);
      phases.preview = performance.now() - planning;
      const applying = performance.now();
      const report = applyMerge(project, staged);
      phases.apply = performance.now() - applying;
      counts = {
        plan: plan.counts,
        conflicts: report.conflicts.length,
        matches: report.documentMatches.length,
      };
    } finally {
      staged.close();
    }
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  project.close();
  process.stdout.write(`${JSON.stringify({ ms, phases, idle, peak, counts })}\n`);
}

function measure(name: string, project: string, file: string) {
  const result = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      // DOSSIER_BENCH_PROFILE=DIR writes a CPU profile of each step there.
      ...(process.env.DOSSIER_BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.DOSSIER_BENCH_PROFILE}`]
        : []),
      fileURLToPath(import.meta.url),
      '--step',
      name,
      '--project',
      project,
      '--file',
      file,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`${name} failed:\n${result.stderr}`);
  const line = result.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as {
    ms: number;
    phases: Record<string, number>;
    idle: number;
    peak: number;
    counts: unknown;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Generating the projects.

// The teammates' projects come from one seeded sequence (bench/lib/projects.ts), so runs compare.
const generator = projectGenerator(88);

async function main(): Promise<void> {
  const dir = args.keep ?? mkdtempSync(join(tmpdir(), 'dossier-bench-exchange-'));
  try {
    const pathA = join(dir, 'a.sqlite');
    const pathB = join(dir, 'b.sqlite');
    if (args.keep && existsSync(pathA) && existsSync(pathB)) {
      console.log(`reusing the projects in ${dir}`);
    } else {
      mkdirSync(dir, { recursive: true });
      await generate(pathA, pathB, dir);
    }
    await measureAll(pathA, pathB, dir);
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

async function generate(pathA: string, pathB: string, dir: string): Promise<void> {
  const generating = performance.now();
  const a = Project.open(pathA, { create: true });
  const at = new Date().toISOString();
  const tags: string[] = [];
  let documentsA: string[] = [];
  a.write((db) => {
    tags.push(...insertTags(db, at));
    documentsA = generator.fill(db, 0, DOCS, at, tags, PER_DOC);
  });
  a.db.pragma('wal_checkpoint(TRUNCATE)');
  a.close();
  console.log(
    `project A: ${DOCS.toLocaleString('en')} documents, ${(DOCS * PER_DOC).toLocaleString('en')} highlights, generated in ${seconds(performance.now() - generating)} (${mb(statSync(pathA).size)})`,
  );

  // B: opened from A's export of half the documents, then B's own work.
  const building = performance.now();
  const half = join(dir, 'half.dossier');
  const shared = Project.open(pathA, { create: false });
  await exportProjectFile(shared, half, {
    scope: { documentIds: documentsA.slice(0, DOCS / 2), eventIds: [], described: { documentIds: [] } },
  });
  shared.close();
  const staged = await readDossierFile(half);
  createProjectFromStaged(staged, pathB);
  staged.close();
  const b = Project.open(pathB, { create: false });
  const later = new Date(Date.now() + 1000).toISOString();
  b.write((db) => {
    generator.fill(
      db,
      DOCS,
      DOCS / 2,
      later,
      tags.filter((id) => db.prepare(`SELECT 1 FROM tags WHERE id = ?`).get(id)),
      PER_DOC,
    );
    db.prepare(
      `UPDATE highlights SET note = 'B: confirmed by a second source', updated_at = ?
       WHERE id IN (SELECT id FROM highlights WHERE created_at = ? ORDER BY id LIMIT 1000)`,
    ).run(later, at);
  });
  b.db.pragma('wal_checkpoint(TRUNCATE)');
  b.close();
  console.log(
    `project B (half of A's documents, ${(DOCS / 2).toLocaleString('en')} of its own) in ${seconds(performance.now() - building)}`,
  );
}

async function measureAll(pathA: string, pathB: string, dir: string): Promise<void> {
  const fileA = join(dir, 'a.dossier');
  const fileB = join(dir, 'b.dossier');
  const exportA = measure('export', pathA, fileA);
  const exportB = measure('export', pathB, fileB);
  const sizeA = statSync(fileA).size;
  const sizeB = statSync(fileB).size;
  console.log(
    `export A: ${seconds(exportA.ms)}, file ${mb(sizeA)}, peak memory ${mb(exportA.peak)} (idle ${mb(exportA.idle)}; ${mb(exportA.peak - exportA.idle)} more, ${((exportA.peak - exportA.idle) / sizeA).toFixed(1)}× the file); goal ≤ 3 s`,
  );
  console.log(`export B: ${seconds(exportB.ms)}, file ${mb(sizeB)}, peak memory ${mb(exportB.peak)}`);

  const target = join(dir, 'a-merge.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(pathA, target);
  const merge = measure('merge', target, fileB);
  console.log(
    `merge B into A: ${seconds(merge.ms)} (read and check ${seconds(merge.phases.read!)}, preview ${seconds(merge.phases.preview!)}, apply ${seconds(merge.phases.apply!)}), peak memory ${mb(merge.peak)} (idle ${mb(merge.idle)}; ${mb(merge.peak - merge.idle)} more, ${((merge.peak - merge.idle) / sizeB).toFixed(1)}× the file); goal ≤ 10 s`,
  );
  console.log(`  ${JSON.stringify(merge.counts)}`);
  figure({ id: 'B6', name: 'export A (.dossier)', value: exportA.ms / 1000, unit: 's', max: 3 });
  figure({ id: 'B6', name: 'merge B into A, 50% overlap', value: merge.ms / 1000, unit: 's', max: 10 });
  figure({
    id: 'B6',
    name: 'export: memory added, × the file',
    value: (exportA.peak - exportA.idle) / sizeA,
    unit: '×',
    max: 3,
  });
  figure({
    id: 'B6',
    name: 'merge: memory added, × the file',
    value: (merge.peak - merge.idle) / sizeB,
    unit: '×',
    max: 3,
  });
  const met =
    exportA.ms <= 3000 &&
    merge.ms <= 10_000 &&
    merge.peak - merge.idle <= 3 * sizeB &&
    exportA.peak - exportA.idle <= 3 * sizeA;
  console.log(
    `exchange at ${DOCS.toLocaleString('en')} documents: export ${seconds(exportA.ms)}, merge ${seconds(merge.ms)}, memory added ${Math.max((merge.peak - merge.idle) / sizeB, (exportA.peak - exportA.idle) / sizeA).toFixed(1)}× the file${met ? '' : ' — goal missed'}`,
  );
}

if (args.step) await step();
else await main();
