// The properties a team relies on when it merges (issue 8), checked with fast-check on random work done by
// two teammates after they shared a project: merging the same file twice changes nothing the second time;
// A merged with B and B merged with A end with the same content; nothing either of them made is lost; and a
// project exported, opened and exported again gives the same file apart from the export time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DossierApp } from '../../../../electron/app';
import { directClient } from '../../../../electron/dispatch';
import { readDossierFile } from '../../../../electron/exchange/read';
import { openZip } from '../../../../electron/exchange/zip';
import { createProjectFromStaged } from '../../../../electron/services/exchange';
import { importText, makeApp, type Call } from '../../helpers/app';
import { exportTo, mergeFile, projectContent, staleSearchRows } from '../../helpers/exchange';
import { tempDir } from '../../helpers/temp';

const TEXTS = [
  'Trust between Russia and Venezuela is a key element of bilateral ties, Rogozin said in Caracas.',
  'De Nederlandse regering heeft op 16 februari 2022 nieuwe sancties aangekondigd tegen Moskou.',
  'Báo Thanh niên đưa tin về các thỏa thuận hợp tác năng lượng được ký kết tại Hà Nội.',
];
/** Articles each teammate may import on their own: the same text on both sides must become one document. */
const LATER_TEXTS = [
  'Maduro said Russian military experts arrived to service equipment bought years ago.',
  'Lavrov met Rodríguez in Moscow; both sides praised the strategic partnership.',
];
const TAG_NAMES = ['Actors', 'actors', 'Places', 'Claims to check'];
const STATUSES = ['unverified', 'supported', 'disputed', 'refuted', 'unclear'] as const;

type Op =
  | { kind: 'highlight'; doc: number; at: number; length: number; note: string }
  | { kind: 'note'; item: number; note: string }
  | { kind: 'deleteHighlight'; item: number }
  | { kind: 'tag'; name: number; parent: number | null }
  | { kind: 'applyTag'; tag: number; item: number }
  | { kind: 'claim'; item: number; statement: string }
  | { kind: 'status'; item: number; status: number }
  | { kind: 'deleteClaim'; item: number }
  | { kind: 'event'; title: string; claim: number }
  | { kind: 'import'; text: number }
  | { kind: 'retitle'; doc: number; title: string };

const small = fc.nat({ max: 20 });
const words = fc.constantFrom(
  'checked',
  'disputed by officials',
  'needs a second source',
  'Ok',
  'Ǳ ünïcode ✓',
);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('highlight' as const),
    doc: small,
    at: fc.nat({ max: 60 }),
    length: fc.integer({ min: 1, max: 25 }),
    note: words,
  }),
  fc.record({ kind: fc.constant('note' as const), item: small, note: words }),
  fc.record({ kind: fc.constant('deleteHighlight' as const), item: small }),
  fc.record({
    kind: fc.constant('tag' as const),
    name: fc.nat({ max: TAG_NAMES.length - 1 }),
    parent: fc.option(small, { nil: null }),
  }),
  fc.record({ kind: fc.constant('applyTag' as const), tag: small, item: small }),
  fc.record({ kind: fc.constant('claim' as const), item: small, statement: words }),
  fc.record({
    kind: fc.constant('status' as const),
    item: small,
    status: fc.nat({ max: STATUSES.length - 1 }),
  }),
  fc.record({ kind: fc.constant('deleteClaim' as const), item: small }),
  fc.record({ kind: fc.constant('event' as const), title: words, claim: small }),
  fc.record({ kind: fc.constant('import' as const), text: fc.nat({ max: LATER_TEXTS.length - 1 }) }),
  fc.record({ kind: fc.constant('retitle' as const), doc: small, title: words }),
);

const liveIds = (app: DossierApp, table: string) =>
  app.project.db
    .prepare(`SELECT id FROM ${table} WHERE deleted_at IS NULL ORDER BY id`)
    .pluck()
    .all() as string[];
const pick = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);

