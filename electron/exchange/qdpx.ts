// REFI-QDA projects (.qdpx) in and out (issue 8), so work moves between Dossier and NVivo, ATLAS.ti, MAXQDA
// and QualCoder. qdpx-xml.ts reads and writes project.qde; this module maps it to Dossier's rows.
//
// Out: documents become text sources (their canonical text in sources/<id>.txt), tags the codebook, highlights
// plain-text selections with their codes, highlight notes and claims memos (notes) on their selections.
// In: a project becomes a staged file in the .dossier shape (read.ts), so it goes through the same checks,
// preview and merge: sources become documents, codes tags, codings tags on highlights, memos on a selection its
// note, a code's memos its description. Ids come from the file's GUIDs (or are derived from them), and times
// from its dates, so importing the same file twice changes nothing the second time. What Dossier cannot
// represent (pictures, audio, video, PDF regions, memos on whole documents, users) is listed in the report.
import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import { TAG_COLORS, type TagColor } from '../../shared/annotations';
import { describeRange } from '../../shared/anchoring';
import { Id } from '../../shared/domain';
import { DossierError } from '../../shared/errors';
import type { Job } from '../jobs';
import type { Project } from '../project';
import { structurePlainText } from '../services/ingest/text';
import { APP_VERSION } from '../version';
import { writeArchive, type ExportSummary } from './export';
import { FORMAT_VERSION, TABLE_BY_NAME, type Manifest } from './format';
import {
  codePointToUtf16,
  internalPathName,
  nameGuid,
  parseProjectQde,
  utf16ToCodePoint,
  writeProjectQde,
  type QdaCode,
  type QdaNote,
  type QdaProject,
  type QdaSelection,
  type QdaTextSource,
  type QdaUnsupported,
} from './qdpx-xml';
import { StagedChecks, createStaging, type StagedFile } from './read';
import { canonicalJson, rowKey, sha256Hex, type FileRow } from './rows';
import { openZip, type SafeZip } from './zip';

export const QDE_ENTRY = 'project.qde';
const MAX_QDE_BYTES = 512 * 1024 * 1024;
const MAX_SOURCE_BYTES = 256 * 1024 * 1024;

/** The palette's colours as the app draws them (renderer/features/codebook/codebook.css). */
const TAG_HEX: Record<TagColor, string> = {
  gray: '#8A9099',
  red: '#D23F3A',
  orange: '#E07A1F',
  yellow: '#C9A000',
  green: '#2E9E5B',
  teal: '#13948F',
  blue: '#3B76D1',
  purple: '#8654D2',
  pink: '#D2478E',
};

const sourceEntry = (name: string) => `sources/${name}`;

// ---------------------------------------------------------------------------------------------------------
// Export

interface ScopeLike {
  documentIds: string[];
}

export async function exportQdpxFile(
  project: Project,
  path: string,
  options: { scope: ScopeLike | null; job: Job },
): Promise<ExportSummary> {
  return writeArchive(project, path, async (snapshot, zip) => {
    const model = projectModel(snapshot, options.scope);
    options.job.check();
    const entries: Promise<unknown>[] = [zip.add(QDE_ENTRY, writeProjectQde(model.project))];
    const textOf = snapshot.prepare(`SELECT text FROM document_texts WHERE document_id = ?`).pluck();
    model.project.sources.forEach((source, i) => {
      entries.push(
        zip.add(
          sourceEntry(`${source.guid}.txt`),
          (function* text() {
            options.job.check();
            options.job.report({ phase: 'sources', done: i, total: model.project.sources.length });
            yield textOf.get(source.guid) as string;
          })(),
        ),
      );
    });
    await Promise.all(entries);
    return model.counts;
  });
}

interface HighlightRow {
  id: string;
  document_id: string;
  pos_start: number;
  pos_end: number;
  note: string;
  created_at: string;
}

