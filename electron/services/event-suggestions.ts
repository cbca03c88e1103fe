// Candidate events from the dates a text states (issue 5): each sentence with a date becomes a suggestion
// with the sentence it comes from, for the user to accept (editing title and date) or dismiss. Nothing is
// created here. Dates are read at the precision the text gives, in the document's language; a date without a
// year takes the year of the publication date only when that makes it no later than the publication, and a
// weekday ("on Thursday") is resolved to the one before publication but marked uncertain: the text says the
// day of the week, not which week.
import { formatPartialDate, parsePartialDate } from '../../shared/dates';
import { dayNumber } from '../../shared/date-spans';
import type { Block } from '../../shared/domain';
import { DossierError } from '../../shared/errors';
import { getDocumentSummary } from '../db/documents';
import type { Project } from '../project';
import { findDate, NO_CONTEXT, type DateContext, type Locale } from './ingest/text-dates';

export interface EventSuggestion {
  /** The sentence the date comes from, and where it is in the document's text. */
  sentence: string;
  start: number;
  end: number;
  /** The words that state the date ("November 7", "on Thursday"). */
  dateText: string;
  /** A partial date, or null when the text names a time that cannot be placed (a weekday, no publication date). */
  date: string | null;
  /** False when the date was inferred beyond what the text states. */
  certain: boolean;
  /** How the date was read, for the user ("year from the publication date, 8 November 2024"). */
  reason: string;
}

export interface SuggestionContext {
  /** The document's publication date (a partial date), to resolve dates without a year and weekdays. */
  published: string | null;
  language: string | null;
  url?: string | null;
}

const MAX_SUGGESTIONS = 500;
const MAX_SENTENCE_CHARS = 1000;

const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  zondag: 0,
  maandag: 1,
  dinsdag: 2,
  woensdag: 3,
  donderdag: 4,
  vrijdag: 5,
  zaterdag: 6,
  domingo: 0,
  lunes: 1,
  martes: 2,
  miércoles: 3,
  jueves: 4,
  viernes: 5,
  sábado: 6,
};
const WEEKDAY = new RegExp(`(?<!\\p{L})(${Object.keys(WEEKDAYS).join('|')})(?!\\p{L})`, 'iu');
/** A year standing for when something happened: "In 1996,", "in 2006", "en 1999", "sinds 2014". */
const YEAR_IN_PROSE =
  /(?<!\p{L})(?:in|since|en|desde|sinds|im|en el año)\s+((?:1[6-9]|20)\d{2})(?![\d/.-]\d)/iu;

/** Suggestions from a document's text (or the part of it in [from, to)), in reading order. */
export function suggestEvents(
  text: string,
  blocks: readonly Block[],
  context: SuggestionContext,
  range: { from: number; to: number } = { from: 0, to: text.length },
): EventSuggestion[] {
  const dateContext: DateContext = context.url
    ? { url: context.url, language: () => context.language ?? undefined }
    : { ...NO_CONTEXT, language: () => context.language ?? undefined };
  const suggestions: EventSuggestion[] = [];
  for (const block of blocks) {
    if (block.boilerplate || block.end <= range.from || block.start >= range.to) continue;
    for (const sentence of sentences(text, block, context.language)) {
      if (sentence.end <= range.from || sentence.start >= range.to) continue;
      for (const found of datesIn(sentence.text, dateContext)) {
        suggestions.push({ ...sentence, sentence: sentence.text, ...resolve(found, context) });
        if (suggestions.length >= MAX_SUGGESTIONS) return suggestions;
      }
    }
  }
  return suggestions;
}

interface Sentence {
  text: string;
  start: number;
  end: number;
}

function sentences(text: string, block: Block, language: string | null): Sentence[] {
  const segmenter = new Intl.Segmenter(language ?? 'en', { granularity: 'sentence' });
  const out: Sentence[] = [];
  for (const part of segmenter.segment(text.slice(block.start, block.end))) {
    const trimmed = part.segment.trim();
    if (!trimmed || trimmed.length > MAX_SENTENCE_CHARS) continue;
    const start = block.start + part.index + part.segment.indexOf(trimmed);
    out.push({ text: trimmed, start, end: start + trimmed.length });
  }
  return out;
}

