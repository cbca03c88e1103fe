// Bench: open a 200,000-word document with 5,000 highlights in the reader (Chromium against the local
// server) and time it from the click in the library to the highlights painted and the next frame drawn.
// Also prints the latency of saving a highlight through the service. Goal (issue 2/10): painted ≤ 150 ms.
// Run: npm run build && npx tsx bench/reader.ts
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DossierApp } from '../electron/app';
import { startServer } from '../electron/server';
import { importDocumentFile } from '../electron/services/documents';
import { createHighlight } from '../electron/services/highlights';

const WORDS = 200_000;
const HIGHLIGHTS = 5_000;
const RUNS = 5;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function syntheticArticle(words: number): string {
  const vocabulary =
    'venezuela russia caracas moscow agreement treaty military cooperation oil minister said reported according officials trade weapons'.split(
      ' ',
    );
  const paragraphs: string[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let written = 0; written < words;) {
    const length = 30 + (next() % 50);
    const paragraph = Array.from({ length }, () => vocabulary[next() % vocabulary.length]).join(' ');
    paragraphs.push(`${paragraph[0]!.toUpperCase()}${paragraph.slice(1)}.`);
    written += length;
  }
  return `Synthetic long report\n\n${paragraphs.join('\n\n')}\n`;
}

const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
const app = new DossierApp({ projectPath: join(dir, 'bench.sqlite'), env: { DOSSIER_HOME: dir } });
try {
  const text = syntheticArticle(WORDS);
  const imported = await importDocumentFile(app.project, 'long.txt', Buffer.from(text), {
    maxFileBytes: 100 * 2 ** 20,
  });
  if (imported.status !== 'imported') throw new Error(`import failed: ${JSON.stringify(imported)}`);
  const documentId = imported.document.id;
  const colors = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
  const saveTimes: number[] = [];
  const step = Math.floor(text.length / HIGHLIGHTS);
  for (let i = 0; i < HIGHLIGHTS; i++) {
    const start = i * step + 10;
    const began = performance.now();
    createHighlight(app.project, {
      documentId,
      start,
      end: start + 40 + (i % 60),
      color: colors[i % 5]!,
      note: '',
    });
    saveTimes.push(performance.now() - began);
  }
  saveTimes.sort((a, b) => a - b);

  const server = await startServer({
    dispatch: app.dispatch,
    staticDir: join(process.cwd(), 'dist', 'renderer'),
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.goto(server.url);
  const openTimes: number[] = [];
  const completeTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.reload();
    await page.locator('.app[data-ready="true"]').waitFor();
    const option = page.getByRole('option', { name: /Synthetic long report/ });
    await option.waitFor();
    const elapsed = await option.evaluate(
      (element, expected) =>
        new Promise<[number, number]>((resolve) => {
          const began = performance.now();
          let firstPaint = 0;
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as PerformanceMark[]) {
              const detail = entry.detail as { count?: number; complete?: boolean } | null;
              if (detail?.count === expected && !firstPaint) firstPaint = performance.now() - began;
              if (detail?.count === expected && detail.complete) {
                observer.disconnect();
                requestAnimationFrame(() =>
                  setTimeout(() => resolve([firstPaint, performance.now() - began] as [number, number]), 0),
                );
              }
            }
          });
          observer.observe({ type: 'mark' });
          (element as HTMLElement).click();
        }),
      HIGHLIGHTS,
    );
    openTimes.push(elapsed[0]);
    completeTimes.push(elapsed[1]);
  }
  await browser.close();
  await server.close();
  openTimes.sort((a, b) => a - b);
  completeTimes.sort((a, b) => a - b);
  console.log(
    `document: ${WORDS.toLocaleString('en')} words, ${text.length.toLocaleString('en')} chars, ${HIGHLIGHTS} highlights`,
  );
  console.log(
    `save a highlight (service, synchronous=FULL): p50 ${percentile(saveTimes, 50).toFixed(2)} ms, p99 ${percentile(saveTimes, 99).toFixed(2)} ms`,
  );
  console.log(`whole document rendered and painted, median: ${percentile(completeTimes, 50).toFixed(0)} ms`);
  console.log(
    `open to first screen painted, ${RUNS} runs: ${openTimes.map((t) => t.toFixed(0)).join(', ')} ms`,
  );
  console.log(
    `reader open to first paint median: ${percentile(openTimes, 50).toFixed(0)} ms (goal ≤ 150 ms)`,
  );
} finally {
  app.close();
  rmSync(dir, { recursive: true, force: true });
}
