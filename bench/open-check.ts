// Bench: what checking a project on open costs (issue 9). Generates a project of about --mb MB (300 by
// default: news-like documents with their originals, the search index) and prints, from a warm cache and
// (where the page cache can be dropped for one file) a cold one: the file checks before SQLite opens it
// (header, size, WAL), Project.open with its structural check of every table and index, SQLite's whole
// quick_check (with the search index's own cross-check, which the open leaves to `dossier check`),
// integrity_check, and a backup. The headline is Project.open from a warm cache.
// Run: npm run bench -- open-check [--mb N] [--keep DIR]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { insertDocument } from '../electron/db/documents';
import { syntheticArticle } from './lib/documents';
import { inspectDatabaseFile } from '../electron/db/file-check';
import { Project } from '../electron/project';
import { backupProject } from '../electron/services/backup';
import { prng } from './lib/random';
import { figure } from './lib/figures';

const { values: args } = parseArgs({
  options: { mb: { type: 'string', default: '300' }, keep: { type: 'string' } },
});
const TARGET_BYTES = Number(args.mb) * 1024 * 1024;

const random = prng(7);
const int = (n: number) => Math.floor(random() * n);
const WORDS =
  'government minister said officials talks border energy sanctions agreement summit election protest trade grain harbour inquiry parliament factory delegation ceasefire treaty visit report press statement security cooperation region capital'.split(
    ' ',
  );

function article(chars: number): string {
  const sentences: string[] = [];
  for (let length = 0; length < chars;) {
    const sentence = `${Array.from({ length: 8 + int(12) }, () => WORDS[int(WORDS.length)]!).join(' ')}.`;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences.join(' ');
}

function sizeOf(path: string): number {
  return statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
}

function generate(path: string): void {
  const project = Project.open(path, { create: true });
  const at = new Date().toISOString();
  let i = 0;
  while (sizeOf(path) < TARGET_BYTES) {
    project.write((db) => {
      for (let k = 0; k < 100; k++, i++) {
        const text = article(20_000 + int(20_000));
        insertDocument(db, syntheticArticle(i, text, { importedAt: at }));
      }
    });
    project.db.pragma('wal_checkpoint(TRUNCATE)');
  }
  project.close();
  console.log(`generated ${i} documents, ${(statSync(path).size / 2 ** 20).toFixed(0)} MB`);
}

/** Drops the file from the page cache (GNU dd's nocache), so the next read comes from the disk. */
function dropCache(path: string): boolean {
  return spawnSync('dd', [`if=${path}`, 'iflag=nocache', 'count=0', 'status=none']).status === 0;
}

function time<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const result = fn();
  return [result, performance.now() - started];
}

async function main(): Promise<void> {
  const dir = args.keep ?? mkdtempSync(join(tmpdir(), 'dossier-bench-open-'));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'large.sqlite');
  try {
    if (!existsSync(path)) generate(path);
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    const cold = dropCache(path);
    if (cold) {
      const [, openCold] = time(() => Project.open(path, { create: false }).close());
      console.log(`Project.open, cold cache: ${ms(openCold)}`);
      figure({ name: `Project.open of ${args.mb} MB, cold cache`, value: openCold, unit: 'ms' });
    }
    const [, fileChecks] = time(() => inspectDatabaseFile(path));
    console.log(`file checks (header, size, WAL): ${fileChecks.toFixed(1)} ms`);
    const db = new Database(path, { readonly: true });
    const [, quick] = time(() => db.pragma('quick_check', { simple: true }));
    console.log(`quick_check of the whole file, with the search index's cross-check: ${ms(quick)}`);
    const [, integrity] = time(() => db.pragma('integrity_check', { simple: true }));
    console.log(`integrity_check (dossier check): ${ms(integrity)}`);
    figure({ name: 'quick_check of the whole file', value: quick, unit: 'ms' });
    figure({ name: 'integrity_check (dossier check)', value: integrity, unit: 'ms' });
    db.close();
    const project = Project.open(path, { create: false });
    const backupStarted = performance.now();
    const backup = await backupProject(project, 'manual');
    console.log(
      `online backup: ${ms(performance.now() - backupStarted)} (${(backup.bytes / 2 ** 20).toFixed(0)} MB)`,
    );
    project.close();
    rmSync(`${path}.backups`, { recursive: true, force: true });
    const [, openWarm] = time(() => Project.open(path, { create: false }).close());
    figure({ name: `Project.open of ${args.mb} MB, warm cache`, value: openWarm, unit: 'ms' });
    console.log(`Project.open with its structural check, warm cache: ${ms(openWarm)}`);
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