/** The project as a REFI-QDA model: live documents, tags, highlights; notes and claims as memos. */
function projectModel(db: Database, scope: ScopeLike | null) {
  const name =
    (db.prepare(`SELECT value FROM project WHERE key = 'name'`).pluck().get() as string) ?? 'Dossier';
  const projectId = db.prepare(`SELECT value FROM project WHERE key = 'id'`).pluck().get() as string;
  const userGuid = nameGuid(`dossier-user:${projectId}`);
  const inScope = scope ? new Set(scope.documentIds) : null;

  const tags = db
    .prepare(
      `SELECT id, parent_id, name, color, description FROM tags WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id`,
    )
    .all() as { id: string; parent_id: string | null; name: string; color: TagColor; description: string }[];
  const byParent = new Map<string | null, typeof tags>();
  for (const t of tags) byParent.set(t.parent_id, [...(byParent.get(t.parent_id) ?? []), t]);
  const code = (t: (typeof tags)[number]): QdaCode => ({
    guid: t.id,
    name: t.name,
    color: TAG_HEX[t.color] ?? TAG_HEX.gray,
    ...(t.description ? { description: t.description } : {}),
    isCodable: true,
    children: (byParent.get(t.id) ?? []).map(code),
  });
  const codes = (byParent.get(null) ?? []).map(code);

  const documents = (
    db
      .prepare(
        `SELECT d.id, coalesce(d.title, d.file_name) AS name, d.imported_at, d.updated_at, t.text
         FROM documents d JOIN document_texts t ON t.document_id = d.id
         WHERE d.deleted_at IS NULL ORDER BY d.imported_at, d.id`,
      )
      .all() as { id: string; name: string; imported_at: string; updated_at: string; text: string }[]
  ).filter((d) => !inScope || inScope.has(d.id));
  const highlightsOf = db.prepare(
    `SELECT id, document_id, pos_start, pos_end, note, created_at FROM highlights
     WHERE document_id = ? AND deleted_at IS NULL AND orphaned_at IS NULL ORDER BY pos_start, id`,
  );
  const tagsOf = db
    .prepare(
      `SELECT ht.tag_id FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id AND t.deleted_at IS NULL
       WHERE ht.highlight_id = ? AND ht.deleted_at IS NULL ORDER BY ht.tag_id`,
    )
    .pluck();
  const claimsOf = db.prepare(
    `SELECT c.id, c.statement, c.status, c.rationale, c.created_at FROM claim_passages cp
     JOIN claims c ON c.id = cp.claim_id AND c.deleted_at IS NULL
     WHERE cp.highlight_id = ? AND cp.deleted_at IS NULL ORDER BY c.id`,
  );
  const notes: QdaNote[] = [];
  const claimNotes = new Map<string, string>();
  let selections = 0;
  const sources: QdaTextSource[] = documents.map((d) => ({
    guid: d.id,
    name: d.name,
    plainTextPath: `internal://${d.id}.txt`,
    creatingUser: userGuid,
    creationDateTime: d.imported_at,
    modifiedDateTime: d.updated_at,
    selections: (highlightsOf.all(d.id) as HighlightRow[]).map((h): QdaSelection => {
      selections++;
      const noteGuids: string[] = [];
      if (h.note.trim()) {
        const guid = nameGuid(`highlight-note:${h.id}`);
        notes.push({
          guid,
          name: 'Note',
          text: h.note,
          creatingUser: userGuid,
          creationDateTime: h.created_at,
        });
        noteGuids.push(guid);
      }
      for (const c of claimsOf.all(h.id) as {
        id: string;
        statement: string;
        status: string;
        rationale: string;
        created_at: string;
      }[]) {
        let guid = claimNotes.get(c.id);
        if (!guid) {
          guid = nameGuid(`claim:${c.id}`);
          claimNotes.set(c.id, guid);
          const text = [c.statement, `Status: ${c.status}`, c.rationale.trim()].filter(Boolean).join('\n\n');
          notes.push({
            guid,
            name: `Claim: ${c.statement.slice(0, 80)}`,
            text,
            creatingUser: userGuid,
            creationDateTime: c.created_at,
          });
        }
        noteGuids.push(guid);
      }
      return {
        guid: h.id,
        start: utf16ToCodePoint(d.text, h.pos_start),
        end: utf16ToCodePoint(d.text, h.pos_end),
        creatingUser: userGuid,
        creationDateTime: h.created_at,
        codeGuids: tagsOf.all(h.id) as string[],
        noteGuids,
      };
    }),
  }));
  const project: QdaProject = {
    name,
    origin: `Dossier ${APP_VERSION}`,
    creatingUserGuid: userGuid,
    users: [{ guid: userGuid, name: 'Dossier user' }],
    codes,
    sources,
    notes,
    unsupported: [],
  };
  return {
    project,
    counts: { documents: sources.length, highlights: selections, tags: tags.length, notes: notes.length },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Import

const refuse = (message: string) => new DossierError('import_refused', message);

/** Reads a .qdpx file into a staged file the merge reads like a .dossier one. */
export async function readQdpxFile(path: string, options: { job: Job }): Promise<StagedFile> {
  const fileName = basename(path);
  const zip = await openZip(path);
  try {
    if (!zip.has(QDE_ENTRY)) throw refuse(`${fileName} is not a REFI-QDA project (it has no ${QDE_ENTRY}).`);
    const qde = await zip.readText(QDE_ENTRY, MAX_QDE_BYTES);
    options.job.check();
    const model = parseProjectQde(qde);
    const texts = new Map<string, { text: string; bytes: Buffer }>();
    for (const source of model.sources) {
      options.job.check();
      texts.set(source.guid, await sourceText(zip, source, fileName));
    }
    return stageModel(model, texts, fileName, options.job);
  } finally {
    zip.close();
  }
}

async function sourceText(zip: SafeZip, source: QdaTextSource, fileName: string) {
  if (source.plainTextPath) {
    const name = internalPathName(source.plainTextPath);
    if (name === null) {
      throw refuse(
        `${fileName}: the text of "${source.name}" is at "${source.plainTextPath}", outside the file; Dossier reads only files inside it.`,
      );
    }
    const entry = [sourceEntry(name), name].find((candidate) => zip.has(candidate));
    if (!entry) throw refuse(`${fileName}: the text of "${source.name}" (sources/${name}) is missing.`);
    const bytes = await zip.readBuffer(entry, MAX_SOURCE_BYTES);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw refuse(`${fileName}: the text of "${source.name}" is not UTF-8 text.`);
    }
    return { text: text.replace(/^\uFEFF/, ''), bytes };
  }
  if (source.plainTextContent !== undefined) {
    const text = source.plainTextContent.replace(/^\uFEFF/, '');
    return { text, bytes: Buffer.from(text, 'utf8') };
  }
  throw refuse(
    `${fileName}: the source "${source.name}" has no plain text (only ${source.richTextPath ?? 'nothing'}).`,
  );
}

/** A Dossier id for a REFI-QDA GUID: itself when it is a valid UUID, else one derived from it. */
function idFor(guid: string): string {
  return Id.safeParse(guid).success ? guid : nameGuid(`qdpx:${guid}`);
}

/** The palette colour nearest to a #RRGGBB. */
function nearestColor(hex: string | undefined): TagColor {
  const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  if (!hex || !/^#[0-9a-f]{6}$/i.test(hex)) return 'gray';
  const [r, g, b] = rgb(hex);
  let best: TagColor = 'gray';
  let distance = Infinity;
  for (const color of TAG_COLORS) {
    const [cr, cg, cb] = rgb(TAG_HEX[color]);
    const d = (r! - cr!) ** 2 + (g! - cg!) ** 2 + (b! - cb!) ** 2;
    if (d < distance) {
      distance = d;
      best = color;
    }
  }
  return best;
}

/**
 * The text as Dossier keeps it (line ends as "\n") and, for each REFI-QDA position (code points of the file's
 * text; ATLAS.ti counts "\r\n" as one), the UTF-16 offset in it.
 */
function normalizeText(
  raw: string,
  crlfIsOne: boolean,
): { text: string; offsetOf: (position: number) => number } {
  const text = raw.replace(/\r\n?/g, '\n');
  if (text === raw) return { text, offsetOf: (p) => codePointToUtf16(raw, p) };
  const offsets: number[] = [];
  let out = 0;
  for (let i = 0; i < raw.length;) {
    const code = raw.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    if (raw[i] === '\r' && raw[i + 1] === '\n') {
      if (!crlfIsOne) offsets.push(out); // the \r: at the \n that replaces the pair
      offsets.push(out); // the pair (ATLAS.ti) or its \n
      out += 1;
      i += 2;
      continue;
    }
    offsets.push(out);
    out += width;
    i += width;
  }
  offsets.push(out);
  return {
    text,
    offsetOf: (p) => {
      if (!Number.isInteger(p) || p < 0 || p >= offsets.length)
        throw new RangeError(`position ${p} is beyond the text`);
      return offsets[p]!;
    },
  };
}

function stageModel(
  model: QdaProject,
  texts: Map<string, { text: string; bytes: Buffer }>,
  fileName: string,
  job: Job,
): StagedFile {
  const fallback = model.creationDateTime ?? '1970-01-01T00:00:00.000Z';
  const stamp = (value: string | undefined) => iso(value) ?? iso(fallback) ?? '1970-01-01T00:00:00.000Z';
  const unsupported: QdaUnsupported[] = [...model.unsupported];
  const rows = new Map<string, FileRow[]>();
  const add = (table: string, row: FileRow) => rows.set(table, [...(rows.get(table) ?? []), row]);
  const notes = new Map(model.notes.map((n) => [n.guid, n]));
  const usedNotes = new Set<string>();
  const noteText = (guid: string) => {
    const note = notes.get(guid);
    if (!note) return '';
    usedNotes.add(guid);
    return [note.text, note.description].filter((t) => t && t.trim()).join('\n\n');
  };

  // Codes → tags: names unique among siblings as Dossier requires, "/" (its path separator) replaced.
  const codeIds = new Map<string, string>();
  const walk = (codes: QdaCode[], parent: string | null) => {
    const taken = new Set<string>();
    for (const c of codes) {
      const id = idFor(c.guid);
      codeIds.set(c.guid, id);
      let name = (c.name.replace(/\//g, '∕').trim() || 'Unnamed code').slice(0, 200);
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${c.name.slice(0, 190)} (${n})`;
      taken.add(name.toLowerCase());
      const memo = (c.noteGuids ?? []).map(noteText).filter(Boolean);
      const at = stamp(undefined);
      add('tags', {
        id,
        parent_id: parent,
        name,
        color: nearestColor(c.color),
        description: [c.description ?? '', ...memo].filter(Boolean).join('\n\n').slice(0, 10_000),
        merged_into: null,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      });
      walk(c.children, id);
    }
  };
  walk(model.codes, null);

  const documentTexts: { id: string; text: string; blocks: unknown }[] = [];
  const originals: { id: string; bytes: Buffer }[] = [];
  for (const source of model.sources) {
    job.check();
    const id = idFor(source.guid);
    const raw = texts.get(source.guid)!;
    const normalized = normalizeText(raw.text, /atlas/i.test(model.origin ?? ''));
    const { blocks } = structurePlainText(normalized.text);
    const text = normalized.text;
    const created = stamp(source.creationDateTime);
    add('documents', {
      id,
      title: source.name.slice(0, 2000) || null,
      outlet: null,
      url: null,
      authors: [],
      published: null,
      language: null,
      evidence: {},
      file_name: `${source.name.slice(0, 200) || 'source'}.txt`,
      media_type: 'text/plain',
      char_count: text.length,
      text_sha256: sha256Hex(text),
      original_sha256: sha256Hex(raw.bytes),
      imported_at: created,
      updated_at: stamp(source.modifiedDateTime ?? source.creationDateTime),
      deleted_at: null,
      reference_type: null,
      merged_into: null,
    });
    documentTexts.push({ id, text, blocks });
    originals.push({ id, bytes: raw.bytes });
    for (const guid of source.noteGuids ?? []) {
      const note = notes.get(guid);
      if (note) {
        usedNotes.add(guid);
        unsupported.push({
          kind: 'other',
          name: note.name || 'Memo',
          detail: `a memo on the whole document "${source.name}"; Dossier keeps notes on passages`,
        });
      }
    }
    for (const s of source.selections) {
      let start: number;
      let end: number;
      try {
        start = normalized.offsetOf(s.start);
        end = normalized.offsetOf(s.end);
      } catch {
        throw refuse(
          `${fileName}: a coded passage of "${source.name}" (${s.start}–${s.end}) lies beyond the end of its text.`,
        );
      }
      if (end <= start) {
        unsupported.push({ kind: 'selection', name: s.name ?? source.name, detail: 'an empty passage' });
        continue;
      }
      const selectors = describeRange(text, { start, end });
      const hid = idFor(s.guid);
      const at = stamp(s.creationDateTime);
      const note = [s.description ?? '', ...s.noteGuids.map(noteText)].filter((t) => t.trim()).join('\n\n');
      add('highlights', {
        id: hid,
        document_id: id,
        pos_start: start,
        pos_end: end,
        quote_exact: selectors.quote.exact,
        quote_prefix: selectors.quote.prefix,
        quote_suffix: selectors.quote.suffix,
        color: 'yellow',
        note: note.slice(0, 100_000),
        created_at: at,
        updated_at: at,
        deleted_at: null,
        orphaned_at: null,
      });
      for (const guid of [...new Set(s.codeGuids)]) {
        const tagId = codeIds.get(guid);
        if (tagId)
          add('highlight_tags', {
            highlight_id: hid,
            tag_id: tagId,
            created_at: at,
            updated_at: at,
            deleted_at: null,
          });
      }
    }
  }
  for (const guid of model.noteGuids ?? []) {
    const note = notes.get(guid);
    if (note) {
      usedNotes.add(guid);
      unsupported.push({ kind: 'other', name: note.name || 'Memo', detail: 'a memo on the whole project' });
    }
  }
  for (const note of model.notes) {
    if (!usedNotes.has(note.guid)) {
      unsupported.push({
        kind: 'other',
        name: note.name || 'Memo',
        detail: 'a memo not attached to a passage or code',
      });
    }
  }
  if (model.users.length > 0) {
    unsupported.push({
      kind: 'other',
      name: model.users.map((u) => u.name).join(', '),
      detail: `${model.users.length === 1 ? 'the user' : 'users'} who made the codings; Dossier does not record who made each annotation`,
    });
  }

  const staging = createStaging();
  try {
    const insert = staging.db.prepare(`INSERT INTO rows (tbl, key, hash, json) VALUES (?, ?, ?, ?)`);
    const insertOriginal = staging.db.prepare(`INSERT INTO originals (document_id, bytes) VALUES (?, ?)`);
    const counts: Record<string, number> = {};
    const checks = new StagedChecks(fileName);
    staging.db.transaction(() => {
      const put = (table: string, row: FileRow) => {
        const spec = TABLE_BY_NAME.get(table)!;
        const parsed = spec.schema.safeParse(row);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw refuse(
            `${fileName}: a ${table.replace(/s$/, '')} cannot be read (${issue?.path.join('.')}: ${issue?.message}).`,
          );
        }
        const json = canonicalJson(spec, parsed.data as FileRow);
        const key = rowKey(spec, parsed.data as FileRow);
        try {
          insert.run(table, key, sha256Hex(json), json);
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
            throw refuse(`${fileName}: two items share the GUID ${rowKey(spec, parsed.data as FileRow)}.`);
          }
          throw error;
        }
        checks.row(spec, key, parsed.data as FileRow);
        counts[table] = (counts[table] ?? 0) + 1;
      };
      for (const [table, list] of rows) for (const row of list) put(table, row);
      for (const t of documentTexts)
        put('document_texts', { document_id: t.id, text: t.text, blocks: t.blocks });
      for (const o of originals) insertOriginal.run(o.id, o.bytes);
    })();
    checks.finish();
    const projectId = nameGuid(
      `qdpx-project:${model.name}:${model.creationDateTime ?? ''}:${model.origin ?? ''}`,
    );
    const manifest: Manifest = {
      format: 'dossier-project',
      formatVersion: FORMAT_VERSION,
      appVersion: model.origin ?? 'REFI-QDA',
      schemaVersion: 0,
      project: { id: projectId, name: model.name.slice(0, 500) || basename(fileName) },
      exportedAt: iso(model.creationDateTime) ?? '1970-01-01T00:00:00.000Z',
      scope: null,
      originals: true,
      counts,
      entries: {},
    };
    return {
      fileName,
      format: 'qdpx',
      unsupported: unsupported.map((u) => ({ kind: u.kind, name: u.name.slice(0, 200), detail: u.detail })),
      manifest,
      db: staging.db,
      close: staging.close,
    };
  } catch (error) {
    staging.close();
    throw error;
  }
}

/** An xsd:dateTime as Dossier's timestamps (UTC, milliseconds); undefined if it is not one. */
function iso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.includes('T') ? value : value.replace(' ', 'T'));
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}
