// Bench: the timeline with 10,000 events and 50,000 claim links (issue 5), in Chromium against the local
// server. Prints the time from choosing the Timeline tab to the first frame painted with the events drawn, and
// the work per frame while zooming (wheel) and panning (horizontal wheel, as a trackpad swipe; dragging goes
// through the same path) at every zoom from decades to days: the time from the start of the frame that draws
// the new view to the end of its paint. Goals: first paint ≤ 200 ms, p95 frame ≤ 16 ms.
// Run: npm run build && npx tsx bench/timeline.ts [--events N] [--screenshot FILE]
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DossierApp } from '../electron/app';
import { directClient } from '../electron/dispatch';
import { upsertClaimEvent } from '../electron/db/events';
import { nowIso } from '../electron/db/clock';
import { createEvent } from '../electron/services/events';
import { CLAIM_STATUSES, EVENT_RELATIONS } from '../shared/annotations';
import { figure } from './lib/figures';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    links: { type: 'string', default: '50000' },
    screenshot: { type: 'string' },
  },
});
const EVENTS = Number(args.events);
const LINKS = Number(args.links);
const CLAIMS = 2_000;
const RUNS = 5;
const FRAMES = 60;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

let seed = 11;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const pad = (n: number) => String(n).padStart(2, '0');

/** Dates as researchers meet them: mostly days, some months and years, a few ranges, circa and year-unknown. */
function randomDate(): { start: string; end: string | null } {
  const year = 1990 + Math.floor(random() * 36);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const r = random();
  if (r < 0.05) return { start: `--${pad(month)}-${pad(day)}`, end: null };
  if (r < 0.15) return { start: `${year}`, end: null };
  if (r < 0.3) return { start: `${year}-${pad(month)}`, end: null };
  if (r < 0.35) return { start: `~${year}-${pad(month)}-${pad(day)}`, end: null };
  if (r < 0.45) {
    const endMonth = Math.min(12, month + Math.floor(random() * 3));
    return { start: `${year}-${pad(month)}-${pad(day)}`, end: `${year}-${pad(endMonth)}-28` };
  }
  return { start: `${year}-${pad(month)}-${pad(day)}`, end: null };
}

