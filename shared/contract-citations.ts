// The contract's citation operations (issue 7): styles, a document's reference as it will be cited, a quote
// citation of a passage or claim, and exports of the project's references. Split from contract.ts like the
// search operations; contract.ts spreads these in.
import { z } from 'zod';
import { REFERENCE_TYPES } from './csl';
import { Id } from './domain';

/** Export formats that write the project's references. */
export const REFERENCE_FORMATS = ['csl-json', 'bibtex', 'biblatex', 'ris', 'bibliography'] as const;
/** Every export format: references, then annotations (W3C), claims (CSV, ClaimReview) and the timeline. */
export const EXPORT_FORMATS = [
  ...REFERENCE_FORMATS,
  'w3c',
  'claims-csv',
  'claimreview',
  'timeline-json',
  'report-md',
  'report-html',
  'report-docx',
] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** How a formatted bibliography is written: plain text, an HTML page, or RTF for word processors. */
export const BIBLIOGRAPHY_OUTPUTS = ['text', 'html', 'rtf'] as const;
export const BibliographyOutput = z.enum(BIBLIOGRAPHY_OUTPUTS);

/** A style is named by a bundled id ("apa") or the id Dossier gave a style the user added. */
export const StyleRef = z.string().trim().min(1).max(200);
/** A locale tag such as en-GB or nl; unknown ones fall back to the style's or en-US. */
export const LocaleTag = z.string().trim().min(2).max(35);

export const CitationStyle = z.object({
  id: z.string(),
  title: z.string(),
  class: z.enum(['in-text', 'note']),
  bundled: z.boolean(),
});
export type CitationStyle = z.infer<typeof CitationStyle>;

/** The largest .csl file a user may add. */
export const MAX_STYLE_CHARS = 2_000_000;

const Formatted = z.object({ text: z.string(), html: z.string() });

export const ExportRequest = z
  .object({
    format: ExportFormat,
    style: StyleRef.optional(),
    locale: LocaleTag.optional(),
    /** A search query naming what to export (the documents it finds, or quotes); all documents without. */
    scope: z.string().max(2000).optional(),
    /** For `bibliography`: text, HTML or RTF. */
    output: BibliographyOutput.default('text'),
    /** Evidence reports: the claims' assessments and notes too. */
    includeNotes: z.boolean().default(true),
    /** A preview: only the first this many items are written (`count` still says how many there are). */
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type ExportRequest = z.infer<typeof ExportRequest>;

/** The locales shipped with the app, for formatted bibliographies and citations. */
export const CITATION_LOCALES = [
  { tag: 'en-US', label: 'English (US)' },
  { tag: 'en-GB', label: 'English (UK)' },
  { tag: 'nl-NL', label: 'Nederlands' },
  { tag: 'es-ES', label: 'Español' },
  { tag: 'fr-FR', label: 'Français' },
  { tag: 'de-DE', label: 'Deutsch' },
  { tag: 'pt-BR', label: 'Português (Brasil)' },
  { tag: 'ru-RU', label: 'Русский' },
] as const;

export const ExportResult = z.object({
  /** A file name to offer ("Dossier references.bib"). */
  fileName: z.string(),
  mediaType: z.string(),
  content: z.string(),
  /** How `content` is written: text, or base64 for a binary file (DOCX). */
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
  /** References written. */
  count: z.number().int().nonnegative(),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const citationContract = {
  'citations.styles': { input: z.object({}).strict(), output: z.array(CitationStyle) },
  /** Adds a .csl style file; refused with what is wrong if it is not a usable CSL style. */
  'citations.addStyle': {
    input: z.object({ fileName: z.string().max(255), xml: z.string().max(MAX_STYLE_CHARS) }).strict(),
    output: CitationStyle,
  },
  'citations.removeStyle': {
    input: z.object({ id: z.string().max(200) }).strict(),
    output: z.object({ id: z.string() }),
  },
  /** A document's reference as the style writes it in a bibliography, and the type it is cited as. */
  'citations.reference': {
    input: z.object({ documentId: Id, style: StyleRef.optional(), locale: LocaleTag.optional() }).strict(),
    output: Formatted.extend({ type: z.enum(REFERENCE_TYPES), typeInferred: z.boolean() }),
  },
  /** A passage or a claim's passages, quoted, with the citation and the bibliography entry. */
  'citations.quote': {
    input: z
      .object({
        highlightId: Id.optional(),
        claimId: Id.optional(),
        style: StyleRef.optional(),
        locale: LocaleTag.optional(),
      })
      .strict()
      .refine((v) => (v.highlightId === undefined) !== (v.claimId === undefined), {
        message: 'Name a highlight or a claim to quote',
      }),
    output: Formatted,
  },
  /**
   * The project's references, annotations, claims or timeline (or those a scope query finds) in an export
   * format, as the file's content.
   */
  'exports.render': { input: ExportRequest, output: ExportResult },
} as const;
