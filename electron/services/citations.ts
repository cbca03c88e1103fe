// Citations (issue 7): every document is a reference. This service turns the project's documents into CSL-JSON
// items (shared/csl.ts) and hands them to the writers: CSL-JSON, BibTeX, BibLaTeX and RIS (exact, fast, no
// style), and formatted bibliographies, references and quote citations through citeproc-js in a CSL style
// (electron/citations/engine.ts, imported on first use: citeproc is a megabyte to load). Styles are the
// bundled ones or .csl files the user added, kept in Dossier's data folder (styles/), checked when added.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { OpParsedInput } from '../../shared/contract';
import { REFERENCE_FORMATS, type CitationStyle, type ExportResult } from '../../shared/contract-citations';
import { renderProjectExport, type ProjectFormat } from './project-exports';
import { renderReport, REPORT_FORMATS, type ReportFormat } from './report';
import { documentToCsl, inferReferenceType, type CslItem } from '../../shared/csl';
import { citationKeys } from '../../shared/citation-keys';
import type { DocumentSummary } from '../../shared/domain';
import { DossierError } from '../../shared/errors';
import { getDocumentSummary, listDocumentRows } from '../db/documents';
import { statement } from '../db/statements';
import { pageAt, type Project } from '../project';
import { writeFileAtomic } from './atomic-write';
import { searchProject } from './search';
import type * as EngineModule from '../citations/engine';
import { escapeHtml } from '../exports/html';

let engine: Promise<typeof EngineModule> | null = null;
export const loadEngine = () => (engine ??= import('../citations/engine'));

const DEFAULT_STYLE = 'apa';

/** The CSL item of a document. */
export const referenceOf = (doc: DocumentSummary): CslItem => documentToCsl(doc);

/**
 * Items as citeproc gets them: an outlet's name is a proper name styled by its owner ("Báo Thanh niên"), so
 * a style's title case must leave it alone (citeproc-js reads this markup; the exports never carry it).
 */
export const forFormatting = (items: CslItem[]): CslItem[] =>
  items.map((item) =>
    item['container-title']
      ? { ...item, 'container-title': `<span class="nocase">${item['container-title']}</span>` }
      : item,
  );

/** The live documents (those named, in that order, or all in import order) as CSL items, with their keys. */
export function referenceItems(project: Project, documentIds?: readonly string[]): CslItem[] {
  // Keys are made among all the project's references, so a document keeps its key whatever the scope.
  const all = listDocumentRows(project.db).map(referenceOf);
  const keys = citationKeys(all);
  const byId = new Map(all.map((item) => [item.id, item]));
  const items = documentIds ? documentIds.flatMap((id) => byId.get(id) ?? []) : all;
  return items.map((item) => ({ ...item, 'citation-key': keys.get(item.id)! }));
}

/** The documents a scope query names: those it finds, and the documents of the passages and claims it finds. */
export function documentsInScope(project: Project, scope: string): string[] {
  const { results } = searchProject(
    project,
    { query: scope, kinds: ['document', 'passage', 'claim'], limit: 1_000_000, prefixLast: false },
    { exhaustive: true },
  );
  const ids = new Set<string>();
  const claimIds: string[] = [];
  for (const r of results) {
    if (r.kind === 'claim') claimIds.push(r.id);
    else if (r.documentId) ids.add(r.documentId);
  }
  const passagesOf = statement(
    project.db,
    `SELECT DISTINCT h.document_id FROM claim_passages cp JOIN highlights h ON h.id = cp.highlight_id
     WHERE cp.claim_id = ? AND cp.deleted_at IS NULL AND h.deleted_at IS NULL`,
  );
  for (const id of claimIds) for (const doc of passagesOf.pluck().all(id) as string[]) ids.add(doc);
  // In the project's order, so an export of a scope reads like an export of everything.
  return listDocumentRows(project.db)
    .filter((d) => ids.has(d.id))
    .map((d) => d.id);
}

// ---------------------------------------------------------------------------------------------------------
// Styles

const stylesDir = (dataDir: string) => join(dataDir, 'styles');

/** The bundled styles, then the user's, by title. */
export async function listStyles(dataDir: string): Promise<CitationStyle[]> {
  const { BUNDLED_STYLES, parseStyle } = await loadEngine();
  const bundled = BUNDLED_STYLES.map((s) => ({ id: s.id, title: s.title, class: s.class, bundled: true }));
  const added: CitationStyle[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(stylesDir(dataDir)).filter((f) => f.endsWith('.csl'));
  } catch {
    // No styles added yet.
  }
  for (const file of files) {
    try {
      const info = parseStyle(readFileSync(join(stylesDir(dataDir), file), 'utf8'));
      added.push({ id: file.slice(0, -4), title: info.title, class: info.class, bundled: false });
    } catch {
      // A file changed outside Dossier that no longer reads is left out, not fatal.
    }
  }
  return [...bundled, ...added.sort((a, b) => a.title.localeCompare(b.title))];
}

