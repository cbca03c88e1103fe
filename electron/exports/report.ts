// The evidence report (issue 7): the chronology of events, each with its claims grouped by relation (supports,
// contradicts, mentions), each claim with its status, claimant and quoted passages, every passage cited in a
// footnote in the chosen CSL style, and the bibliography at the end; claims that belong to no event follow
// the chronology. Built once as plain structure (this module), then written as Markdown, as one HTML file
// that loads nothing, or as DOCX with real footnotes.
import { CLAIM_STATUS_LABELS, EVENT_RELATIONS, type Claim } from '../../shared/annotations';
import { formatPartialDate } from '../../shared/dates';
import type { Event } from '../../shared/events';
import type { ExportLookups } from './lookups';
import { escapeHtml } from './html';

export interface Run {
  text: string;
  italic?: boolean;
  bold?: boolean;
  /** A footnote's number, placed after the run's text. */
  footnote?: number;
}

export type HeadingKind = 'title' | 'heading' | 'subheading' | 'label';
export type Block = { kind: HeadingKind; text: string } | { kind: 'paragraph' | 'quote'; runs: Run[] };
const isHeading = (block: Block): block is Extract<Block, { text: string }> => 'text' in block;

export interface Report {
  title: string;
  blocks: Block[];
  /** Footnote texts, the first is footnote 1. */
  footnotes: string[];
  /** The bibliography entries, as the style writes them. */
  bibliography: string[];
}

export interface ReportCiter {
  /** A citation of a passage (its document, the page if known), as text. */
  cite(documentId: string, page: number | null): string;
}

const RELATION_TITLES = {
  supports: 'Supporting claims',
  contradicts: 'Contradicting claims',
  mentions: 'Mentions',
};

export function buildReport(options: {
  title: string;
  events: readonly Event[];
  claims: readonly Claim[];
  lookups: ExportLookups;
  citer: ReportCiter;
  bibliography: string[];
  includeNotes: boolean;
  generatedAt: string;
}): Report {
  const { lookups, citer } = options;
  const blocks: Block[] = [{ kind: 'title', text: options.title }];
  const footnotes: string[] = [];
  blocks.push({
    kind: 'paragraph',
    runs: [{ text: `Evidence report, ${options.generatedAt.slice(0, 10)}.`, italic: true }],
  });
  const included = new Set(options.claims.map((c) => c.id));

  const claimBlocks = (claim: Claim) => {
    const claimant = lookups.entity(claim.claimantId)?.name;
    const when = formatPartialDate(claim.claimDate);
    blocks.push({
      kind: 'paragraph',
      runs: [
        { text: claim.statement, bold: true },
        {
          text: ` (${[claimant ? `claimed by ${claimant}` : 'claimant unknown', when, CLAIM_STATUS_LABELS[claim.status].toLowerCase()].filter(Boolean).join(', ')})`,
        },
      ],
    });
    for (const passage of claim.passages) {
      footnotes.push(citer.cite(passage.documentId, passage.page));
      blocks.push({
        kind: 'quote',
        runs: [{ text: `“${passage.quote.trim()}”`, footnote: footnotes.length }],
      });
    }
    if (options.includeNotes) {
      if (claim.rationale)
        blocks.push({ kind: 'paragraph', runs: [{ text: `Assessment: ${claim.rationale}` }] });
      if (claim.note)
        blocks.push({ kind: 'paragraph', runs: [{ text: `Note: ${claim.note}`, italic: true }] });
    }
  };

  const placed = new Set<string>();
  const events = options.events.filter((e) =>
    lookups.claimsOf(e.id).some(({ claim }) => included.has(claim.id)),
  );
  if (events.length > 0) blocks.push({ kind: 'heading', text: 'Chronology' });
  for (const event of events) {
    const when = formatPartialDate(event.start) + (event.end ? ` – ${formatPartialDate(event.end)}` : '');
    blocks.push({
      kind: 'subheading',
      text: `${when}: ${event.title}${event.contested ? ' (contested)' : ''}`,
    });
    if (event.description) blocks.push({ kind: 'paragraph', runs: [{ text: event.description }] });
    const linked = lookups.claimsOf(event.id).filter(({ claim }) => included.has(claim.id));
    for (const relation of EVENT_RELATIONS) {
      const group = linked.filter((l) => l.relation === relation);
      if (group.length === 0) continue;
      blocks.push({ kind: 'label', text: RELATION_TITLES[relation] });
      for (const { claim } of group) {
        placed.add(claim.id);
        claimBlocks(claim);
      }
    }
  }
  const unplaced = options.claims.filter((c) => !placed.has(c.id));
  if (unplaced.length > 0) {
    blocks.push({ kind: 'heading', text: events.length > 0 ? 'Other claims' : 'Claims' });
    for (const claim of unplaced) claimBlocks(claim);
  }
  return { title: options.title, blocks, footnotes, bibliography: options.bibliography };
}

// ---------------------------------------------------------------------------------------------------------
// Markdown

