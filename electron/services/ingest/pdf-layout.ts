// A PDF has no paragraphs, only glyph runs placed on pages. This turns pdf.js's runs into lines, lines into
// paragraphs and headings by the cues a reader uses (gaps, font size, indentation, short last lines), and
// sets running headers, footers and page numbers apart, so the canonical text reads like the document and
// every block can name its page. Plain data in, plain data out: no pdf.js here, so it is tested directly.
import type { Block } from '../../../shared/domain';

/** The parts of a pdf.js TextItem the layout uses. */
export interface TextRun {
  str: string;
  /** [a, b, c, d, e, f]: direction and scale in a-d, position of the run's baseline start in e, f. */
  transform: number[];
  width: number;
  hasEOL: boolean;
  dir?: string;
}

export interface TextLine {
  page: number;
  text: string;
  /** Along the writing direction: where the line starts and ends. */
  start: number;
  end: number;
  /** Across it: grows upwards for horizontal text, so reading down means a smaller baseline. */
  baseline: number;
  size: number;
  /** Lines of rotated text never merge with horizontal ones. */
  orientation: string;
  /** 0 at the page's top edge, 1 at its bottom; only meaningful for horizontal text. */
  depth: number;
}

interface Paragraph {
  page: number;
  lines: TextLine[];
  boilerplate: boolean;
}

const HORIZONTAL = '1,0';
/** Share of the page height at the top and at the bottom where running headers and footers live. */
const MARGIN_BAND = 0.15;
/** How many lines from the top or bottom edge a running header or footer can be. */
const OUTERMOST = 3;
const MAX_RUNNING_LINE = 120;
/** A heading is set clearly larger than the body, and short. */
const HEADING_SIZE_RATIO = 1.15;
const MAX_HEADING_LINES = 3;
const MAX_HEADING_CHARS = 200;
const SIZE_CHANGE = 0.12;
/** "12", "- 12 -", "Page 3 of 10", "S. 4", "xiv": what a margin line holding only a page number says. */
const PAGE_LABEL =
  /^(?:(?:page|p\.|seite|s\.|pág\.?|página|pagina|blz\.?|str\.|стр\.)\s*)?[-–—]?\s*([\divxlc]+)\s*[-–—]?(?:\s*(?:of|\/|von|de|sur|di|van|из)\s*\d{1,5})?$/iu;
const WELL_FORMED_ROMAN = /^c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/u;

function isPageNumber(text: string): boolean {
  const label = PAGE_LABEL.exec(text)?.[1];
  if (!label) return false;
  if (/^\d{1,5}$/u.test(label)) return true;
  // Roman numerals only of one case and well formed: "xiv" and "XIV", not "Vi" or "civil".
  return /^(?:[ivxlc]+|[IVXLC]+)$/u.test(label) && WELL_FORMED_ROMAN.test(label.toLowerCase());
}

interface LineBuilder extends TextLine {
  /** pdf.js said the line ends here. */
  ended: boolean;
  /** Characters of the run whose size the line takes: the line's size is that of most of its text. */
  weight: number;
}

/** Groups one page's runs into lines, in the order the page draws them (usually reading order). */
export function linesOfPage(page: number, view: number[], runs: Iterable<TextRun>): TextLine[] {
  const [, bottom = 0, , top = 0] = view;
  const height = top - bottom || 1;
  const lines: TextLine[] = [];
  let line: LineBuilder | null = null;
  for (const run of runs) {
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = run.transform;
    const scale = Math.hypot(a, b);
    if (run.str === '' || scale === 0) {
      if (run.hasEOL && line) line.ended = true;
      continue;
    }
    const [ux, uy] = [a / scale, b / scale];
    const size = Math.hypot(c, d) || scale;
    const start = ux * e + uy * f;
    const baseline = -uy * e + ux * f;
    const orientation = `${Math.round(ux)},${Math.round(uy)}`;
    const weight = run.str.trim().length;
    const continues =
      line !== null &&
      !line.ended &&
      line.orientation === orientation &&
      // Superscripts and subscripts sit off the baseline; the next line sits a whole line away.
      Math.abs(baseline - line.baseline) <= 0.5 * Math.max(size, line.size);
    if (line && continues) {
      // pdf.js adds the spaces it can infer; a visible gap between runs without one is a word break too.
      const gap = run.dir === 'rtl' ? 0 : start - line.end;
      const space = gap > 0.2 * size && !/\s$/u.test(line.text) && !/^\s/u.test(run.str) ? ' ' : '';
      line.text += space + run.str;
      line.end = Math.max(line.end, start + run.width);
      if (weight > line.weight) [line.size, line.weight] = [size, weight];
    } else {
      if (line) finishLine(line, lines);
      const depth: number = orientation === HORIZONTAL ? (top - f) / height : 0.5;
      line = {
        page,
        text: run.str,
        start,
        end: start + run.width,
        baseline,
        size,
        orientation,
        depth,
        ended: false,
        weight,
      };
    }
    if (run.hasEOL) line.ended = true;
  }
  if (line) finishLine(line, lines);
  return lines;
}