/** Adds a user's .csl file, checked first; the same style added again replaces itself. */
export async function addStyle(dataDir: string, fileName: string, xml: string): Promise<CitationStyle> {
  const { parseStyle } = await loadEngine();
  const info = parseStyle(xml);
  const slug = info.title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  const id = `${slug || 'style'}-${createHash('sha256')
    .update(info.id || fileName)
    .digest('hex')
    .slice(0, 8)}`;
  mkdirSync(stylesDir(dataDir), { recursive: true });
  writeFileAtomic(join(stylesDir(dataDir), `${id}.csl`), xml);
  return { id, title: info.title, class: info.class, bundled: false };
}

export function removeStyle(dataDir: string, id: string): { id: string } {
  if (!/^[a-z0-9-]+$/.test(id)) throw new DossierError('not_found', 'There is no such style.');
  const path = join(stylesDir(dataDir), `${id}.csl`);
  try {
    readFileSync(path);
  } catch {
    throw new DossierError('not_found', 'There is no such style (bundled styles cannot be removed).');
  }
  rmSync(path);
  return { id };
}

/** A style's XML: a bundled id, a style the user added, or (from the CLI) a .csl file's text. */
export async function styleXml(dataDir: string, ref: string | undefined): Promise<string> {
  const { bundledStyleXml, isBundledStyle } = await loadEngine();
  const id = ref ?? DEFAULT_STYLE;
  if (isBundledStyle(id)) return bundledStyleXml(id);
  if (/^[a-z0-9-]+$/.test(id)) {
    try {
      return readFileSync(join(stylesDir(dataDir), `${id}.csl`), 'utf8');
    } catch {
      // Not one of the user's styles either.
    }
  }
  const known = (await listStyles(dataDir)).map((s) => s.id).join(', ');
  throw new DossierError('invalid_input', `There is no style "${id}". Styles: ${known}.`);
}

// ---------------------------------------------------------------------------------------------------------
// References and quotes

export async function documentReference(
  project: Project,
  dataDir: string,
  input: OpParsedInput<'citations.reference'>,
) {
  const doc = getDocumentSummary(project.db, input.documentId);
  if (!doc) throw new DossierError('not_found', 'That document is not in this project.');
  const { createCiter } = await loadEngine();
  const item = referenceOf(doc);
  const citer = createCiter({
    style: await styleXml(dataDir, input.style),
    locale: input.locale,
    items: forFormatting([item]),
  });
  return {
    text: citer.bibliography('text')[0] ?? '',
    html: citer.bibliography('html')[0] ?? '',
    type: item.type,
    typeInferred: doc.referenceType === null || doc.referenceType === inferReferenceType(doc),
  };
}

interface Quoted {
  quote: string;
  documentId: string;
  page: number | null;
}

function quotedPassages(project: Project, input: { highlightId?: string; claimId?: string }): Quoted[] {
  const rows = (
    input.highlightId
      ? statement(
          project.db,
          `SELECT h.quote_exact AS quote, h.document_id, h.pos_start FROM highlights h
           JOIN documents d ON d.id = h.document_id AND d.deleted_at IS NULL
           WHERE h.id = ? AND h.deleted_at IS NULL`,
        ).all(input.highlightId)
      : statement(
          project.db,
          `SELECT h.quote_exact AS quote, h.document_id, h.pos_start FROM claim_passages cp
           JOIN claims c ON c.id = cp.claim_id AND c.deleted_at IS NULL
           JOIN highlights h ON h.id = cp.highlight_id AND h.deleted_at IS NULL
           JOIN documents d ON d.id = h.document_id AND d.deleted_at IS NULL
           WHERE cp.claim_id = ? AND cp.deleted_at IS NULL
           ORDER BY coalesce(d.title, d.file_name), h.document_id, h.pos_start`,
        ).all(input.claimId)
  ) as { quote: string; document_id: string; pos_start: number }[];
  if (rows.length === 0) {
    throw new DossierError(
      'not_found',
      input.highlightId ? 'That highlight is not in this project.' : 'That claim has no passages to quote.',
    );
  }
  return rows.map((r) => {
    const index = project.pageIndex(r.document_id);
    return { quote: r.quote, documentId: r.document_id, page: index ? pageAt(index, r.pos_start) : null };
  });
}

/**
 * A quote citation: each passage in quotation marks with its citation (the page when the document has
 * pages), then the bibliography entries. In a note style the citation is a numbered note after the quote.
 */
