// The domain's data shapes, as zod schemas so that every boundary (IPC, HTTP, project files) validates the
// same way, and as the TypeScript types both sides use.
import { z } from 'zod';
import { PartialDate } from './dates';
import { REFERENCE_TYPES } from './csl';

export const Id = z.uuid();

export const BlockType = z.enum(['heading', 'paragraph', 'quote', 'listItem', 'code', 'caption']);
export type BlockType = z.infer<typeof BlockType>;

/** Inline data on a character range of the canonical text (links are kept as data, never live). */
export const Mark = z.object({
  type: z.literal('link'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  href: z.string().max(4096),
});
export type Mark = z.infer<typeof Mark>;

/** A block is a character range [start, end) of the document's canonical text. */
export const Block = z.object({
  type: BlockType,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  level: z.number().int().min(1).max(6).optional(),
  page: z.number().int().positive().optional(),
  /** Navigation, adverts, comment boxes...: hidden in the reader by default, ignored by search and export. */
  boilerplate: z.boolean().optional(),
  /** The user set `boilerplate` by hand; a re-import keeps their choice for a block with the same text. */
  boilerplateByUser: z.boolean().optional(),
  marks: z.array(Mark).optional(),
});
export type Block = z.infer<typeof Block>;

/** Where a metadata value came from, shown to the user on hover (issue 3: "record where each value came from"). */
export const METADATA_SOURCES = [
  'meta-tag', // <meta> OpenGraph, citation_*, Dublin Core, article:*, name="author"/"date"
  'json-ld', // <script type="application/ld+json"> NewsArticle and friends
  'html', // <title>, <time datetime>, <html lang>, <link rel="canonical">
  'byline', // a "By …" line found by Readability or in the text
  'headline', // the line of the text that reads as its headline
  'source-line', // "Source: https://…", "Bron: albaciudad 16februari 2022"
  'outlet-line', // "Báo Thanh niênBáo Thanh niên08/11/2024"
  'dateline', // "CARACAS, December 16. /TASS/."
  'text', // another self-reference in the text ("listen to Fox News articles", "© ITAR-TASS")
  'pdf-info', // the PDF's document information dictionary or XMP
  'docx-properties', // docProps/core.xml of a Word file
  'detected', // detected from the text itself (language)
  'user', // typed by the user; never overwritten by a re-import
] as const;
export const MetadataSource = z.enum(METADATA_SOURCES);
export type MetadataSource = z.infer<typeof MetadataSource>;

export const METADATA_FIELDS = ['title', 'outlet', 'authors', 'url', 'published', 'language'] as const;
export const MetadataField = z.enum(METADATA_FIELDS);
export type MetadataField = z.infer<typeof MetadataField>;

/** Evidence for one value: its source kind and what exactly was read (a tag name, the line quoted). */
export const FieldEvidence = z.object({
  source: MetadataSource,
  detail: z.string().max(500),
});
export type FieldEvidence = z.infer<typeof FieldEvidence>;

export const MetadataEvidence = z.partialRecord(MetadataField, FieldEvidence);
export type MetadataEvidence = z.infer<typeof MetadataEvidence>;

/** A language tag as BCP 47 writes it: `en`, `nl`, `pt-BR`, `zh-Hant`. */
export const LanguageTag = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'A language is a tag like en, nl or pt-BR');

/** A web address a citation can print: absolute http(s) only. */
export const WebUrl = z
  .string()
  .max(4096)
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'A URL starts with http:// or https://');

export const DocumentMetadata = z.object({
  /** Null when nothing in the document names it; the UI then shows the file name, marked as such. */
  title: z.string().max(2000).nullable(),
  outlet: z.string().max(500).nullable(),
  url: z.string().max(4096).nullable(),
  authors: z.array(z.string().max(500)).max(200),
  published: PartialDate.nullable(),
  language: z.string().max(35).nullable(),
});
export type DocumentMetadata = z.infer<typeof DocumentMetadata>;

export const DocumentSummary = DocumentMetadata.extend({
  id: Id,
  /** The type it is cited as, when the user chose one; null to infer it (shared/csl.ts). */
  referenceType: z.enum(REFERENCE_TYPES).nullable(),
  evidence: MetadataEvidence,
  fileName: z.string(),
  mediaType: z.string(),
  importedAt: z.string(),
  updatedAt: z.string(),
  charCount: z.number().int(),
  highlightCount: z.number().int(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const DocumentDetail = DocumentSummary.extend({
  text: z.string(),
  blocks: z.array(Block),
  textSha256: z.string(),
  originalSha256: z.string(),
  originalSize: z.number().int().nonnegative(),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

/** W3C Web Annotation selectors over the canonical text. */
export const TextPositionSelector = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type TextPositionSelector = z.infer<typeof TextPositionSelector>;

export const TextQuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
});
export type TextQuoteSelector = z.infer<typeof TextQuoteSelector>;

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export const HighlightColor = z.enum(HIGHLIGHT_COLORS);
export type HighlightColor = z.infer<typeof HighlightColor>;

export const Highlight = z.object({
  id: Id,
  documentId: Id,
  position: TextPositionSelector,
  quote: TextQuoteSelector,
  color: HighlightColor,
  note: z.string(),
  /** Codebook tags on this passage. */
  tagIds: z.array(z.uuid()),
  /** Claims this passage supports. */
  claimIds: z.array(z.uuid()),
  /** Set when the document's text changed and the passage could not be found again (see the Orphans view). */
  orphanedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Highlight = z.infer<typeof Highlight>;

export const ImportFailure = z.object({ fileName: z.string(), reason: z.string() });
export type ImportFailure = z.infer<typeof ImportFailure>;

export const ImportFileResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('imported'), fileName: z.string(), document: DocumentSummary }),
  z.object({ status: z.literal('duplicate'), fileName: z.string(), documentId: Id, title: z.string() }),
  z.object({ status: z.literal('failed'), fileName: z.string(), reason: z.string() }),
]);
export type ImportFileResult = z.infer<typeof ImportFileResult>;

export const ProjectInfo = z.object({
  path: z.string(),
  name: z.string(),
  readOnly: z.boolean(),
  schemaVersion: z.number().int(),
});
export type ProjectInfo = z.infer<typeof ProjectInfo>;

/** What to call a document whose title is unknown: its file name (the UI marks it as such). */
export function displayTitle(doc: { title: string | null; fileName: string }): string {
  return doc.title ?? doc.fileName;
}
