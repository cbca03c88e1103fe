// Issue 9, hostile content, on the main side: every document of the hostile corpus goes through the import
// `dossier import` runs (importPaths over a folder), parsed in this process so that a payload that ran here
// would set the sentinel where this test looks. The payloads' "attacker" is a listener of this test, so a
// request from jsdom, mammoth or pdf.js is seen too. What is stored must be text and blocks only — the
// renderer draws those as text — with the benign sentence intact where a highlight lands on it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DossierApp } from '../../../../../electron/app';
import { directClient } from '../../../../../electron/dispatch';
import { importPaths } from '../../../../../electron/services/import-paths';
import { sha256 } from '../../../../../electron/services/ingest/index';
import type { DocumentDetail, ImportFileResult } from '../../../../../shared/domain';
import {
  BENIGN_SENTENCE,
  SENTINEL,
  SENTINEL_GLOBAL,
  hostileDocuments,
  type HostileDocument,
} from '../../../../helpers/hostile-documents';
import { payloadsFor } from '../../../../helpers/hostile/payloads';

/** The attacker's host: records every connection and request made to it. */
interface Canary {
  origin: string;
  requests: string[];
  connections: number;
  server: Server;
}

async function startCanary(): Promise<Canary> {
  const canary = { requests: [] as string[], connections: 0 } as Canary;
  canary.server = createServer((req, res) => {
    canary.requests.push(`${req.method} ${req.url}`);
    res.end('');
  });
  canary.server.on('connection', () => canary.connections++);
  await new Promise<void>((resolve) => canary.server.listen(0, '127.0.0.1', resolve));
  canary.origin = `http://127.0.0.1:${(canary.server.address() as AddressInfo).port}`;
  return canary;
}

const sentinel = () => (globalThis as Record<string, unknown>)[SENTINEL_GLOBAL];

let canary: Canary;
let folder: string;
let app: DossierApp;
let corpus: HostileDocument[];
let results: ImportFileResult[];
const stored = new Map<string, DocumentDetail>();

beforeAll(async () => {
  canary = await startCanary();
  corpus = await hostileDocuments({ attacker: canary.origin });
  folder = mkdtempSync(join(tmpdir(), 'dossier-hostile-'));
  mkdirSync(join(folder, 'corpus'));
  for (const document of corpus) writeFileSync(join(folder, 'corpus', document.fileName), document.bytes);
  app = new DossierApp({ projectPath: join(folder, 'project.sqlite'), env: { DOSSIER_HOME: folder } });
  // No worker pool: files are parsed in this process, where the sentinel is looked for.
  ({ results } = await importPaths(app.project, [join(folder, 'corpus')], {
    maxFileBytes: 50 * 1024 * 1024,
  }));
  const call = directClient(app.dispatch);
  for (const result of results) {
    if (result.status === 'imported') {
      stored.set(result.fileName, await call('documents.get', { id: result.document.id }));
    }
  }
  // A fetch started by a payload would still be on its way.
  await new Promise((resolve) => setTimeout(resolve, 200));
}, 180_000);