const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-timeline-'));
const app = new DossierApp({ projectPath: join(dir, 'p.sqlite'), env: { DOSSIER_HOME: dir } });
const call = directClient(app.dispatch);
try {
  const seeding = performance.now();
  const imported = await call('documents.importFile', {
    fileName: 'source.txt',
    dataBase64: Buffer.from(
      `Source article\n\n${Array.from({ length: 200 }, (_, i) => `Sentence ${i} says something was agreed.`).join(' ')}`,
    ).toString('base64'),
  });
  if (imported.status !== 'imported') throw new Error('the source document was not imported');
  const documentId = imported.document.id;
  const tags: string[] = [];
  for (let i = 0; i < 20; i++) tags.push((await call('tags.create', { name: `Theme ${i}` })).id);
  const actors: string[] = [];
  for (let i = 0; i < 50; i++) {
    actors.push((await call('entities.create', { kind: 'person', name: `Actor ${i}` })).id);
  }
  const claims: string[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    const start = 20 + (i % 150) * 40;
    const claim = await call('claims.create', {
      passage: { documentId, start, end: start + 30 },
      status: pick(CLAIM_STATUSES),
    });
    claims.push(claim.id);
  }
  const events = app.project.write(() =>
    Array.from({ length: EVENTS }, (_, i) => {
      const date = randomDate();
      const tagIds = random() < 0.7 ? [pick(tags)] : [];
      const actorIds = Array.from({ length: Math.floor(random() * 3) }, () => pick(actors));
      return createEvent(app.project, {
        title: `Event ${i}: ${pick(['talks', 'agreement signed', 'visit', 'sanctions announced', 'exercise'])}`,
        ...date,
        placeId: null,
        actorIds: [...new Set(actorIds)],
        tagIds,
        description: '',
      }).id;
    }),
  );
  app.project.write((db) => {
    const at = nowIso();
    for (let i = 0; i < LINKS; i++) {
      upsertClaimEvent(db, claims[i % claims.length]!, events[i % events.length]!, pick(EVENT_RELATIONS), at);
    }
  });
  const listing = performance.now();
  const listed = await call('events.list', {});
  const listMs = performance.now() - listing;
  console.log(
    `project: ${listed.length.toLocaleString('en')} events, ${LINKS.toLocaleString('en')} claim links, ${CLAIMS.toLocaleString('en')} claims (seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s)`,
  );
  console.log(`events.list (what the timeline loads): ${ms(listMs)}`);

  const { startServer } = await import('../electron/server');
  const server = await startServer({
    dispatch: app.dispatch,
    staticDir: join(process.cwd(), 'dist', 'renderer'),
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // tsx names the functions this script hands the page with a helper the page lacks.
  await page.addInitScript('globalThis.__name = (f) => f');
  await page.goto(server.url);

  const firstPaints: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.reload();
    await page.locator('.app[data-ready="true"]').waitFor();
    const tab = page.getByRole('tab', { name: /^Timeline/ });
    await page
      .getByRole('tab', { name: `Events (${EVENTS.toLocaleString('en-US').replace(/,/g, '')})` })
      .waitFor();
    firstPaints.push(
      await tab.evaluate(
        (element) =>
          new Promise<number>((resolve) => {
            const began = performance.now();
            const check = () => {
              if (
                document.querySelector('.timeline-lanes .timeline-event, .timeline-lanes .timeline-cluster')
              ) {
                // The frame that drew them ends after its paint: a message posted now arrives after it.
                requestAnimationFrame(() => {
                  const channel = new MessageChannel();
                  channel.port1.onmessage = () => resolve(performance.now() - began);
                  channel.port2.postMessage(null);
                });
              } else requestAnimationFrame(check);
            };
            (element as HTMLElement).click();
            requestAnimationFrame(check);
          }),
      ),
    );
    if (run < RUNS - 1) await page.getByRole('tab', { name: /^Events/ }).click();
  }
  firstPaints.sort((a, b) => a - b);

  /**
   * Work per frame: a wheel event is sent in one frame; the app draws the new view in the next. A callback
   * queued before the app's own marks that frame's start, a message posted after it arrives after the paint.
   */
  const frames = (kind: 'zoom' | 'pan', delta: number) =>
    page.locator('.timeline-canvas').evaluate(
      (canvas, { kind, delta, count }) =>
        new Promise<{ frame: number[]; script: number[]; items: number[] }>((resolve) => {
          const frame: number[] = [];
          const script: number[] = [];
          const items: number[] = [];
          const box = canvas.getBoundingClientRect();
          const step = (i: number) => {
            if (i === count) return resolve({ frame, script, items });
            requestAnimationFrame(() => {
              let began = 0;
              requestAnimationFrame(() => (began = performance.now()));
              canvas.dispatchEvent(
                new WheelEvent('wheel', {
                  bubbles: true,
                  cancelable: true,
                  clientX: box.left + box.width * 0.5,
                  clientY: box.top + 100,
                  deltaX: kind === 'pan' ? delta : 0,
                  deltaY: kind === 'zoom' ? delta : 0,
                }),
              );
              requestAnimationFrame(() => {
                // React has drawn the new view by the time the app's frame callback returns.
                script.push(performance.now() - began);
                items.push(canvas.querySelectorAll('.timeline-event, .timeline-cluster').length);
                const channel = new MessageChannel();
                channel.port1.onmessage = () => {
                  frame.push(performance.now() - began);
                  step(i + 1);
                };
                channel.port2.postMessage(null);
              });
            });
          };
          step(0);
        }),
      { kind, delta, count: FRAMES },
    );

  await page.getByRole('tab', { name: /^Timeline/ }).click();
  await page.locator('.timeline-lanes').waitFor();
  const all = { frame: [] as number[], script: [] as number[], items: [] as number[] };
  const add = (r: typeof all) => {
    all.frame.push(...r.frame);
    all.script.push(...r.script);
    all.items.push(...r.items);
  };
  // From every event in view in to single days and back out, panning at each end.
  add(await frames('pan', 120));
  add(await frames('zoom', -60));
  add(await frames('zoom', -60));
  add(await frames('pan', 200));
  add(await frames('zoom', 60));
  add(await frames('zoom', 60));
  add(await frames('pan', -150));
  const unit = await page.locator('.timeline-canvas').getAttribute('data-unit');
  if (args.screenshot) await page.screenshot({ path: args.screenshot });
  await browser.close();
  await server.close();

  for (const list of [all.frame, all.script, all.items]) list.sort((a, b) => a - b);
  figure({ name: 'events.list of the whole timeline', value: listMs, unit: 'ms' });
  figure({ name: 'timeline first paint, median', value: percentile(firstPaints, 50), unit: 'ms', max: 200 });
  figure({ name: 'pan and zoom, frame p95', value: percentile(all.frame, 95), unit: 'ms', max: 16 });
  console.log(
    `first paint of the timeline, ${RUNS} runs: ${firstPaints.map((t) => t.toFixed(0)).join(', ')} ms; median ${ms(percentile(firstPaints, 50))} (goal ≤ 200 ms)`,
  );
  console.log(
    `script (React) per frame: p50 ${ms(percentile(all.script, 50))}, p95 ${ms(percentile(all.script, 95))}; events and clusters drawn per frame: median ${percentile(all.items, 50)}, max ${all.items[all.items.length - 1]} (axis at the end: ${unit})`,
  );
  console.log(
    `pan and zoom, ${all.frame.length} frames: frame p50 ${ms(percentile(all.frame, 50))}, p95 ${ms(percentile(all.frame, 95))}, max ${ms(all.frame[all.frame.length - 1]!)} (goal p95 ≤ 16 ms)`,
  );
} finally {
  app.close();
  rmSync(dir, { recursive: true, force: true });
}
