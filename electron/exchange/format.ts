// The .dossier project file (issue 8): what it holds and how each row is checked when it comes back. A zip of
//   manifest.json                  format name and version, the project, counts, SHA-256 of every other entry
//   rows/<table>.jsonl             one JSON object per line, rows in key order (deterministic output)
//   originals/<document id>        the imported file's bytes, unless the exporter left them out
// Rows are the project's rows as stored, column for column in the order of the schemas below (JSON columns as
// JSON values with their objects' keys sorted, not strings), so a row in the file and a row in a project
// compare exactly, and tombstones (deleted_at) travel like any row.
// docs/dossier-format.md describes it for people; docs/dossier-format.schema.json is generated from these
// schemas (scripts/dossier-format-schema.ts) so the two never disagree.
//
// Versioning: a file of a newer major version is refused naming both versions; a newer minor version is read,
// its unknown fields and entries ignored (z.object strips unknown keys), which is what a minor version may add.
import { z } from 'zod';
import { REFERENCE_TYPES } from '../../shared/csl';
import { Block, HighlightColor, Id, LanguageTag, MetadataEvidence } from '../../shared/domain';
import { parsePartialDate } from '../../shared/dates';
import { CLAIM_STATUSES, ENTITY_KINDS, EVENT_RELATIONS, TAG_COLORS } from '../../shared/annotations';

export const FORMAT_NAME = 'dossier-project';
export const FORMAT_MAJOR = 1;
export const FORMAT_MINOR = 0;
export const FORMAT_VERSION = `${FORMAT_MAJOR}.${FORMAT_MINOR}`;
export const MANIFEST_ENTRY = 'manifest.json';

// ---------------------------------------------------------------------------------------------------------
// Values

