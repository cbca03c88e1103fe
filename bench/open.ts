// Bench B2 (issue 10): opening a project of 10,000 documents and 100,000 highlights to an interactive window,
// against the same with a project of 100 documents. Each run launches `dossier serve` on the project, opens
// its page in Chromium and times, from the launch: the server ready, the app ready, the library list
// rendered, and a click on its first document answered (the option selected). The median of several runs with
// the project in the page cache (warm), and one run after dropping it from the cache (cold, GNU dd's nocache,
// no root needed). Then the service alone, in a fresh process per run: Project.open and each request the page
// made at start, so the cost can be attributed. Goals: ≤ 1.5 s, and at most 100 ms more than 100 documents.
// Run: npm run build && npx tsx bench/open.ts [--docs N] [--runs N] [--keep DIR]
import { chromium, type Browser } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { figure } from './lib/figures';
import { generateProject } from './lib/projects';

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '10000' },
    'highlights-per-doc': { type: 'string', default: '10' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'string' },
    // Internal: the service alone, in a child process.
    step: { type: 'string' },
    project: { type: 'string' },
    ops: { type: 'string' },
  },
});
const DOCS = Number(args.docs);
const PER_DOC = Number(args['highlights-per-doc']);
const RUNS = Number(args.runs);
const SMALL_DOCS = 100;
const GOAL_MS = 1500;
const GOAL_OVER_SMALL_MS = 100;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const ms = (n: number) => `${n.toFixed(0)} ms`;

interface WindowRun {
  serveReady: number;
  appReady: number;
  listRendered: number;
  clickAnswered: number;
  /** Options of the library list in the page: a virtualised list holds the visible ones, not every document. */
  optionsInPage: number;
  /** Each request the page made before the click was answered: its operation, duration and size. */
  requests: { op: string; input: object; ms: number; bytes: number }[];
}

/** Drops the project from the page cache, so the next open reads it from the disk; false where it cannot. */
function dropCache(path: string): boolean {
  let ok = true;
  for (const file of [path, `${path}-wal`]) {
    if (!existsSync(file)) continue;
    ok &&= spawnSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']).status === 0;
  }
  return ok;
}

async function windowRun(browser: Browser, project: string, home: string): Promise<WindowRun> {
  const launched = performance.now();
  const server = spawn(
    process.execPath,
    ['dist/electron/cli.js', 'serve', '--project', project, '--no-open'],
    {
      env: { ...process.env, DOSSIER_HOME: home },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      server.once('exit', () => reject(new Error('dossier serve exited')));
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Open (\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
    });
    const serveReady = performance.now() - launched;
    const page = await context.newPage();
    const requests: WindowRun['requests'] = [];
    const sizing: Promise<unknown>[] = [];
    // What the page asks for at start: the requests made before the click.
    let clicked = false;
    const atStart = new Set<unknown>();
    page.on('request', (request) => {
      if (!clicked) atStart.add(request);
    });
    page.on('requestfinished', (request) => {
      const op = /\/api\/([\w.]+)/.exec(request.url())?.[1];
      if (!op || !atStart.has(request)) return;
      const timing = request.timing();
      const input = (request.postDataJSON() ?? {}) as object;
      sizing.push(
        request
          .sizes()
          .then((sizes) =>
            requests.push({
              op,
              input,
              ms: timing.responseEnd - timing.requestStart,
              bytes: sizes.responseBodySize,
            }),
          )
          // A request still being read when the window closes is not one the window waited for.
          .catch(() => undefined),
      );
    });
    await page.goto(url);
    await page.locator('.app[data-ready="true"]').waitFor({ timeout: 120_000 });
    const appReady = performance.now() - launched;
    const first = page.getByRole('listbox', { name: 'Documents' }).getByRole('option').first();
    await first.waitFor({ timeout: 120_000 });
    const listRendered = performance.now() - launched;
    const optionsInPage = await page.getByRole('listbox', { name: 'Documents' }).getByRole('option').count();
    clicked = true;
    await first.click();
    await page
      .locator('[role="listbox"][aria-label="Documents"] [role="option"][aria-selected="true"]')
      .waitFor({ timeout: 120_000 });
    const clickAnswered = performance.now() - launched;
    await Promise.all(sizing);
    return { serveReady, appReady, listRendered, clickAnswered, optionsInPage, requests: [...requests] };
  } finally {
    await context.close();
    server.kill('SIGTERM');
    await exited;
  }
}