function finishLine({ ended: _ended, weight: _weight, ...line }: LineBuilder, lines: TextLine[]): void {
  const text = line.text.trim();
  if (text) lines.push({ ...line, text });
}

/** Lays out the whole document: its canonical text and blocks, each with its page. */
export function layoutDocument(pages: TextLine[][]): { text: string; blocks: Block[] } {
  const all = pages.flat();
  const bodySize = dominantSize(all);
  const running = findRunningLines(pages, bodySize);
  const leadingRatio = typicalLeadingRatio(pages);
  const paragraphs = pages.flatMap((lines) => paragraphsOfPage(lines, running, bodySize, leadingRatio));
  const isHeading = (p: Paragraph) =>
    !p.boilerplate &&
    p.lines.length <= MAX_HEADING_LINES &&
    p.lines[0]!.size >= HEADING_SIZE_RATIO * bodySize &&
    p.lines.reduce((n, line) => n + line.text.length, 0) <= MAX_HEADING_CHARS;
  // Headings get their level from their size's rank among the document's heading sizes.
  const headingSizes = [...new Set(paragraphs.filter(isHeading).map((p) => roundSize(p.lines[0]!.size)))];
  headingSizes.sort((x, y) => y - x);

  let text = '';
  const blocks: Block[] = [];
  for (const paragraph of paragraphs) {
    const content = normaliseBlockText(joinLines(paragraph.lines));
    if (!content) continue;
    if (text) text += '\n\n';
    const block: Block = { type: 'paragraph', start: text.length, end: text.length + content.length };
    text += content;
    if (isHeading(paragraph)) {
      block.type = 'heading';
      block.level = Math.min(6, headingSizes.indexOf(roundSize(paragraph.lines[0]!.size)) + 1);
    }
    block.page = paragraph.page;
    if (paragraph.boilerplate) block.boilerplate = true;
    blocks.push(block);
  }
  return { text, blocks };
}

const roundSize = (size: number) => Math.round(size * 2) / 2;

/** The body text's size: the one most characters are set in. */
function dominantSize(lines: TextLine[]): number {
  const chars = new Map<number, number>();
  for (const line of lines) {
    const size = roundSize(line.size);
    chars.set(size, (chars.get(size) ?? 0) + line.text.length);
  }
  let best = 0;
  let bestChars = -1;
  for (const [size, count] of chars) {
    if (count > bestChars) [best, bestChars] = [size, count];
  }
  return best || 10;
}

/**
 * Line spacing as a multiple of the font size. The lower quartile of the steps between lines, so that the
 * gaps between paragraphs (which are more frequent where paragraphs are short) do not count as spacing.
 */
function typicalLeadingRatio(pages: TextLine[][]): number {
  const ratios: number[] = [];
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const [prev, line] = [lines[i - 1]!, lines[i]!];
      const drop = prev.baseline - line.baseline;
      if (prev.orientation !== line.orientation || sizeChanges(prev, line)) continue;
      if (drop >= 0.9 * line.size && drop <= 3 * line.size) ratios.push(drop / line.size);
    }
  }
  if (ratios.length === 0) return 1.2;
  ratios.sort((x, y) => x - y);
  return ratios[Math.floor(ratios.length / 4)]!;
}

const sizeChanges = (a: TextLine, b: TextLine) =>
  Math.abs(a.size - b.size) > SIZE_CHANGE * Math.max(a.size, b.size);

/**
 * Running headers and footers: short lines, no larger than the body text, among the outermost lines of the
 * top or bottom margin, repeated at the same height on at least half the pages (or on 3, in long documents
 * whose headers change per chapter), digits ignored so "Page 3" and "Page 4" match. Bare page numbers in
 * those places count whether repeated or not.
 */
function findRunningLines(pages: TextLine[][], bodySize: number): Set<TextLine> {
  const running = new Set<TextLine>();
  const byKey = new Map<string, TextLine[]>();
  for (const line of pages.flatMap(outermostLines)) {
    if (line.text.length > MAX_RUNNING_LINE) continue;
    if (isPageNumber(line.text)) running.add(line);
    if (line.size > HEADING_SIZE_RATIO * bodySize) continue; // "Chapter 2" opening a page is a heading
    const key = line.text.toLowerCase().replace(/\d+/gu, '#').replace(/\s+/gu, ' ');
    const same = byKey.get(key);
    if (same) same.push(line);
    else byKey.set(key, [line]);
  }
  const needed = Math.max(2, Math.min(3, Math.ceil(pages.length / 2)));
  for (const lines of byKey.values()) {
    const baselines = lines.map((line) => line.baseline).sort((x, y) => x - y);
    const median = baselines[Math.floor(baselines.length / 2)]!;
    const atPlace = lines.filter((line) => Math.abs(line.baseline - median) <= Math.max(2, 0.3 * line.size));
    if (new Set(atPlace.map((line) => line.page)).size >= needed)
      for (const line of atPlace) running.add(line);
  }
  return running;
}