/** As Dossier writes them (toISOString: UTC, milliseconds), so that comparing the text compares the times. */
const Timestamp = z.iso.datetime({ precision: 3 });
const MaybeTimestamp = Timestamp.nullable();
/** Dates as Dossier stores them: YYYY, YYYY-MM, YYYY-MM-DD, --MM-DD, optionally ~ for circa. */
const StoredDate = z
  .string()
  .regex(/^~?(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$/, 'not a partial date')
  .refine((value) => parsePartialDate(value) !== null, 'not a real date');
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256');
const text = (max: number) => z.string().max(max);
const Offset = z.number().int().nonnegative();

/** The largest canonical text accepted from a file: what the largest import could produce. */
export const MAX_TEXT_CHARS = 50_000_000;
const NOTE = text(100_000);

const Stamps = { created_at: Timestamp, updated_at: Timestamp, deleted_at: MaybeTimestamp };

// ---------------------------------------------------------------------------------------------------------
// Rows, one schema per table, columns in the table's order

const DocumentRow = z.object({
  id: Id,
  title: text(2000).nullable(),
  outlet: text(500).nullable(),
  url: text(8192).nullable(),
  authors: z.array(text(500)).max(200),
  published: StoredDate.nullable(),
  language: LanguageTag.nullable(),
  evidence: MetadataEvidence,
  file_name: text(1024),
  media_type: text(255),
  char_count: Offset,
  text_sha256: Sha256,
  original_sha256: Sha256,
  imported_at: Timestamp,
  updated_at: Timestamp,
  deleted_at: MaybeTimestamp,
  reference_type: z.enum(REFERENCE_TYPES).nullable(),
  merged_into: Id.nullable(),
});

const DocumentTextRow = z.object({
  document_id: Id,
  text: text(MAX_TEXT_CHARS),
  blocks: z.array(Block).max(1_000_000),
});

const HighlightRow = z.object({
  id: Id,
  document_id: Id,
  pos_start: Offset,
  pos_end: Offset,
  quote_exact: text(MAX_TEXT_CHARS),
  quote_prefix: text(1000),
  quote_suffix: text(1000),
  color: HighlightColor,
  note: NOTE,
  ...Stamps,
  orphaned_at: MaybeTimestamp,
});

const TagRow = z.object({
  id: Id,
  parent_id: Id.nullable(),
  name: text(200).min(1),
  color: z.enum(TAG_COLORS),
  description: text(10_000),
  merged_into: Id.nullable(),
  ...Stamps,
});

const EntityRow = z.object({
  id: Id,
  kind: z.enum(ENTITY_KINDS),
  name: text(500).min(1),
  aliases: z.array(text(500)).max(1000),
  description: text(10_000),
  merged_into: Id.nullable(),
  ...Stamps,
});

const ClaimRow = z.object({
  id: Id,
  statement: text(10_000).min(1),
  claimant_id: Id.nullable(),
  claim_date: StoredDate.nullable(),
  status: z.enum(CLAIM_STATUSES),
  rationale: NOTE,
  note: NOTE,
  ...Stamps,
});

const EventRow = z.object({
  id: Id,
  title: text(2000).min(1),
  date_start: StoredDate,
  date_end: StoredDate.nullable(),
  place_id: Id.nullable(),
  description: NOTE,
  ...Stamps,
});

const SavedSearchRow = z.object({
  id: Id,
  name: text(200).min(1),
  query: text(2000),
  ...Stamps,
});

/** How a table travels: its row schema, its key, the rows it points to, and its JSON columns. */
export interface TableSpec {
  name: string;
  schema: z.ZodObject;
  key: readonly string[];
  /** column → table it references (by that table's single-column key) */
  refs: Readonly<Record<string, string>>;
  /** Columns stored as JSON text in the project and written as JSON values in the file. */
  json: readonly string[];
}

const spec = (
  name: string,
  schema: z.ZodObject,
  key: readonly string[],
  refs: Record<string, string> = {},
  json: readonly string[] = [],
): TableSpec => ({ name, schema, key, refs, json });

/** A link table: keyed by the two rows it links, each a reference, with its stamps and any more columns. */
const linkSpec = (
  name: string,
  [a, tableA]: [string, string],
  [b, tableB]: [string, string],
  more: z.ZodRawShape = {},
): TableSpec =>
  spec(name, z.object({ [a]: Id, [b]: Id, ...Stamps, ...more }), [a, b], { [a]: tableA, [b]: tableB });

/**
 * The tables, in an order where each row's references come before it (tags and entities reference their own
 * table: those are checked after the whole table is read). Document texts travel in their own entry.
 */
export const TABLES: readonly TableSpec[] = [
  spec('documents', DocumentRow, ['id'], { merged_into: 'documents' }, ['authors', 'evidence']),
  spec('document_texts', DocumentTextRow, ['document_id'], { document_id: 'documents' }, ['blocks']),
  spec('tags', TagRow, ['id'], { parent_id: 'tags', merged_into: 'tags' }),
  spec('entities', EntityRow, ['id'], { merged_into: 'entities' }, ['aliases']),
  spec('highlights', HighlightRow, ['id'], { document_id: 'documents' }),
  linkSpec('highlight_tags', ['highlight_id', 'highlights'], ['tag_id', 'tags']),
  spec('claims', ClaimRow, ['id'], { claimant_id: 'entities' }),
  linkSpec('claim_passages', ['claim_id', 'claims'], ['highlight_id', 'highlights']),
  linkSpec('claim_tags', ['claim_id', 'claims'], ['tag_id', 'tags']),
  spec('events', EventRow, ['id'], { place_id: 'entities' }),
  linkSpec('event_actors', ['event_id', 'events'], ['entity_id', 'entities']),
  linkSpec('event_tags', ['event_id', 'events'], ['tag_id', 'tags']),
  linkSpec('claim_events', ['claim_id', 'claims'], ['event_id', 'events'], {
    relation: z.enum(EVENT_RELATIONS),
  }),
  spec('saved_searches', SavedSearchRow, ['id']),
];

export const TABLE_BY_NAME: ReadonlyMap<string, TableSpec> = new Map(TABLES.map((t) => [t.name, t]));

export const rowsEntry = (table: string) => `rows/${table}.jsonl`;
/** What the exporter last exchanged of the rows it sends (tbl, key, hash): the receiver's merge base. */
export const BASES_ENTRY = 'rows/exchange_base.jsonl';
/** A line of the bases entry: a row (table and key) and the hash of the version last exchanged. */
export const BaseLine = z.object({
  tbl: z.string().max(100),
  key: z.string().max(1000),
  hash: Sha256,
});
export const originalEntry = (documentId: string) => `originals/${documentId}`;

/** The columns of a table, in order. */
export function columnsOf(table: TableSpec): string[] {
  return Object.keys(table.schema.shape);
}

// ---------------------------------------------------------------------------------------------------------
// The manifest

export const EntryDigest = z.object({ size: z.number().int().nonnegative(), sha256: Sha256 });

export const Manifest = z.object({
  format: z.literal(FORMAT_NAME),
  /** "MAJOR.MINOR" */
  formatVersion: z.string().regex(/^\d{1,4}\.\d{1,4}$/),
  appVersion: text(100),
  /** The project's schema version when it was written (informative). */
  schemaVersion: z.number().int().nonnegative(),
  project: z.object({ id: Id, name: text(500) }),
  exportedAt: Timestamp,
  /** null for the whole project; otherwise what the exporter chose. */
  scope: z
    .object({
      query: text(2000).optional(),
      documentIds: z.array(Id).max(1_000_000).optional(),
      eventIds: z.array(Id).max(1_000_000).optional(),
    })
    .nullable(),
  originals: z.boolean(),
  counts: z.record(z.string().max(100), z.number().int().nonnegative()),
  /** Every other entry of the archive: its size and SHA-256. */
  entries: z.record(z.string().max(1024), EntryDigest),
});
export type Manifest = z.infer<typeof Manifest>;

/** The largest manifest read (it lists every entry: some 130 bytes each). */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
