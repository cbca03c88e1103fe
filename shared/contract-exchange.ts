// The contract's exchange operations (issue 8): export the project as a .dossier file (or REFI-QDA .qdpx),
// preview and apply a merge of a teammate's file, open a file as a new project, the conflicts a merge kept
// aside, and the progress and cancelling of these long jobs. Split from contract.ts like the other areas.
//
// Files are named three ways, as the host allows: a native dialog (the desktop app), a path typed by the user
// (`dossier serve` and the CLI only; the desktop app refuses typed paths), or the bytes themselves (a browser
// uploads a file and downloads an export).
import { z } from 'zod';
import { Id } from './domain';

export const EXCHANGE_FORMATS = ['dossier', 'qdpx'] as const;
export const ExchangeFormat = z.enum(EXCHANGE_FORMATS);
export type ExchangeFormat = z.infer<typeof ExchangeFormat>;

/** The largest file a browser may upload to merge or download from an export (larger ones: use the CLI). */
export const MAX_EXCHANGE_UPLOAD_BYTES = 60 * 1024 * 1024;

const FilePath = z.string().min(1).max(4096);
/** A job's id, chosen by the caller so it can ask for progress and cancel while the call runs. */
export const JobId = z.string().min(8).max(100);

export const ExchangeSource = z.union([
  z.object({ dialog: z.literal(true) }).strict(),
  z.object({ path: FilePath }).strict(),
  z
    .object({
      fileName: z.string().min(1).max(1024),
      dataBase64: z.base64().max(Math.ceil(MAX_EXCHANGE_UPLOAD_BYTES / 3) * 4),
    })
    .strict(),
]);
export type ExchangeSource = z.infer<typeof ExchangeSource>;

export const ExportTarget = z.union([
  z.object({ dialog: z.literal(true) }).strict(),
  z.object({ path: FilePath }).strict(),
  z.object({ download: z.literal(true) }).strict(),
]);

export const ExportScope = z
  .object({
    query: z.string().max(2000).optional(),
    documentIds: z.array(Id).max(100_000).optional(),
    eventIds: z.array(Id).max(100_000).optional(),
  })
  .strict();
export type ExportScope = z.infer<typeof ExportScope>;

export const TableCounts = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int(),
  conflicts: z.number().int(),
  /** Groups made one (the same article imported on both sides, tags with the same path): not counted above. */
  matched: z.number().int(),
});
export type TableCounts = z.infer<typeof TableCounts>;

const StoredRow = z.record(z.string(), z.unknown());

export const ConflictInfo = z.object({
  table: z.string(),
  key: z.string(),
  /** What the row is, in words ("claim “Russia sent…”"). */
  label: z.string(),
  kept: z.enum(['ours', 'theirs']),
  ours: StoredRow,
  theirs: StoredRow,
  /** Columns whose values differ. */
  fields: z.array(z.string()),
});
export type ConflictInfo = z.infer<typeof ConflictInfo>;

export const MergePlanSummary = z.object({
  file: z.object({
    name: z.string(),
    /** 'dossier' or 'qdpx' */
    format: ExchangeFormat,
    projectId: z.string(),
    projectName: z.string(),
    exportedAt: z.string(),
    formatVersion: z.string(),
    appVersion: z.string(),
  }),
  /** By table: documents, highlights, tags, entities, claims, events and the links between them. */
  counts: z.record(z.string(), TableCounts),
  conflicts: z.array(ConflictInfo),
  /** The same article imported separately: one document after the merge. */
  documentMatches: z.array(
    z.object({ survivor: z.string(), title: z.string().nullable(), merged: z.array(z.string()) }),
  ),
  /** Tags with the same place and name: one tag after the merge unless kept apart. */
  tagUnifications: z.array(z.object({ survivor: z.string(), path: z.string(), merged: z.array(z.string()) })),
  /** What the file holds that Dossier cannot represent (REFI-QDA: pictures, audio, PDF regions...). */
  unsupported: z.array(z.object({ kind: z.string(), name: z.string(), detail: z.string() })),
  /** How many rows would change. */
  changes: z.number().int(),
});
export type MergePlanSummary = z.infer<typeof MergePlanSummary>;