export async function quoteCitation(
  project: Project,
  dataDir: string,
  input: OpParsedInput<'citations.quote'>,
): Promise<{ text: string; html: string }> {
  const passages = quotedPassages(project, input);
  const documentIds = [...new Set(passages.map((p) => p.documentId))];
  const items = referenceItems(project, documentIds);
  const { createCiter } = await loadEngine();
  const citer = createCiter({
    style: await styleXml(dataDir, input.style),
    locale: input.locale,
    items: forFormatting(items),
  });
  const cite = (p: Quoted, format: 'text' | 'html') =>
    citer.cite(
      [{ id: p.documentId, ...(p.page !== null ? { locator: String(p.page), label: 'page' } : {}) }],
      format,
    );
  const note = citer.styleClass === 'note';
  const text: string[] = [];
  const html: string[] = [];
  passages.forEach((p, i) => {
    const quote = `“${p.quote.trim()}”`;
    if (note) {
      text.push(`${quote}[${i + 1}]`);
      html.push(`<p>${escapeHtml(quote)}<sup>${i + 1}</sup></p>`);
    } else {
      text.push(`${quote} ${cite(p, 'text')}`);
      html.push(`<p>${escapeHtml(quote)} ${cite(p, 'html')}</p>`);
    }
  });
  if (note) {
    passages.forEach((p, i) => {
      text.push(`[${i + 1}] ${cite(p, 'text')}`);
      html.push(`<p><sup>${i + 1}</sup> ${cite(p, 'html')}</p>`);
    });
  }
  const entriesText = citer.bibliography('text');
  const entriesHtml = citer.bibliography('html');
  return {
    text: [...text, '', ...entriesText].join('\n'),
    html: [
      ...html,
      ...entriesHtml.map(
        (e) => `<div class="csl-entry">${e.replace(/^<div class="csl-entry">|<\/div>$/g, '')}</div>`,
      ),
    ].join('\n'),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Exports

const EXTENSIONS = { 'csl-json': 'json', bibtex: 'bib', biblatex: 'bib', ris: 'ris' } as const;
const MEDIA_TYPES = {
  'csl-json': 'application/vnd.citationstyles.csl+json',
  bibtex: 'application/x-bibtex',
  biblatex: 'application/x-bibtex',
  ris: 'application/x-research-info-systems',
} as const;

/** A formatted bibliography as a whole HTML page: no script, no style sheet, nothing fetched. */
function bibliographyPage(entries: string[], title: string): string {
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8">',
    // Nothing to load, and nothing a hostile style's markup could make it load.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(title)}</title>`,
    '</head><body>',
    `<div class="csl-bib-body">`,
    ...entries,
    '</div>',
    '</body></html>',
    '',
  ].join('\n');
}

/** `styleXml` is a style file's text given directly (the CLI's --style FILE.csl), checked here. */
export async function renderExport(
  project: Project,
  dataDir: string,
  input: OpParsedInput<'exports.render'>,
  options: { styleXml?: string } = {},
): Promise<ExportResult> {
  if ((REPORT_FORMATS as readonly string[]).includes(input.format)) {
    return renderReport(project, dataDir, input, options);
  }
  if (!(REFERENCE_FORMATS as readonly string[]).includes(input.format))
    return renderProjectExport(project, input);
  const ids = input.scope?.trim() ? documentsInScope(project, input.scope) : undefined;
  const all = referenceItems(project, ids);
  const items = input.limit ? all.slice(0, input.limit) : all;
  const base = 'Dossier references';
  if (input.format !== 'bibliography') {
    const { toBibTeX } = await import('../citations/bibtex');
    const { toRIS } = await import('../citations/ris');
    const format = input.format as Exclude<
      typeof input.format,
      'bibliography' | ProjectFormat | ReportFormat
    >;
    const content =
      format === 'csl-json'
        ? `${JSON.stringify(items, null, 2)}\n`
        : format === 'ris'
          ? toRIS(items)
          : toBibTeX(items, format);
    return {
      fileName: `${base}.${EXTENSIONS[format]}`,
      mediaType: MEDIA_TYPES[format],
      content,
      encoding: 'utf8',
      count: all.length,
    };
  }
  const { parseStyle } = await loadEngine();
  if (options.styleXml !== undefined) parseStyle(options.styleXml);
  const style = options.styleXml ?? (await styleXml(dataDir, input.style));
  // In worker threads: a long list takes seconds, which the main process spends answering the window.
  const { formatBibliography } = await import('../citations/bibliography');
  const entries =
    items.length > 0
      ? await formatBibliography({
          style,
          locale: input.locale,
          items: forFormatting(items),
          format: input.output,
        })
      : [];
  const content =
    input.output === 'html'
      ? bibliographyPage(entries, base)
      : input.output === 'rtf'
        ? `{\\rtf1\\ansi\\deff0\n${entries.map((e) => `{\\pard ${e}\\par}`).join('\n')}\n}\n`
        : `${entries.join('\n\n')}\n`;
  const extension = { text: 'txt', html: 'html', rtf: 'rtf' }[input.output];
  const mediaType = { text: 'text/plain', html: 'text/html', rtf: 'application/rtf' }[input.output];
  return {
    fileName: `${base}.${extension}`,
    mediaType: `${mediaType}; charset=utf-8`,
    content,
    encoding: 'utf8',
    count: all.length,
  };
}
