// docs/dossier-format.schema.json is what scripts/dossier-format-schema.ts generates from the zod schemas of
// electron/exchange/format.ts (so it cannot drift from the reader), and a real export is valid against it.
// Validation is by Ajv (draft 2020-12) with format validation off: ajv-formats is not installed, and the
// schema repeats every format (uuid, date-time) as the pattern Dossier itself checks.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASES_ENTRY, MANIFEST_ENTRY, TABLES, rowsEntry } from '../../../electron/exchange/format';
import { openZip } from '../../../electron/exchange/zip';
import {
  REGENERATE_COMMAND,
  SCHEMA_FILE,
  dossierFormatSchema,
  renderDossierFormatSchema,
} from '../../../scripts/dossier-format-schema';
import { importText, makeApp } from '../helpers/app';
import { exportTo } from '../helpers/exchange';

type Row = Record<string, unknown>;

function validators(schema: object): (def: string) => ValidateFunction {
  // strict: unknown keywords or malformed schemas fail here, not silently in someone's tool.
  const ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: true });
  ajv.addSchema(schema, 'dossier');
  return (def) => {
    const validate = ajv.getSchema(`dossier#/$defs/${def}`);
    if (!validate) throw new Error(`the schema has no $defs.${def}`);
    return validate;
  };
}

const errorsOf = (validate: ValidateFunction) =>
  (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');

/** A small project with a row in every table, exported; the file's entries read back. */
async function exportedProject() {
  const { app, call } = makeApp();
  const article = await importText(
    call,
    'minister.txt',
    'Talks failed\n\nThe minister said on 3 March 2019 that the talks had failed. 🙂\n\nA second paragraph.',
  );
  const notes = await importText(
    call,
    'notes.md',
    '# Notes\n\nA [source](https://example.org/report) in *markdown*.\n\n- first item\n- second item\n',
  );
  const { text } = await call('documents.get', { id: article.id });
  const start = text.indexOf('The minister');
  const highlight = await call('highlights.create', {
    documentId: article.id,
    start,
    end: start + 'The minister said'.length,
    color: 'green',
    note: 'Who?',
  });
  const gone = await call('highlights.create', { documentId: notes.id, start: 0, end: 5 });
  await call('highlights.delete', { id: gone.id }); // a tombstone
  const tag = await call('tags.createPath', { names: ['Actors', 'Ministers'] });
  const minister = await call('entities.create', {
    kind: 'person',
    name: 'The minister',
    aliases: ['Minister'],
  });
  const caracas = await call('entities.create', { kind: 'place', name: 'Caracas' });
  const claim = await call('claims.create', {
    passage: { highlightId: highlight.id },
    statement: 'The talks failed',
    claimantId: minister.id,
    claimDate: '2019-03-03',
    status: 'supported',
  });
  await call('tags.apply', { tagId: tag.id, highlightIds: [highlight.id], claimIds: [claim.id] });
  const event = await call('events.create', {
    title: 'Talks fail',
    start: '~2019-03',
    placeId: caracas.id,
    actorIds: [minister.id],
    tagIds: [tag.id],
  });
  await call('events.linkClaim', { eventId: event.id, claimId: claim.id, relation: 'supports' });
  await call('searches.save', { name: 'Ministers', query: 'minister' });

  const zip = await openZip(await exportTo(app.project));
  try {
    const manifest = JSON.parse(await zip.readText(MANIFEST_ENTRY)) as Row;
    const rows = new Map<string, Row[]>();
    for (const table of TABLES) {
      const lines: Row[] = [];
      for await (const line of zip.lines(rowsEntry(table.name))) lines.push(JSON.parse(line) as Row);
      rows.set(table.name, lines);
    }
    return { manifest, rows, names: [...zip.entries.keys()] };
  } finally {
    zip.close();
  }
}

describe('docs/dossier-format.schema.json', () => {
  it('is what scripts/dossier-format-schema.ts generates from electron/exchange/format.ts', async () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(
      committed,
      `docs/dossier-format.schema.json is out of date with electron/exchange/format.ts: run ${REGENERATE_COMMAND}`,
    ).toBe(await renderDossierFormatSchema());
    expect(JSON.parse(committed)).toEqual(dossierFormatSchema());
  });

  it('has a definition for the manifest and for every table, named by table, and says what it cannot express', () => {
    const schema = dossierFormatSchema() as { $defs: Record<string, { title: string }>; description: string };
    expect(Object.keys(schema.$defs)).toEqual(['manifest', ...TABLES.map((t) => t.name)]);
    for (const table of TABLES) expect(schema.$defs[table.name]!.title).toBe(rowsEntry(table.name));
    // Only the partial dates are checked beyond what JSON Schema says (shared/dates.ts: real months and days).
    const unexpressed =
      /Not expressed here and checked by Dossier: (.*)\.$/.exec(schema.description)?.[1] ?? '';
    for (const item of unexpressed.split('; ').filter(Boolean)) {
      expect(item).toMatch(/\/(published|claim_date|date_start|date_end)(\/|\s)/);
    }
  });

  describe('against a real export', () => {
    let exported: Awaited<ReturnType<typeof exportedProject>>;
    let def: (name: string) => ValidateFunction;
    beforeAll(async () => {
      exported = await exportedProject();
      def = validators(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
    });

    it('validates the manifest and every row of every table', () => {
      const manifest = def('manifest');
      expect(manifest(exported.manifest), errorsOf(manifest)).toBe(true);
      for (const table of TABLES) {
        const rows = exported.rows.get(table.name)!;
        expect(rows.length, `${table.name} has rows to validate`).toBeGreaterThan(0);
        const validate = def(table.name);
        for (const row of rows) expect(validate(row), `${table.name}: ${errorsOf(validate)}`).toBe(true);
      }
      // Every rows entry but the merge bases has a definition.
      const rowEntries = exported.names.filter((n) => n.startsWith('rows/') && n !== BASES_ENTRY);
      expect(rowEntries).toEqual(TABLES.map((t) => rowsEntry(t.name)));
    });

    it('rejects a row or a manifest with a wrong type, a missing column or a value out of range', () => {
      const highlights = def('highlights');
      const highlight = exported.rows.get('highlights')![0]!;
      expect(highlights(highlight)).toBe(true);
      expect(highlights({ ...highlight, pos_start: String(highlight.pos_start) })).toBe(false);
      expect(errorsOf(highlights)).toContain('/pos_start must be integer');
      expect(highlights({ ...highlight, pos_end: -1 })).toBe(false);
      expect(highlights({ ...highlight, color: 'ultraviolet' })).toBe(false);
      const { note: _note, ...noNote } = highlight;
      expect(highlights(noNote)).toBe(false);
      expect(highlights({ ...highlight, id: 'not-a-uuid' })).toBe(false);
      expect(highlights({ ...highlight, updated_at: '27/11/2026' })).toBe(false);

      const documents = def('documents');
      const document = exported.rows.get('documents')![0]!;
      expect(documents({ ...document, published: 'March 2019' })).toBe(false);
      expect(documents({ ...document, authors: 'A. Writer' })).toBe(false);

      const manifest = def('manifest');
      expect(manifest({ ...exported.manifest, formatVersion: 1 })).toBe(false);
      expect(manifest({ ...exported.manifest, format: 'something-else' })).toBe(false);
    });

    it('accepts fields it does not know, as a reader of a later minor version must', () => {
      const claims = def('claims');
      expect(claims({ ...exported.rows.get('claims')![0]!, confidence: 0.9 })).toBe(true);
      expect(def('manifest')({ ...exported.manifest, signedBy: 'someone' })).toBe(true);
    });
  });
});