/** The few highest and lowest lines of a page, if they sit in its margins. */
function outermostLines(lines: TextLine[]): TextLine[] {
  const horizontal = lines.filter((line) => line.orientation === HORIZONTAL);
  horizontal.sort((x, y) => x.depth - y.depth);
  const top = horizontal.slice(0, OUTERMOST).filter((line) => line.depth <= MARGIN_BAND);
  const bottom = horizontal.slice(-OUTERMOST).filter((line) => line.depth >= 1 - MARGIN_BAND);
  return [...new Set([...top, ...bottom])];
}

function paragraphsOfPage(
  lines: TextLine[],
  running: Set<TextLine>,
  bodySize: number,
  leadingRatio: number,
): Paragraph[] {
  const rightEdge = rightEdgeFinder(lines, running, bodySize);
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  for (const line of lines) {
    if (running.has(line)) {
      paragraphs.push({ page: line.page, lines: [line], boilerplate: true });
      current = null;
      continue;
    }
    const prev = current?.lines.at(-1);
    if (!current || !prev || startsParagraph(prev, line, rightEdge(prev.start), leadingRatio)) {
      current = { page: line.page, lines: [], boilerplate: false };
      paragraphs.push(current);
    }
    current.lines.push(line);
  }
  return paragraphs;
}

/**
 * Where the text column a line belongs to ends on the right: the 90th percentile of the right ends of the
 * lines starting near it (so a stray wide line does not count), per column in a multi-column page.
 */
function rightEdgeFinder(
  lines: TextLine[],
  running: Set<TextLine>,
  bodySize: number,
): (start: number) => number {
  const cache = new Map<number, number>();
  const body = lines.filter((line) => !running.has(line) && line.orientation === HORIZONTAL);
  // Buckets no narrower than a few points bound the work on pages with absurdly small text.
  const bucketWidth = Math.max(bodySize, 4);
  return (start) => {
    const bucket = Math.round(start / bucketWidth);
    let edge = cache.get(bucket);
    if (edge === undefined) {
      const ends = body
        .filter((line) => Math.abs(line.start - start) <= 2 * bodySize)
        .map((line) => line.end)
        .sort((x, y) => x - y);
      edge = ends[Math.min(ends.length - 1, Math.floor(ends.length * 0.9))] ?? start;
      cache.set(bucket, edge);
    }
    return edge;
  };
}

function startsParagraph(prev: TextLine, line: TextLine, rightEdge: number, leadingRatio: number): boolean {
  if (prev.orientation !== line.orientation || sizeChanges(prev, line)) return true;
  const drop = prev.baseline - line.baseline;
  // Back up the page (a new column or box) or further down than the line spacing (a gap).
  if (drop < 0.3 * line.size || drop > 1.35 * leadingRatio * line.size) return true;
  const endedEarly = prev.end < rightEdge - line.size;
  // First-line indentation after a line that stopped short; after a full line it is a hanging indent.
  if (line.start > prev.start + 0.8 * line.size && endedEarly) return true;
  // The previous line ended although this line's first word would have fitted on it: ended on purpose.
  if (/^\p{Ll}/u.test(line.text) || /\p{L}[-\u2010\u00ad]$/u.test(prev.text)) return false;
  const firstWord = line.text.split(/\s/u)[0] ?? '';
  const charWidth = (line.end - line.start) / Math.max(1, line.text.length);
  return prev.end + charWidth * (firstWord.length + 1) + line.size < rightEdge;
}

/** Korean is left out: it puts spaces between words. */
const CJK_END = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
const CJK_START = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Lines of a paragraph join with a space, except across a hyphenated line break: "nego-" + "tiations" is
 * one word; "Franco-" + "German" and "COVID-" + "19" keep their hyphen; a soft hyphen always goes. Chinese
 * and Japanese lines join without a space, as those scripts do not separate words.
 */
function joinLines(lines: TextLine[]): string {
  const parts: string[] = [];
  let previous = '';
  for (const line of lines) {
    const text = line.text.trim();
    if (!previous) parts.push(text);
    else if (/\p{L}[-\u2010]$/u.test(previous) && /^\p{Ll}/u.test(text)) {
      parts[parts.length - 1] = previous.slice(0, -1);
      parts.push(text);
    } else if (/[\p{L}\p{N}][-\u2010]$/u.test(previous) && /^[\p{L}\p{N}]/u.test(text)) parts.push(text);
    else if (previous.endsWith('\u00ad')) {
      parts[parts.length - 1] = previous.slice(0, -1);
      parts.push(text);
    } else if (CJK_END.test(previous) && CJK_START.test(text)) parts.push(text);
    else parts.push(' ', text);
    previous = text;
  }
  return parts.join('');
}

/** NFC, no control characters or soft hyphens, runs of whitespace as one space. */
function normaliseBlockText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\u00ad/gu, '')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();
}
