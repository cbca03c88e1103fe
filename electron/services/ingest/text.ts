// Finds the paragraphs of a plain-text file without changing a character of it. The canonical text is the
// decoded file itself (only trailing blank space at the very end goes), so offsets stay stable and a quote
// copied from the original file is found verbatim; structure lives only in the block ranges.
import type { Block } from '../../../shared/domain';

export interface StructuredText {
  text: string;
  blocks: Block[];
}

interface Line {
  /** Offset of the line's first character in the canonical text. */
  start: number;
  /** The line without its trailing whitespace; its length is the line's width on screen. */
  content: string;
}

/** Hard-wrapped prose is written to a fixed width; these bound the widths people and tools actually use. */
const MIN_WRAP_WIDTH = 50;
const MAX_WRAP_WIDTH = 80;
const MIN_WRAPPED_LINES = 3;
/** Share of lines (all but the last) that must fit the wrapping pattern; a few misfits are tolerated. */
const WRAPPED_SHARE = 0.75;

export function structurePlainText(decoded: string): StructuredText {
  const text = decoded.trimEnd();
  const blocks: Block[] = [];
  for (const run of runsOfNonBlankLines(splitLines(text))) {
    if (isHardWrapped(run)) {
      for (const paragraph of splitWrappedRun(run)) blocks.push(paragraphBlock(paragraph));
    } else {
      for (const line of run) blocks.push(...lineBlocks(line));
    }
  }
  return { text, blocks };
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    lines.push({ start, content: raw.trimEnd() });
    start += raw.length + 1;
  }
  return lines;
}

/** Blank lines separate paragraphs; between them, consecutive lines form a run. */
function runsOfNonBlankLines(lines: Line[]): Line[][] {
  const runs: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (line.content.trim() === '') {
      if (current.length > 0) runs.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/**
 * Text copied from the web puts a whole paragraph on each line, while e-mail, Project Gutenberg and the like
 * wrap paragraphs at a fixed width. Wrapped lines are mostly of similar width and each ends where the next
 * word would not have fitted; a list of headlines of similar length fails those tests or the capitals test.
 */
function isHardWrapped(run: Line[]): boolean {
  if (run.length < MIN_WRAPPED_LINES) return false;
  const lastLine = run[run.length - 1];
  if (!lastLine || lastLine.content.length > MAX_WRAP_WIDTH) return false;
  const wrappedLines = run.slice(0, -1);
  const inWidthRange = wrappedLines.filter(
    (line) => line.content.length >= MIN_WRAP_WIDTH && line.content.length <= MAX_WRAP_WIDTH,
  );
  if (inWidthRange.length < WRAPPED_SHARE * wrappedLines.length) return false;
  // Wrapping breaks sentences anywhere, so some line goes on with a lower-case word; a list does not.
  if (run.slice(1).every((line) => /^\P{L}*\p{Lu}/u.test(line.content.trimStart()))) return false;
  const width = wrapWidth(run);
  const fullLines = wrappedLines.filter((line, i) => nextWordWouldNotFit(line, run[i + 1], width));
  return fullLines.length >= WRAPPED_SHARE * wrappedLines.length;
}

/** The longest line within the wrapping range is the best estimate of the width the text was wrapped to. */
function wrapWidth(run: Line[]): number {
  return run.reduce(
    (widest, line) =>
      line.content.length <= MAX_WRAP_WIDTH ? Math.max(widest, line.content.length) : widest,
    0,
  );
}

function nextWordWouldNotFit(line: Line, next: Line | undefined, width: number): boolean {
  if (!next) return false;
  const nextWord = next.content.trim().split(/\s+/)[0] ?? '';
  return line.content.length + 1 + nextWord.length > width;
}

/**
 * Inside wrapped text a line that stops short although the next word would have fitted was ended on purpose:
 * it closes a paragraph (wrapped paragraphs are sometimes not separated by blank lines).
 */
function splitWrappedRun(run: Line[]): Line[][] {
  const width = wrapWidth(run);
  const paragraphs: Line[][] = [];
  let current: Line[] = [];
  run.forEach((line, i) => {
    current.push(line);
    const next = run[i + 1];
    if (!next || !nextWordWouldNotFit(line, next, width)) {
      paragraphs.push(current);
      current = [];
    }
  });
  return paragraphs;
}

/**
 * A rule of 3+ decoration characters after the words of a line ("orinocotribune 17 februari 2022 (EN) ~~~")
 * is layout, not part of the line's statement: a block of its own, so the boilerplate pass can hide the rule
 * without hiding the source note.
 */
const TRAILING_DECORATION = /\s+([~*=_#•·–—-]{3,})$/u;
const DECORATION_CHARACTERS = '~*=_#•·–—-';
const WORDS = /[\p{L}\p{N}]/u;

function lineBlocks(line: Line): Block[] {
  // The one-character test first: nearly every line ends otherwise, and this runs on every line of a file.
  const last = line.content.charAt(line.content.length - 1);
  const match = last && DECORATION_CHARACTERS.includes(last) ? TRAILING_DECORATION.exec(line.content) : null;
  const decoration = match?.[1];
  if (!match || decoration === undefined || !WORDS.test(line.content.slice(0, match.index))) {
    return [paragraphBlock([line])];
  }
  const end = line.start + line.content.length;
  return [
    paragraphBlock([{ start: line.start, content: line.content.slice(0, match.index) }]),
    { type: 'paragraph', start: end - decoration.length, end },
  ];
}

/** A block spans its lines, without the first line's indentation or the last line's trailing space. */
function paragraphBlock(lines: Line[]): Block {
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (!first || !last) throw new Error('a paragraph needs at least one line');
  const indentation = first.content.length - first.content.trimStart().length;
  return { type: 'paragraph', start: first.start + indentation, end: last.start + last.content.length };
}
