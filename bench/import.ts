// Bench: import 10,000 generated news articles of ~800 words from a folder, the way `dossier import` does,
// and print documents per second and total seconds (goal, issue 3: ≤ 6 s on a 2-core machine). Also prints
// the longest time the main process's event loop was blocked (the desktop UI runs in another process, but
// the main process must keep answering it), and per-format figures for web pages, Word files and PDFs.
// Run: npx tsx bench/import.ts [count]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DossierApp } from '../electron/app';
import { importPaths } from '../electron/services/import-paths';
import { ingestFile } from '../electron/services/ingest/index';
import { figure } from './lib/figures';

const COUNT = Number(process.argv[2] ?? 10_000);
const WORDS = 800;

let seed = 11;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
const pick = <T>(items: readonly T[]): T => items[next() % items.length]!;

const VOCABULARY = {
  en: 'the minister said on monday that the agreement with caracas would strengthen military and energy cooperation between the two countries according to officials who asked not to be named because talks continue'.split(
    ' ',
  ),
  nl: 'de minister zei maandag dat de overeenkomst met caracas de militaire en energiesamenwerking tussen beide landen zou versterken volgens functionarissen die anoniem wilden blijven omdat de gesprekken doorgaan'.split(
    ' ',
  ),
  es: 'el ministro dijo el lunes que el acuerdo con caracas fortalecería la cooperación militar y energética entre los dos países según funcionarios que pidieron no ser nombrados porque las conversaciones continúan'.split(
    ' ',
  ),
} as const;
const OUTLETS = ['Báo Thanh niên', 'TASS', 'El Nacional', 'NOS', 'Reuters', 'albaciudad'];

function article(i: number): string {
  const language = pick(['en', 'en', 'nl', 'es'] as const);
  const words = VOCABULARY[language];
  const paragraphs: string[] = [];
  for (let written = 0; written < WORDS;) {
    const length = 40 + (next() % 60);
    const body = Array.from({ length }, () => pick(words)).join(' ');
    paragraphs.push(`${body[0]!.toUpperCase()}${body.slice(1)}.`);
    written += length;
  }
  const day = 1 + (next() % 28);
  const month = 1 + (next() % 12);
  const year = 2000 + (next() % 25);
  const outlet = pick(OUTLETS);
  return [
    'All news',
    `Article ${i}: ${pick(words)} ${pick(words)} ${pick(words)} in Caracas and Moscow`,
    `${outlet} ${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`,
    ...paragraphs,
    `Source: https://example.org/news/${i}`,
    'Comment (0)',
    'Subscribe to our newsletter',
  ].join('\n\n');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-import-'));
try {
  const folder = join(dir, 'articles');
  mkdirSync(folder);
  for (let i = 0; i < COUNT; i++) writeFileSync(join(folder, `article-${i}.txt`), article(i));

  const app = new DossierApp({ projectPath: join(dir, 'bench.sqlite'), env: { DOSSIER_HOME: dir } });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  const { results } = await importPaths(app.project, [folder], app.importLimits());
  const seconds = (performance.now() - started) / 1000;
  loop.disable();
  const imported = results.filter((r) => r.status === 'imported').length;
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length > 0) console.log(`failed: ${failed.length}, e.g. ${JSON.stringify(failed[0])}`);
  const dated = app.project.db
    .prepare(`SELECT count(*) FROM documents WHERE published IS NOT NULL`)
    .pluck()
    .get() as number;
  app.close();

  // Other formats, per document (each reader's own cost; the pipeline after it is shared).
  const perFormat: string[] = [];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report</title>
    <meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2024-11-08T10:00:00+07:00">
    </head><body><nav><a href="/">Home</a></nav><article><h1>Report</h1>${article(0)
      .split('\n\n')
      .map((p) => `<p>${p}</p>`)
      .join('')}</article><footer>© Example</footer></body></html>`;
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await ingestFile('page.html', Buffer.from(html), { maxFileBytes: 50 * 2 ** 20 });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  perFormat.push(`web page (${WORDS} words): median ${percentile(times, 50).toFixed(1)} ms`);

  console.log(
    `articles: ${COUNT.toLocaleString('en')} of ~${WORDS} words (${imported} imported, ${dated} with a date found)`,
  );
  for (const line of perFormat) console.log(line);
  console.log(`longest event-loop block during the import: ${(loop.max / 1e6).toFixed(0)} ms`);
  console.log(`documents per second: ${(imported / seconds).toFixed(0)}`);
  figure({
    id: 'B1',
    name: `import ${COUNT.toLocaleString('en')} articles until searchable`,
    value: seconds,
    unit: 's',
    max: 6,
  });
  figure({ id: 'B1', name: 'documents imported per second', value: imported / seconds, unit: 'documents/s' });
  figure({
    id: 'B1',
    name: 'longest event-loop block of the main process',
    value: loop.max / 1e6,
    unit: 'ms',
  });
  console.log(`import ${COUNT.toLocaleString('en')} articles: ${seconds.toFixed(2)} s (goal ≤ 6 s)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
