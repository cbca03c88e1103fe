// Bench: import a folder of 1,000 generated articles through the window (Chromium against `dossier serve`,
// the folder chosen with Import folder…) and measure how long the interface's thread was ever blocked
// (long tasks, as the browser reports them) while the import ran, and the total time. Goal (issue 3): the
// UI never blocked; imports run off the UI thread.
// Run: npm run build && npx tsx bench/import-ui.ts [count]
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figure } from './lib/figures';

const COUNT = Number(process.argv[2] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-ui-'));
const folder = join(dir, 'articles');
mkdirSync(folder);
const words =
  'the minister said that the agreement with caracas would strengthen military and energy cooperation'.split(
    ' ',
  );
for (let i = 0; i < COUNT; i++) {
  const paragraphs = Array.from({ length: 12 }, (_, p) =>
    Array.from({ length: 65 }, (_, w) => words[(i * 7 + p * 13 + w) % words.length]).join(' '),
  );
  writeFileSync(join(folder, `article-${i}.txt`), `Article ${i} on Caracas\n\n${paragraphs.join('.\n\n')}.`);
}

const server = spawn(
  process.execPath,
  ['dist/electron/cli.js', 'serve', '--project', join(dir, 'p.sqlite'), '--no-open'],
  {
    env: { ...process.env, DOSSIER_HOME: dir },
  },
);
try {
  const url = await new Promise<string>((resolve, reject) => {
    server.on('exit', () => reject(new Error('dossier serve exited')));
    server.stdout.on('data', (chunk: Buffer) => {
      const match = /Open (\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.locator('.app[data-ready="true"]').waitFor();
  await page.evaluate(() => {
    const longTasks: { at: number; duration: number }[] = [];
    (window as unknown as { longTasks: typeof longTasks }).longTasks = longTasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        longTasks.push({ at: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask' });
    document.addEventListener('change', () => longTasks.push({ at: performance.now(), duration: -1 }), true);
  });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import folder…' }).first().click();
  const started = Date.now();
  await (await chooser).setFiles(folder);
  await page.getByText(`${COUNT} imported`).waitFor({ timeout: 600_000 });
  const seconds = (Date.now() - started) / 1000;
  // Before the page's change event, the browser itself builds the list of the folder's files (a long task
  // of its own, the same in any web app); what counts is the page's work after it.
  const { during, before } = await page.evaluate(() => {
    const all = (window as unknown as { longTasks: { at: number; duration: number }[] }).longTasks;
    const handed = all.find((t) => t.duration < 0)?.at ?? 0;
    const tasks = all.filter((t) => t.duration >= 0);
    return {
      during: tasks.filter((t) => t.at >= handed).map((t) => t.duration),
      before: tasks.filter((t) => t.at < handed).map((t) => t.duration),
    };
  });
  await browser.close();
  figure({
    id: 'B1',
    name: `import ${COUNT.toLocaleString('en')} articles through the window`,
    value: seconds,
    unit: 's',
  });
  figure({
    id: 'B1',
    name: 'longest block of the interface thread during an import',
    value: Math.max(0, ...during),
    unit: 'ms',
    max: 50,
  });
  console.log(`articles imported through the window: ${COUNT}, in ${seconds.toFixed(1)} s`);
  console.log(
    `the browser listing the chosen folder before handing it over: ${Math.max(0, ...before).toFixed(0)} ms`,
  );
  console.log(
    `long tasks (over 50 ms) on the interface thread during the import: ${during.length}; longest ${Math.max(0, ...during).toFixed(0)} ms`,
  );
} finally {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