interface FoundDate {
  dateText: string;
  kind: 'date' | 'weekday';
  value: string | null;
  weekday?: number;
}

/** Every date a sentence states: named or numeric dates, a year "in 1996", or a weekday. */
function datesIn(sentence: string, context: DateContext): FoundDate[] {
  const found: FoundDate[] = [];
  let rest = sentence;
  let offset = 0;
  while (rest.length > 0) {
    const match = findDate(rest, context, false);
    if (!match) break;
    if (match.value)
      found.push({ dateText: rest.slice(match.index, match.end), kind: 'date', value: match.value });
    offset += match.end;
    rest = sentence.slice(offset);
  }
  if (found.length === 0) {
    const year = YEAR_IN_PROSE.exec(sentence);
    if (year?.[1]) found.push({ dateText: year[0], kind: 'date', value: year[1] });
  }
  if (found.length === 0) {
    const weekday = WEEKDAY.exec(sentence);
    if (weekday?.[1]) {
      found.push({
        dateText: weekday[0],
        kind: 'weekday',
        value: null,
        weekday: WEEKDAYS[weekday[1].toLowerCase()]!,
      });
    }
  }
  return found;
}

function resolve(
  found: FoundDate,
  context: SuggestionContext,
): Omit<EventSuggestion, 'sentence' | 'start' | 'end'> {
  const published = context.published ? parsePartialDate(context.published) : null;
  const base = { dateText: found.dateText };
  if (found.kind === 'weekday') {
    if (!published || published.precision !== 'day') {
      return {
        ...base,
        date: null,
        certain: false,
        reason: 'A day of the week, and no publication date to count from',
      };
    }
    const publishedDay = dayNumber(published.year!, published.month!, published.day!);
    // 1970-01-01 was a Thursday (weekday 4).
    const weekdayOf = (n: number) => (((n + 4) % 7) + 7) % 7;
    let back = (weekdayOf(publishedDay) - found.weekday! + 7) % 7;
    if (back === 0) back = 7;
    const date = isoOfDay(publishedDay - back);
    return {
      ...base,
      date,
      certain: false,
      reason: `Read as the ${found.dateText.replace(/^on\s+/i, '')} before publication (${formatPartialDate(context.published)}); the text does not say which week`,
    };
  }
  const value = found.value!;
  const parts = parsePartialDate(value)!;
  if (parts.year !== null || !published || published.year === null) {
    return {
      ...base,
      date: value,
      certain: true,
      reason: parts.year === null ? 'The text gives no year' : 'As the text states it',
    };
  }
  // A day and month without a year, in a dated article: the publication's year, if that is not later than it.
  const candidate = `${parts.circa ? '~' : ''}${String(published.year).padStart(4, '0')}-${pad(parts.month!)}-${pad(parts.day!)}`;
  const publishedKey = [published.year, published.month ?? 12, published.day ?? 31];
  const notLater =
    parts.month! < publishedKey[1]! || (parts.month === publishedKey[1] && parts.day! <= publishedKey[2]!);
  if (notLater) {
    return {
      ...base,
      date: candidate,
      certain: true,
      reason: `Year from the publication date (${formatPartialDate(context.published)})`,
    };
  }
  return {
    ...base,
    date: value,
    certain: false,
    reason: `No year, and ${formatPartialDate(value).replace(' (year unknown)', '')} comes after the publication date: the year is left open`,
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export type { Locale };

/** The suggestions for a document of the project, or for the passage [start, end) of it. */
export function suggestDocumentEvents(
  project: Project,
  input: { documentId: string; start?: number | undefined; end?: number | undefined },
): EventSuggestion[] {
  const summary = getDocumentSummary(project.db, input.documentId);
  const content = summary ? project.documentContent(input.documentId) : null;
  if (!summary || !content) throw new DossierError('not_found', 'That document is not in this project.');
  const from = input.start ?? 0;
  const to = Math.min(input.end ?? content.text.length, content.text.length);
  return suggestEvents(
    content.text,
    content.blocks,
    { published: summary.published, language: summary.language, url: summary.url },
    { from, to },
  );
}