interface ServiceRun {
  /** Opening a project this Dossier has not closed before: every page of every table checked. */
  open: number;
  /** Opening it again after closing it: sealed as sound (electron/db/check-seals.ts), not checked again. */
  openSealed: number;
  ops: Record<string, number>;
}

/** In a child process: Project.open (through the app, as `dossier serve` opens it) and the start-up requests. */
async function serviceStep(): Promise<void> {
  const { DossierApp } = await import('../electron/app');
  const { directClient } = await import('../electron/dispatch');
  const home = mkdtempSync(join(tmpdir(), 'dossier-bench-open-home-'));
  try {
    const opening = performance.now();
    const app = new DossierApp({ projectPath: args.project!, env: { DOSSIER_HOME: home } });
    const open = performance.now() - opening;
    const call = directClient(app.dispatch) as unknown as (op: string, input: object) => Promise<unknown>;
    const ops: Record<string, number> = {};
    for (const { op, input } of JSON.parse(args.ops!) as { op: string; input: object }[]) {
      const started = performance.now();
      await call(op, input);
      ops[op] = (ops[op] ?? 0) + performance.now() - started;
    }
    app.close();
    const reopening = performance.now();
    const again = new DossierApp({ projectPath: args.project!, env: { DOSSIER_HOME: home } });
    const openSealed = performance.now() - reopening;
    again.close();
    process.stdout.write(`${JSON.stringify({ open, openSealed, ops } satisfies ServiceRun)}\n`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function serviceRun(project: string, ops: { op: string; input: object }[]): ServiceRun {
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      '--step',
      'service',
      '--project',
      project,
      '--ops',
      JSON.stringify(ops),
    ],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`the service step failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as ServiceRun;
}

interface Measured {
  warm: WindowRun[];
  cold: WindowRun | null;
  service: ServiceRun[];
  startOps: { op: string; input: object }[];
}

async function measure(browser: Browser, project: string, home: string): Promise<Measured> {
  // One run to warm the cache and the browser, not counted.
  const first = await windowRun(browser, project, home);
  const warm: WindowRun[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(await windowRun(browser, project, home));
  const cold = dropCache(project) ? await windowRun(browser, project, home) : null;
  // The requests the page made at start that read the project (not the page's own files).
  const startOps = first.requests
    .filter((r) => !r.op.startsWith('jobs.') && r.op !== 'projects.recent')
    .map(({ op, input }) => ({ op, input }));
  const service = Array.from({ length: RUNS }, () => serviceRun(project, startOps));
  return { warm, cold, service, startOps };
}

function report(label: string, m: Measured): { total: number } {
  const pick = (key: keyof Omit<WindowRun, 'requests' | 'optionsInPage'>) =>
    median(m.warm.map((r) => r[key]));
  const total = pick('clickAnswered');
  console.log(
    `${label}: click answered ${ms(total)} after launching dossier serve (median of ${m.warm.length}; runs ${m.warm
      .map((r) => r.clickAnswered.toFixed(0))
      .join(', ')}): server ready ${ms(pick('serveReady'))}, app ready ${ms(pick('appReady'))}, ` +
      `library listed ${ms(pick('listRendered'))}` +
      (m.cold ? `; cold cache ${ms(m.cold.clickAnswered)} (server ready ${ms(m.cold.serveReady)})` : ''),
  );
  const open = median(m.service.map((s) => s.open));
  const openSealed = median(m.service.map((s) => s.openSealed));
  const ops = [...new Set(m.startOps.map((s) => s.op))].map((op) => ({
    op,
    ms: median(m.service.map((s) => s.ops[op] ?? 0)),
  }));
  console.log(
    `  service alone: Project.open ${ms(open)} (closed sound before: ${ms(openSealed)}); ${ops.map((o) => `${o.op} ${o.ms.toFixed(1)} ms`).join(', ')}`,
  );
  console.log(`  library options in the page: ${m.warm[0]!.optionsInPage} (virtualised: only those in view)`);
  const sizes = new Map<string, number>();
  for (const r of m.warm.flatMap((run) => run.requests))
    sizes.set(r.op, Math.max(sizes.get(r.op) ?? 0, r.bytes));
  const largest = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(
    `  largest responses at start: ${largest.map(([op, bytes]) => `${op} ${(bytes / 1024).toFixed(0)} kB`).join(', ')}`,
  );
  return { total };
}

async function main(): Promise<void> {
  if (!existsSync('dist/electron/cli.js') || !existsSync('dist/renderer/index.html')) {
    throw new Error('The app is not built: run `npm run build` first (npm run bench does).');
  }
  const dir = args.keep ?? mkdtempSync(join(tmpdir(), 'dossier-bench-open-'));
  mkdirSync(dir, { recursive: true });
  const large = join(dir, `large-${DOCS}x${PER_DOC}.sqlite`);
  const small = join(dir, `small-${SMALL_DOCS}x${PER_DOC}.sqlite`);
  const home = join(dir, 'home');
  try {
    for (const [path, docs] of [
      [large, DOCS],
      [small, SMALL_DOCS],
    ] as const) {
      if (existsSync(path)) continue;
      const started = performance.now();
      generateProject(path, docs, PER_DOC);
      console.log(
        `generated ${docs.toLocaleString('en')} documents, ${(docs * PER_DOC).toLocaleString('en')} highlights in ${((performance.now() - started) / 1000).toFixed(1)} s (${(statSync(path).size / 2 ** 20).toFixed(0)} MB)`,
      );
    }
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    let measuredLarge: Measured;
    let measuredSmall: Measured;
    try {
      measuredSmall = await measure(browser, small, home);
      measuredLarge = await measure(browser, large, home);
    } finally {
      await browser.close();
    }
    const smallTotal = report(`${SMALL_DOCS} documents`, measuredSmall).total;
    const largeTotal = report(`${DOCS.toLocaleString('en')} documents`, measuredLarge).total;
    const over = largeTotal - smallTotal;
    const met = largeTotal <= GOAL_MS && over <= GOAL_OVER_SMALL_MS;
    const openLarge = median(measuredLarge.service.map((s) => s.open));
    figure({
      id: 'B2',
      name: `launch to interactive, ${DOCS.toLocaleString('en')} documents (warm)`,
      value: largeTotal,
      unit: 'ms',
      max: GOAL_MS,
    });
    figure({
      id: 'B2',
      name: `more than ${SMALL_DOCS} documents`,
      value: over,
      unit: 'ms',
      max: GOAL_OVER_SMALL_MS,
    });
    figure({
      id: 'B2',
      name: `launch to interactive, ${SMALL_DOCS} documents (warm)`,
      value: smallTotal,
      unit: 'ms',
    });
    if (measuredLarge.cold) {
      figure({
        id: 'B2',
        name: `launch to interactive, ${DOCS.toLocaleString('en')} documents (cold cache)`,
        value: measuredLarge.cold.clickAnswered,
        unit: 'ms',
      });
    }
    figure({
      id: 'B2',
      name: `Project.open, ${DOCS.toLocaleString('en')} documents`,
      value: openLarge,
      unit: 'ms',
    });
    figure({
      id: 'B2',
      name: `Project.open, ${DOCS.toLocaleString('en')} documents, closed sound before`,
      value: median(measuredLarge.service.map((s) => s.openSealed)),
      unit: 'ms',
    });
    console.log(
      `open ${DOCS.toLocaleString('en')} documents to an interactive window: ${ms(largeTotal)}, ${ms(over)} more than ${SMALL_DOCS} (goal ≤ ${GOAL_MS} ms and ≤ ${GOAL_OVER_SMALL_MS} ms more)${met ? '' : ' — goal missed'}`,
    );
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (args.step === 'service') await serviceStep();
else await main();
