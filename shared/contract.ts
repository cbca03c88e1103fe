// The one contract between the renderer and the main side (design.md §2). Every operation by name with its
// input and output schemas; the IPC handler, the HTTP server and direct calls all parse input through it,
// and the renderer's API type is derived from it, so the compiler proves both ends agree.
import { z } from 'zod';
import { PartialDate } from './dates';
import { REFERENCE_TYPES } from './csl';
import {
  Block,
  DocumentDetail,
  DocumentSummary,
  Highlight,
  HighlightColor,
  Id,
  ImportFileResult,
  LanguageTag,
  ProjectInfo,
  WebUrl,
} from './domain';
import type { OperationName } from './operations';
import { DossierError } from './errors';
import { annotationContract } from './contract-annotations';
import { eventContract } from './contract-events';
import { searchContract } from './contract-search';
import { citationContract } from './contract-citations';
import { exchangeContract } from './contract-exchange';
import { backupContract } from './contract-backups';

/** Largest single file accepted for import, in bytes (issue: 50 MB default, configurable). */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

const Empty = z.object({}).strict();
const ProjectPath = z.string().min(1).max(4096);

export const RecentProject = z.object({
  path: z.string(),
  name: z.string(),
  lastOpenedAt: z.string(),
  exists: z.boolean(),
});
export type RecentProject = z.infer<typeof RecentProject>;

export const AppInfo = z.object({
  version: z.string(),
  project: ProjectInfo,
  capabilities: z.object({
    /** The host can show native open/save dialogs (the desktop app). */
    nativeDialogs: z.boolean(),
  }),
  limits: z.object({ maxFileBytes: z.number().int().positive() }),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** The colour theme chosen in the window: System follows the operating system. */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export const ThemeChoice = z.enum(THEME_CHOICES);
export type ThemeChoice = z.infer<typeof ThemeChoice>;

const NOTE_MAX = 100_000;

/** Files in one documents.importFiles call, at most. */
export const IMPORT_BATCH_FILES = 100;

const FileUpload = {
  fileName: z.string().min(1).max(1024),
  /** The file's bytes, base64-encoded (JSON carries no binary). */
  dataBase64: z.base64(),
};

/**
 * An optional field where blank means "not known": an emptied field is stored as null, never as an empty
 * string; what is left must pass `schema`.
 */
const blankIsUnknown = (schema: z.ZodType<string, string>) =>
  z
    .string()
    .trim()
    .transform((v) => v || null)
    .pipe(schema.nullable())
    .nullable()
    .optional();

/** A correction of some metadata fields; fields left out stay as they are. */
export const MetadataChanges = z
  .object({
    title: blankIsUnknown(z.string().max(2000)),
    outlet: blankIsUnknown(z.string().max(500)),
    authors: z.array(z.string().trim().min(1, 'An author needs a name').max(500)).max(200).optional(),
    url: blankIsUnknown(WebUrl),
    published: PartialDate.nullable().optional(),
    language: blankIsUnknown(LanguageTag),
    /** The type to cite it as; null to infer it again. */
    referenceType: z.enum(REFERENCE_TYPES).nullable().optional(),
  })
  .strict();

export const contract = {
  'app.info': { input: Empty, output: AppInfo },
  /** The window's theme, for what the host draws itself (the desktop app's menus, dialogs and frame). */
  'app.setTheme': { input: z.object({ theme: ThemeChoice }).strict(), output: z.null() },
  'projects.recent': { input: Empty, output: z.array(RecentProject) },
  'projects.open': { input: z.object({ path: ProjectPath }).strict(), output: ProjectInfo },
  'projects.create': { input: z.object({ path: ProjectPath }).strict(), output: ProjectInfo },
  'projects.openDialog': { input: Empty, output: ProjectInfo.nullable() },
  'projects.createDialog': { input: Empty, output: ProjectInfo.nullable() },
  'documents.list': { input: Empty, output: z.array(DocumentSummary) },
  'documents.get': { input: z.object({ id: Id }).strict(), output: DocumentDetail },
  'documents.importFile': { input: z.object(FileUpload).strict(), output: ImportFileResult },
  /**
   * Several files in one call, stored in one transaction (each document whole or not at all, as alone) and
   * indexed for search together: what the window sends, a commit per batch rather than per file. One
   * result per file, in order.
   */
  'documents.importFiles': {
    input: z
      .object({ files: z.array(z.object(FileUpload).strict()).min(1).max(IMPORT_BATCH_FILES) })
      .strict(),
    output: z.array(ImportFileResult),
  },
  /** A corrected version of a document's file: new text and original, same id, the user's metadata kept. */
  'documents.reimportFile': {
    input: z.object({ id: Id, ...FileUpload }).strict(),
    output: DocumentDetail,
  },
  'documents.updateMetadata': {
    input: z.object({ id: Id, changes: MetadataChanges }).strict(),
    output: DocumentSummary,
  },
  /** Flips blocks between article and boilerplate (the user's choice is kept across re-imports). */
  'documents.setBoilerplate': {
    input: z
      .object({
        id: Id,
        blockIndexes: z.array(z.number().int().nonnegative()).min(1).max(100_000),
        boilerplate: z.boolean(),
      })
      .strict(),
    output: z.object({ id: Id, blocks: z.array(Block) }),
  },
  'highlights.list': { input: z.object({ documentId: Id }).strict(), output: z.array(Highlight) },
  'highlights.create': {
    input: z
      .object({
        documentId: Id,
        start: z.number().int().nonnegative(),
        end: z.number().int().positive(),
        color: HighlightColor.default('yellow'),
        note: z.string().max(NOTE_MAX).default(''),
      })
      .strict()
      .refine((v) => v.end > v.start, { message: 'A highlight must cover at least one character' }),
    output: Highlight,
  },
  'highlights.update': {
    input: z
      .object({ id: Id, color: HighlightColor.optional(), note: z.string().max(NOTE_MAX).optional() })
      .strict(),
    output: Highlight,
  },
  'highlights.delete': { input: z.object({ id: Id }).strict(), output: z.object({ id: Id }) },
  'highlights.restore': { input: z.object({ id: Id }).strict(), output: Highlight },
  ...annotationContract,
  ...eventContract,
  ...searchContract,
  ...citationContract,
  ...exchangeContract,
  ...backupContract,
} as const satisfies Record<OperationName, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type OpInput<K extends OperationName> = z.input<Contract[K]['input']>;
export type OpParsedInput<K extends OperationName> = z.output<Contract[K]['input']>;
export type OpOutput<K extends OperationName> = z.output<Contract[K]['output']>;

/** What the renderer calls: one async function per operation, whatever the transport. */
export type DossierApi = { [K in OperationName]: (input: OpInput<K>) => Promise<OpOutput<K>> };

/** What the main side implements: one function per operation, given parsed input. */
export type Handlers = {
  [K in OperationName]: (input: OpParsedInput<K>) => OpOutput<K> | Promise<OpOutput<K>>;
};

/** Parses untrusted input for an operation; bad input becomes a DossierError naming the field. */
export function parseInput<K extends OperationName>(name: K, raw: unknown): OpParsedInput<K> {
  const result = contract[name].input.safeParse(raw ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
    throw new DossierError(
      'invalid_input',
      `Invalid input for ${name}${where}: ${issue?.message ?? 'rejected'}`,
    );
  }
  return result.data as OpParsedInput<K>;
}