afterAll(async () => {
  app?.close();
  canary?.server.closeAllConnections();
  await new Promise((resolve) => canary?.server.close(resolve));
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the hostile corpus', () => {
  it('has at least 150 documents in every format and category, each with its own token', async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    const formats = new Set(corpus.map((d) => d.format));
    expect([...formats].sort()).toEqual(['docx', 'html', 'markdown', 'mhtml', 'pdf', 'svg']);
    const categories = new Set(corpus.map((d) => d.category));
    for (const category of [
      'script',
      'event-handler',
      'javascript-url',
      'data-url',
      'base',
      'meta-refresh',
      'iframe',
      'object',
      'css',
      'srcset',
      'form',
      'link-prefetch',
      'electron',
      'mxss',
      'svg',
      'font-matrix',
      'pdf-action',
    ] as const) {
      expect(categories, category).toContain(category);
    }
    expect(new Set(corpus.map((d) => d.id)).size).toBe(corpus.length);
    expect(new Set(corpus.map((d) => d.fileName)).size).toBe(corpus.length);
    // The same options make the same bytes: a failure can be reproduced from its case token.
    const again = await hostileDocuments({ attacker: canary.origin });
    const fingerprint = (d: HostileDocument) => `${d.fileName} ${sha256(d.bytes)}`;
    expect(again.map(fingerprint)).toEqual(corpus.map(fingerprint));
  });

  it('imports every document', () => {
    const notImported = results.filter((r) => r.status !== 'imported');
    expect(notImported).toEqual([]);
    expect(stored.size).toBe(corpus.length);
  });

  it('ran no payload and fetched nothing while importing', () => {
    expect(sentinel()).toBeUndefined();
    expect(canary.requests).toEqual([]);
    expect(canary.connections).toBe(0);
  });

  it('is watched: a payload that runs here sets the sentinel and reaches the attacker', async () => {
    new Function(payloadsFor('control', { attacker: canary.origin }).js('control'))();
    expect(sentinel()).toBe(1);
    delete (globalThis as Record<string, unknown>)[SENTINEL_GLOBAL];
    await expect.poll(() => canary.requests).toEqual(['GET /control/control']);
  });

  it('keeps the benign sentence whole, once, in a block the reader shows, and a highlight takes exactly it', async () => {
    const call = directClient(app.dispatch);
    const failures: string[] = [];
    for (const document of corpus) {
      const detail = stored.get(document.fileName)!;
      const at = detail.text.indexOf(BENIGN_SENTENCE);
      const end = at + BENIGN_SENTENCE.length;
      const holders = detail.blocks.filter((b) => b.start <= at && end <= b.end);
      if (at < 0 || detail.text.indexOf(BENIGN_SENTENCE, at + 1) >= 0)
        failures.push(`${document.id}: sentence`);
      else if (holders.length !== 1 || holders[0]!.boilerplate) failures.push(`${document.id}: block`);
      else {
        const highlight = await call('highlights.create', { documentId: detail.id, start: at, end });
        if (highlight.quote.exact !== BENIGN_SENTENCE) failures.push(`${document.id}: highlight`);
      }
      if (!detail.text.includes(document.id)) failures.push(`${document.id}: case token`);
    }
    expect(failures).toEqual([]);
  });

  it('stores text and blocks only: no script text, no markup, links only to the web', () => {
    const failures: string[] = [];
    const blockKeys = new Set(['type', 'start', 'end', 'level', 'marks', 'boilerplate', 'page']);
    for (const document of corpus) {
      const detail = stored.get(document.fileName)!;
      const fail = (what: string) => failures.push(`${document.id} (${document.description}): ${what}`);
      if (!document.payloadAsText) {
        for (const trace of [
          SENTINEL,
          SENTINEL_GLOBAL,
          '<script',
          'onerror=',
          'javascript:',
          canary.origin,
        ]) {
          if (detail.text.includes(trace)) fail(`text contains ${trace}`);
        }
      }
      for (const block of detail.blocks) {
        const extra = Object.keys(block).filter((key) => !blockKeys.has(key));
        if (extra.length > 0) fail(`block has ${extra.join(', ')}`);
        for (const mark of block.marks ?? []) {
          if (!/^(?:https?|mailto):/i.test(mark.href ?? '')) fail(`link to ${mark.href}`);
        }
      }
      if (detail.url !== null && !/^https?:\/\//.test(detail.url)) fail(`url ${detail.url}`);
    }
    expect(failures).toEqual([]);
  });

  it('shows markup in titles and properties as the words it is, never as a link or an element', () => {
    const word = corpus.find((d) => d.description === 'Word properties carrying markup')!;
    const detail = stored.get(word.fileName)!;
    expect(detail.title).toMatch(/^<img src=x onerror=/);
    expect(detail.authors[0]).toMatch(/^<script>/);
  });
});
