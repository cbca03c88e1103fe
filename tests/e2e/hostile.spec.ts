// Issue 9, hostile content, in the browser: the hostile corpus (tests/helpers/hostile-documents.ts) is
// imported through the file chooser, as a researcher would, and every document is opened in the reader and
// highlighted on its benign sentence. Throughout, the page is watched for what a payload that ran would do:
// set the sentinel, log or alert it, ask for anything not from Dossier's own origin, navigate or open a
// window or frame. The payloads' attacker is a listener of this test, so a request made by `dossier serve`
// while it parses the files (jsdom, mammoth, pdf.js) is seen too.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from '@playwright/test';
import {
  BENIGN_SENTENCE,
  SENTINEL,
  SENTINEL_GLOBAL,
  hostileDocuments,
  mimeTypeOf,
  type HostileDocument,
} from '../helpers/hostile-documents';
import { payloadsFor } from '../helpers/hostile/payloads';
import { test, expect, type DossierPage } from './fixtures';

/** The corpus is split so that two workers share it; each batch gets its own Dossier. */
const BATCHES = 4;

/** The attacker's host: every request that reaches it is recorded. */
let attacker: { server: Server; origin: string; requests: string[] };

test.beforeAll(async () => {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.end('');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  attacker = { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
});

test.afterAll(async () => {
  attacker.server.closeAllConnections();
  await new Promise((resolve) => attacker.server.close(resolve));
});

/** Everything a payload could do that the page can report; `current` names the document being shown. */
function watch(page: Page, context: BrowserContext, appOrigin: () => string | null) {
  const seen: string[] = [];
  let current = 'start';
  let ready = false;
  const note = (what: string) => seen.push(`${current}: ${what}`);
  const isOwn = (url: string) => {
    const origin = appOrigin();
    // The app's own favicon is the empty data: URL of renderer/index.html.
    return url === 'data:,' || (origin !== null && new URL(url).origin === origin);
  };
  context.on('request', (request) => {
    if (!isOwn(request.url())) note(`request ${request.method()} ${request.url()}`);
  });
  page.on('dialog', (dialog) => {
    note(`dialog ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on('console', (message) => {
    if (message.text().includes(SENTINEL)) note(`console ${message.text()}`);
  });
  page.on('pageerror', (error) => note(`page error ${error.message}`));
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) note(`frame navigated to ${frame.url()}`);
    else if (ready || !isOwn(frame.url())) note(`navigated to ${frame.url()}`);
  });
  page.on('frameattached', (frame) => note(`frame attached ${frame.url()}`));
  context.on('page', (opened) => note(`window opened ${opened.url()}`));
  return {
    seen,
    showing(id: string) {
      current = id;
    },
    loaded() {
      ready = true;
    },
    /** The test itself opens the app again: the navigations that makes are expected. */
    async reloading(open: () => Promise<void>) {
      ready = false;
      await open();
      ready = true;
    },
  };
}

/** Stops anything not addressed to the app before it leaves the browser (it is still reported). */
async function blockForeignRequests(context: BrowserContext, appOrigin: () => string | null): Promise<void> {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const origin = appOrigin();
    if (origin !== null && url.startsWith(`${origin}/`)) return route.continue();
    return route.abort('blockedbyclient');
  });
}

/**
 * Where the passage is on screen: from before its first character to after its last, also when link marks
 * split it over several text nodes (fixtures' selectWithMouse wants one node). Null when it is not shown.
 */
function passagePoints(root: Element, text: string) {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  const at = nodes
    .map((node) => node.data)
    .join('')
    .indexOf(text);
  if (at < 0) return null;
  const rectOf = (offset: number) => {
    let before = 0;
    for (const node of nodes) {
      if (offset < before + node.data.length) {
        const range = document.createRange();
        range.setStart(node, offset - before);
        range.setEnd(node, offset - before + 1);
        return range.getBoundingClientRect();
      }
      before += node.data.length;
    }
    throw new Error('offset past the end of the text');
  };
  const start = rectOf(at);
  const end = rectOf(at + text.length - 1);
  return {
    from: { x: start.left + 1, y: start.top + start.height / 2 },
    to: { x: end.right - 1, y: end.top + end.height / 2 },
  };
}

/** The passage's points once the layout has settled (two frames in a row agree): the reader may still move. */
async function settledPoints(app: DossierPage, passage: string) {
  let previous = '';
  for (let frame = 0; frame < 20; frame++) {
    await app.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    const points = await app.readerText().evaluate(passagePoints, passage);
    if (!points) throw new Error(`Passage not found in the reader: ${passage}`);
    if (JSON.stringify(points) === previous) return points;
    previous = JSON.stringify(points);
  }
  throw new Error('The reader kept moving');
}

/** Selects the passage with the real mouse; the selection is read back, and made again if the page moved. */
async function selectPassage(app: DossierPage, passage: string): Promise<void> {
  const page = app.page;
  await app.readerText().evaluate((root, text) => {
    const block = [...root.querySelectorAll('[data-start]')].find((b) => b.textContent?.includes(text));
    block?.scrollIntoView({ block: 'center' });
  }, passage);
  for (let attempt = 1; ; attempt++) {
    const points = await settledPoints(app, passage);
    await page.mouse.move(points.from.x, points.from.y);
    await page.mouse.down();
    await page.mouse.move(points.to.x, points.to.y, { steps: 3 });
    await page.mouse.up();
    const selected = await page.evaluate(() => window.getSelection()?.toString().replace(/\s+/g, ' ').trim());
    if (selected === passage) return;
    if (attempt === 3) throw new Error(`The mouse selected "${selected}" instead of the passage`);
    // Close the toolbar over the text, and try again where the passage is now.
    await page.keyboard.press('Escape');
  }
}

/** Elements the reader never draws for a document: if one appears, imported markup reached the page. */
const FOREIGN_ELEMENTS =
  'a, img, image, iframe, frame, object, embed, script, style, link, meta, base, svg, math, form, input, ' +
  'button, textarea, select, video, audio, source, picture, template, webview, portal, noscript';

/** Opens the document from the library, found by its case token, as a researcher would. */
async function openDocument(app: DossierPage, document: HostileDocument): Promise<void> {
  await app.page.getByRole('searchbox', { name: 'Filter documents' }).fill(document.id);
  await expect(app.documents()).toHaveCount(1);
  await app.documents().first().click();
  await expect(app.readerText()).toContainText(document.id);
}

/**
 * What the page shows of the open document, read at once: its one highlight (listed and painted on exactly
 * the benign sentence), no element drawn from imported markup, and no sentinel.
 */
async function expectShownSafely(app: DossierPage): Promise<void> {
  const expected = {
    listed: [BENIGN_SENTENCE],
    painted: [BENIGN_SENTENCE],
    foreignElements: 0,
    sentinel: 'absent',
  };
  await expect
    .poll(() =>
      app.page.evaluate(
        ({ foreign, sentinel }) => {
          const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
          const options = document.querySelectorAll(
            '[role="listbox"][aria-label="Highlights"] [role="option"]',
          );
          return {
            listed: [...options].map(
              (o) => o.querySelector('.highlight-quote')?.textContent ?? o.textContent,
            ),
            painted: [...(registry.get('dossier-yellow') ?? [])].map((range) => range.toString()),
            foreignElements: document.querySelector('[data-testid="reader-text"]')!.querySelectorAll(foreign)
              .length,
            sentinel: sentinel in window ? 'set' : 'absent',
          };
        },
        { foreign: FOREIGN_ELEMENTS, sentinel: SENTINEL_GLOBAL },
      ),
    )
    .toEqual(expected);
}

/**
 * A third of the documents, and every one whose payload sits among the sentence's words, are highlighted
 * with the mouse; the others get their highlight through the API before they are opened, which the reader
 * must then paint on the same words. (Selecting by mouse in all of them would take minutes.)
 */
function highlightedByMouse(document: HostileDocument, index: number): boolean {
  return document.inSentence === true || index % 3 === 0;
}

/** Highlights the benign sentence through the local server's API, as the renderer would. */
async function highlightThroughApi(
  page: Page,
  appOrigin: string,
  documents: HostileDocument[],
): Promise<void> {
  const call = async (operation: string, input: object) => {
    const response = await page.request.post(`${appOrigin}/api/${operation}`, { data: input });
    expect(response.status(), operation).toBe(200);
    return ((await response.json()) as { result: unknown }).result;
  };
  const listed = (await call('documents.list', {})) as { id: string; fileName: string }[];
  for (const document of documents) {
    const id = listed.find((d) => d.fileName === document.fileName)?.id;
    expect(id, document.fileName).toBeDefined();
    const { text } = (await call('documents.get', { id: id! })) as { text: string };
    const start = text.indexOf(BENIGN_SENTENCE);
    await call('highlights.create', { documentId: id!, start, end: start + BENIGN_SENTENCE.length });
  }
}

let corpus: HostileDocument[] | undefined;
async function batch(index: number): Promise<HostileDocument[]> {
  corpus ??= await hostileDocuments({ attacker: attacker.origin });
  return corpus.filter((_, i) => i % BATCHES === index);
}

for (let index = 0; index < BATCHES; index++) {
  test(`hostile documents, batch ${index + 1} of ${BATCHES}: imported, shown and highlighted, and nothing runs, loads or navigates`, async ({
    app,
    dossier,
    page,
    context,
  }) => {
    test.setTimeout(300_000);
    const documents = await batch(index);
    const appOrigin = new URL(dossier.url).origin;
    const watcher = watch(page, context, () => appOrigin);
    await blockForeignRequests(context, () => appOrigin);
    const served = page.waitForResponse((r) => r.request().isNavigationRequest() && r.status() === 200);
    await app.open();
    const headers = (await served).headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("object-src 'none'");
    watcher.loaded();

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import files…' }).first().click();
    await (
      await chooser
    ).setFiles(
      documents.map((d) => ({ name: d.fileName, mimeType: mimeTypeOf(d), buffer: Buffer.from(d.bytes) })),
    );
    await expect(page.getByRole('status').filter({ hasText: `${documents.length} imported` })).toBeVisible({
      timeout: 120_000,
    });
    await expect(page.getByRole('heading', { name: `Library (${documents.length})` })).toBeVisible();

    const byMouse = new Set(documents.filter((d) => highlightedByMouse(d, corpus!.indexOf(d))));
    await highlightThroughApi(
      page,
      appOrigin,
      documents.filter((d) => !byMouse.has(d)),
    );
    // The app opened the first document it imported; opened again, it shows what the API added too.
    await watcher.reloading(() => app.open());

    for (const document of documents) {
      watcher.showing(`${document.id} (${document.format}, ${document.description})`);
      await test.step(`${document.id}: ${document.description}`, async () => {
        await openDocument(app, document);
        if (byMouse.has(document)) {
          await selectPassage(app, BENIGN_SENTENCE);
          await page.keyboard.press('h');
        }
        await expectShownSafely(app);
      });
    }
    watcher.showing('end');
    await expect(page).toHaveTitle('Dossier');
    await expect(page.locator('iframe, frame, object, embed, webview, portal')).toHaveCount(0);
    expect(watcher.seen).toEqual([]);
    expect(attacker.requests).toEqual([]);
  });
}

test('the watch is real: a payload that runs in a page is seen by every watcher', async ({
  page,
  context,
}) => {
  const watcher = watch(page, context, () => null);
  await blockForeignRequests(context, () => null);
  const p = payloadsFor('control', { attacker: attacker.origin });
  await page.setContent(`<p>Control</p><img src="x" onerror="${p.js('control')}">`);
  await expect
    .poll(() =>
      page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], SENTINEL_GLOBAL),
    )
    .toBe(1);
  await expect.poll(() => watcher.seen.some((s) => s.includes('dialog alert PWNED:control'))).toBe(true);
  expect(watcher.seen.some((s) => s.includes('console PWNED:control'))).toBe(true);
  expect(watcher.seen.some((s) => s.includes(`request GET ${attacker.origin}/control/control`))).toBe(true);
  // Blocked in the browser: the attacker never heard of it.
  expect(attacker.requests).toEqual([]);
});