export const MergeReport = MergePlanSummary.extend({
  mergeId: z.string(),
  mergedAt: z.string(),
  /** Passages of documents whose text changed: moved to their words, or orphaned. */
  reanchored: z.object({ moved: z.number().int(), orphaned: z.number().int() }),
});
export type MergeReport = z.infer<typeof MergeReport>;

export const StoredConflict = ConflictInfo.extend({
  mergeId: z.string(),
  mergedAt: z.string(),
  fileName: z.string(),
  sourceProjectName: z.string(),
  /** Whether the row is still as the merge left it (otherwise taking the other version is refused). */
  current: z.boolean(),
});
export type StoredConflict = z.infer<typeof StoredConflict>;

export const JobProgress = z.object({
  phase: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const exchangeContract = {
  /** Writes the project (or a scope of it) as a .dossier or .qdpx file. */
  'exchange.export': {
    input: z
      .object({
        format: ExchangeFormat.default('dossier'),
        target: ExportTarget,
        scope: ExportScope.optional(),
        /** Include the imported files (default). */
        originals: z.boolean().default(true),
        jobId: JobId.optional(),
      })
      .strict(),
    output: z
      .object({
        fileName: z.string(),
        /** Where it was written (dialog or path); null for a download. */
        path: z.string().nullable(),
        /** The file, for a download. */
        dataBase64: z.string().optional(),
        bytes: z.number().int(),
        counts: z.record(z.string(), z.number().int()),
      })
      .nullable(),
  },
  /** Reads and checks a teammate's file and says what merging it would do; nothing changes yet. */
  'exchange.preview': {
    input: z.object({ source: ExchangeSource, jobId: JobId.optional() }).strict(),
    output: z.object({ token: z.string(), summary: MergePlanSummary }).nullable(),
  },
  /** Merges the previewed file in one transaction. */
  'exchange.apply': {
    input: z
      .object({
        token: z.string().max(100),
        /** Tag unifications (by survivor id) to decline: those tags stay apart. */
        keepTagsApart: z.array(Id).max(10_000).default([]),
      })
      .strict(),
    output: MergeReport,
  },
  /** Forgets a previewed file without merging. */
  'exchange.discard': { input: z.object({ token: z.string().max(100) }).strict(), output: z.object({}) },
  /** Opens a .dossier or .qdpx file as a new project (created at `target`) and switches to it. */
  'exchange.openAsProject': {
    input: z
      .object({
        source: ExchangeSource,
        target: z.union([
          z.object({ dialog: z.literal(true) }).strict(),
          z.object({ path: FilePath }).strict(),
        ]),
        jobId: JobId.optional(),
      })
      .strict(),
    output: z.object({ path: z.string(), name: z.string(), report: MergeReport }).nullable(),
  },
  /** Conflicts merges resolved by the latest change, newest merge first; resolved ones left out. */
  'exchange.conflicts': { input: z.object({}).strict(), output: z.array(StoredConflict) },
  /** Takes the version a merge did not keep (or confirms the one it kept). */
  'exchange.resolve': {
    input: z
      .object({
        mergeId: z.string().max(100),
        table: z.string().max(100),
        key: z.string().max(1000),
        take: z.enum(['ours', 'theirs']),
      })
      .strict(),
    output: z.object({ resolved: z.number().int() }),
  },
  /** How far a running job is. */
  'jobs.progress': { input: z.object({ jobId: JobId }).strict(), output: JobProgress.nullable() },
  /** Asks a running job to stop; it stops at its next step and changes nothing. */
  'jobs.cancel': { input: z.object({ jobId: JobId }).strict(), output: z.object({ cancelled: z.boolean() }) },
} as const;