/**
 * Text from the project made inert in Markdown: no link, image, HTML tag, emphasis or code can come of it
 * (brackets, angle brackets and the emphasis marks are escaped), and text that starts a block cannot make it
 * a heading, a list or a rule. Everything else is left readable.
 */
export const escapeMarkdown = (text: string) =>
  text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/([\\`*_[\]<>|~])/g, '\\$1')
    .replace(/^(\s*)([#+=-]|\d+[.)])/, '$1\\$2');

export function reportMarkdown(report: Report): string {
  const runs = (list: Run[]) =>
    list
      .map((r) => {
        let text = escapeMarkdown(r.text).replace(/\n+/g, ' ');
        if (r.bold) text = `**${text}**`;
        if (r.italic) text = `*${text}*`;
        return r.footnote ? `${text}[^${r.footnote}]` : text;
      })
      .join('');
  const lines: string[] = [];
  const marks: Record<HeadingKind, string> = { title: '#', heading: '##', subheading: '###', label: '####' };
  for (const block of report.blocks) {
    if (isHeading(block)) lines.push(`${marks[block.kind]} ${escapeMarkdown(block.text)}`, '');
    else lines.push(`${block.kind === 'quote' ? '> ' : ''}${runs(block.runs)}`, '');
  }
  if (report.bibliography.length > 0) {
    lines.push('## References', '', ...report.bibliography.flatMap((e) => [escapeMarkdown(e), '']));
  }
  report.footnotes.forEach((note, i) => lines.push(`[^${i + 1}]: ${escapeMarkdown(note)}`));
  return `${lines.join('\n').trimEnd()}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// HTML

const STYLE = `body{font-family:Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
blockquote{margin:.5rem 0 .5rem 1.5rem;padding-left:.75rem;border-left:3px solid #999}
h4{margin-bottom:.25rem}.footnotes{font-size:.9rem;border-top:1px solid #ccc;margin-top:2rem}
.references p{padding-left:1.5rem;text-indent:-1.5rem}`;

/**
 * One self-contained page: its style sheet inline, no script, no image, no link to anything; a Content
 * Security Policy that forbids loading anything says so to the browser too.
 */
export function reportHtml(report: Report): string {
  const runs = (list: Run[]) =>
    list
      .map((r) => {
        let text = escapeHtml(r.text);
        if (r.bold) text = `<strong>${text}</strong>`;
        if (r.italic) text = `<em>${text}</em>`;
        return r.footnote
          ? `${text}<sup><a href="#fn${r.footnote}" id="ref${r.footnote}">${r.footnote}</a></sup>`
          : text;
      })
      .join('');
  const tags: Record<HeadingKind, string> = { title: 'h1', heading: 'h2', subheading: 'h3', label: 'h4' };
  const body = report.blocks.map((block) => {
    if (isHeading(block)) return `<${tags[block.kind]}>${escapeHtml(block.text)}</${tags[block.kind]}>`;
    return block.kind === 'quote'
      ? `<blockquote><p>${runs(block.runs)}</p></blockquote>`
      : `<p>${runs(block.runs)}</p>`;
  });
  const references =
    report.bibliography.length > 0
      ? [
          `<section class="references"><h2>References</h2>`,
          ...report.bibliography.map((e) => `<p>${escapeHtml(e)}</p>`),
          '</section>',
        ]
      : [];
  const notes =
    report.footnotes.length > 0
      ? [
          '<section class="footnotes"><ol>',
          ...report.footnotes.map(
            (n, i) => `<li id="fn${i + 1}">${escapeHtml(n)} <a href="#ref${i + 1}">↩</a></li>`,
          ),
          '</ol></section>',
        ]
      : [];
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    ...body,
    ...references,
    ...notes,
    '</body></html>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// DOCX

export async function reportDocx(report: Report): Promise<Uint8Array> {
  const { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const textRuns = (list: Run[]) =>
    list.flatMap((r) => [
      new TextRun({ text: r.text, italics: r.italic ?? false, bold: r.bold ?? false }),
      ...(r.footnote ? [new FootnoteReferenceRun(r.footnote)] : []),
    ]);
  const levels = {
    title: HeadingLevel.TITLE,
    heading: HeadingLevel.HEADING_1,
    subheading: HeadingLevel.HEADING_2,
    label: HeadingLevel.HEADING_3,
  } as const;
  const children = report.blocks.map((block) =>
    isHeading(block)
      ? new Paragraph({ text: block.text, heading: levels[block.kind] })
      : new Paragraph({
          children: textRuns(block.runs),
          ...(block.kind === 'quote' ? { indent: { left: 720 } } : {}),
        }),
  );
  if (report.bibliography.length > 0) {
    children.push(new Paragraph({ text: 'References', heading: HeadingLevel.HEADING_1 }));
    for (const entry of report.bibliography) {
      children.push(new Paragraph({ text: entry, indent: { left: 720, hanging: 720 } }));
    }
  }
  const footnotes = Object.fromEntries(
    report.footnotes.map((text, i) => [i + 1, { children: [new Paragraph({ text })] }]),
  );
  const doc = new Document({
    title: report.title,
    creator: 'Dossier',
    footnotes,
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