async function perform(app: DossierApp, call: Call, o: Op): Promise<void> {
  try {
    switch (o.kind) {
      case 'highlight': {
        const doc = pick(liveIds(app, 'documents'), o.doc);
        if (!doc) return;
        const { text } = await call('documents.get', { id: doc });
        const start = Math.min(o.at, text.length - 1);
        await call('highlights.create', {
          documentId: doc,
          start,
          end: Math.min(text.length, start + o.length),
          note: o.note,
        });
        return;
      }
      case 'note': {
        const id = pick(liveIds(app, 'highlights'), o.item);
        if (id) await call('highlights.update', { id, note: o.note });
        return;
      }
      case 'deleteHighlight': {
        const id = pick(liveIds(app, 'highlights'), o.item);
        if (id) await call('highlights.delete', { id });
        return;
      }
      case 'tag': {
        const parentId = o.parent === null ? null : (pick(liveIds(app, 'tags'), o.parent) ?? null);
        await call('tags.create', { name: TAG_NAMES[o.name]!, parentId });
        return;
      }
      case 'applyTag': {
        const tagId = pick(liveIds(app, 'tags'), o.tag);
        const highlight = pick(liveIds(app, 'highlights'), o.item);
        if (tagId && highlight) await call('tags.apply', { tagId, highlightIds: [highlight] });
        return;
      }
      case 'claim': {
        const highlightId = pick(liveIds(app, 'highlights'), o.item);
        if (highlightId) await call('claims.create', { passage: { highlightId }, statement: o.statement });
        return;
      }
      case 'status': {
        const id = pick(liveIds(app, 'claims'), o.item);
        if (id) await call('claims.update', { id, status: STATUSES[o.status]! });
        return;
      }
      case 'deleteClaim': {
        const id = pick(liveIds(app, 'claims'), o.item);
        if (id) await call('claims.delete', { id });
        return;
      }
      case 'event': {
        const event = await call('events.create', { title: o.title, start: '2022-02' });
        const claimId = pick(liveIds(app, 'claims'), o.claim);
        if (claimId) await call('events.linkClaim', { eventId: event.id, claimId, relation: 'supports' });
        return;
      }
      case 'retitle': {
        const id = pick(liveIds(app, 'documents'), o.doc);
        if (id) await call('documents.updateMetadata', { id, changes: { title: o.title } });
        return;
      }
      case 'import':
        await call('documents.importFile', {
          fileName: `later-${o.text}.txt`,
          dataBase64: Buffer.from(LATER_TEXTS[o.text]!, 'utf8').toString('base64'),
        });
        return;
    }
  } catch (error) {
    // A refused action (a tag name taken among its siblings) is what a user would see too; go on.
    if ((error as { name?: string }).name !== 'DossierError') throw error;
  }
}

/** Teammate A's project, and B's opened from A's file: the same rows and ids to start from. */
async function teammates() {
  const a = makeApp();
  const docs = [];
  for (const [i, text] of TEXTS.entries()) docs.push(await importText(a.call, `article-${i}.txt`, text));
  // Work they share before they part, so that both can change the same rows.
  const tag = await a.call('tags.create', { name: 'Shared' });
  for (const doc of docs) {
    const highlight = await a.call('highlights.create', {
      documentId: doc.id,
      start: 0,
      end: 10,
      note: 'shared',
    });
    const claim = await a.call('claims.create', {
      passage: { highlightId: highlight.id },
      statement: `About ${doc.id}`,
    });
    await a.call('tags.apply', { tagId: tag.id, highlightIds: [highlight.id], claimIds: [claim.id] });
  }
  const staged = await readDossierFile(await exportTo(a.app.project));
  const pathB = join(tempDir(), 'b.sqlite');
  try {
    createProjectFromStaged(staged, pathB);
  } finally {
    staged.close();
  }
  const app = new DossierApp({ projectPath: pathB, env: { DOSSIER_HOME: tempDir() } });
  const b = { app, call: directClient(app.dispatch) };
  // The same article imported by each on their own: two ids for one text, to become one document.
  for (const side of [a, b]) {
    const copy = await importText(side.call, 'both.txt', LATER_TEXTS[0]!);
    await side.call('highlights.create', { documentId: copy.id, start: 0, end: 6 });
  }
  return { a, b };
}

const ENTITY_TABLES = ['documents', 'highlights', 'tags', 'claims', 'events'];

/** Keys of rows, and which of them are live, per table. */
function keysOf(app: DossierApp) {
  const keys = new Map<string, Map<string, boolean>>();
  for (const table of ENTITY_TABLES) {
    const rows = app.project.db.prepare(`SELECT id, deleted_at IS NULL AS live FROM ${table}`).all() as {
      id: string;
      live: number;
    }[];
    keys.set(table, new Map(rows.map((r) => [r.id, r.live === 1])));
  }
  return keys;
}

/** Live rows that name a document or tag merged into another: they would be hidden from the user. */
function strandedRows(app: DossierApp): string[] {
  const merged = (table: string) => `SELECT id FROM ${table} WHERE merged_into IS NOT NULL`;
  return app.project.db
    .prepare(
      `SELECT 'highlight ' || id FROM highlights WHERE deleted_at IS NULL AND document_id IN (${merged('documents')})
       UNION ALL SELECT 'tag link ' || highlight_id FROM highlight_tags
         WHERE deleted_at IS NULL AND tag_id IN (${merged('tags')})
       UNION ALL SELECT 'claim tag ' || claim_id FROM claim_tags WHERE deleted_at IS NULL AND tag_id IN (${merged('tags')})
       UNION ALL SELECT 'child tag ' || id FROM tags WHERE deleted_at IS NULL AND parent_id IN (${merged('tags')})`,
    )
    .pluck()
    .all() as string[];
}

async function entriesOf(path: string): Promise<Map<string, string>> {
  const zip = await openZip(path);
  try {
    const entries = new Map<string, string>();
    for (const name of zip.entries.keys()) {
      let text = (await zip.readBuffer(name)).toString('base64');
      if (name === 'manifest.json') {
        const manifest = JSON.parse(await zip.readText(name)) as Record<string, unknown>;
        delete manifest.exportedAt;
        text = JSON.stringify(manifest);
      }
      entries.set(name, text);
    }
    return entries;
  } finally {
    zip.close();
  }
}

const RUNS = Number(process.env.DOSSIER_PROPERTY_RUNS ?? 15);

describe('merge properties', () => {
  it('hold for random work by two teammates', { timeout: 60_000 + RUNS * 5_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.boolean(), op), { minLength: 1, maxLength: 14 }),
        async (work) => {
          const { a, b } = await teammates();
          try {
            for (const [onA, o] of work) await perform(onA ? a.app : b.app, onA ? a.call : b.call, o);
            const beforeA = keysOf(a.app);
            const beforeB = keysOf(b.app);
            const fileA = await exportTo(a.app.project);
            const fileB = await exportTo(b.app.project);

            // A ⊕ B and B ⊕ A: the same content.
            await mergeFile(a.app.project, fileB);
            await mergeFile(b.app.project, fileA);
            expect(projectContent(a.app.project.db)).toEqual(projectContent(b.app.project.db));

            // Nothing live hangs on a row merged away: what was attached to a duplicate is on the survivor.
            for (const app of [a.app, b.app]) {
              expect(strandedRows(app)).toEqual([]);
              // Indexed in bulk, the same as indexed row by row.
              expect(staleSearchRows(app.project.db)).toEqual([]);
            }

            // The same file again: nothing changes.
            const before = projectContent(a.app.project.db);
            const again = await mergeFile(a.app.project, fileB);
            expect(again.preview.changes).toBe(0);
            expect(again.report.conflicts).toEqual([]);
            expect(projectContent(a.app.project.db)).toEqual(before);

            // Nothing lost: every row either made is there; what only one of them had is as they left it.
            const after = keysOf(a.app);
            for (const [side, other] of [
              [beforeA, beforeB],
              [beforeB, beforeA],
            ] as const) {
              for (const table of ENTITY_TABLES) {
                for (const [id, live] of side.get(table)!) {
                  expect(after.get(table)!.has(id), `${table} ${id}`).toBe(true);
                  const onlyHere = !other.get(table)!.has(id);
                  if (onlyHere && live && table !== 'documents' && table !== 'tags') {
                    expect(after.get(table)!.get(id), `${table} ${id} stays live`).toBe(true);
                  }
                }
              }
            }

            // Export → open as a new project → export: the same file apart from the export time.
            const first = await exportTo(a.app.project);
            const staged = await readDossierFile(first);
            const copy = join(tempDir(), 'copy.sqlite');
            try {
              createProjectFromStaged(staged, copy);
            } finally {
              staged.close();
            }
            const reopened = new DossierApp({ projectPath: copy, env: { DOSSIER_HOME: tempDir() } });
            try {
              const second = await exportTo(reopened.project);
              expect(await entriesOf(second)).toEqual(await entriesOf(first));
              expect(readFileSync(second).length).toBe(readFileSync(first).length);
            } finally {
              reopened.close();
            }
          } finally {
            a.app.close();
            b.app.close();
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
