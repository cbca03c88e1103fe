// Facets: the filters a document or passage is searched by (outlet:, lang:, date:) indexed as tokens beside its
// words, so that "date:2019 minister" is one intersection of two lists inside the index, read lazily, rather
// than every "minister" checked against a date (a second and more at 100,000 documents). A facet token is a
// private-use character, a letter for the facet, and the value: the tokenizer keeps it whole, and no word can
// be one.
//
// Dates are indexed at their precision and matched as "shares a day with the range": a document of
// 2019-03-04 has the tokens of its year, month and day; one of March 2019 those of its year and month and a
// "month as a whole" token; one of 2019 its year and a "year as a whole" token. A range is cut into the whole
// years, whole months and single days it covers, plus the "as a whole" tokens of the years and months it
// covers in part: a date that covers such a month shares a day with the range. A month-day date without a
// year is in no range.
import { civilDate, dayNumber, daysInMonth } from './date-spans';
import { parsePartialDate } from './dates';
import { searchWords } from './annotations';

export const FACET_MARK = '\uE003';
/** Joins the subtags of a language tag inside one token. */
const SUBTAG_JOIN = '\uE000';

/** More tokens than this for a date range (a century of years) and the range is checked row by row instead. */
export const MAX_DATE_TOKENS = 64;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const year = (y: number) => `${FACET_MARK}y${pad(y, 4)}`;
const month = (y: number, m: number) => `${FACET_MARK}m${pad(y, 4)}${pad(m, 2)}`;
const day = (y: number, m: number, d: number) => `${FACET_MARK}d${pad(y, 4)}${pad(m, 2)}${pad(d, 2)}`;
const wholeYear = (y: number) => `${FACET_MARK}py${pad(y, 4)}`;
const wholeMonth = (y: number, m: number) => `${FACET_MARK}pm${pad(y, 4)}${pad(m, 2)}`;

/** The tokens of a partial date ("2019-03-04", "2019-03", "~2019"); none without a year. */
export function dateFacets(value: string | null): string[] {
  const parts = value ? parsePartialDate(value) : null;
  if (!parts || parts.year === null) return [];
  const y = parts.year;
  if (parts.month === null) return [year(y), wholeYear(y)];
  if (parts.day === null) return [year(y), month(y, parts.month), wholeMonth(y, parts.month)];
  return [year(y), month(y, parts.month), day(y, parts.month, parts.day)];
}

/** The tokens any of which a date sharing a day with [from, to] has; null when there would be too many. */
export function dateRangeTokens(from: number, to: number): string[] | null {
  const tokens: string[] = [];
  const partYears = new Set<number>();
  const partMonths = new Map<string, [number, number]>();
  for (let at = from; at <= to;) {
    if (tokens.length > MAX_DATE_TOKENS) return null;
    const { year: y, month: m, day: d } = civilDate(at);
    const yearEnd = dayNumber(y, 12, 31);
    if (m === 1 && d === 1 && yearEnd <= to) {
      tokens.push(year(y));
      at = yearEnd + 1;
      continue;
    }
    partYears.add(y);
    const monthEnd = dayNumber(y, m, daysInMonth(y, m));
    if (d === 1 && monthEnd <= to) {
      tokens.push(month(y, m));
      at = monthEnd + 1;
      continue;
    }
    partMonths.set(`${y}-${m}`, [y, m]);
    tokens.push(day(y, m, d));
    at += 1;
  }
  tokens.push(
    ...[...partYears].map(wholeYear),
    ...[...partMonths.values()].map(([y, m]) => wholeMonth(y, m)),
  );
  return tokens.length > MAX_DATE_TOKENS ? null : tokens;
}

/** An outlet's tokens: its words, in order. */
export const outletFacets = (outlet: string | null): string[] =>
  outlet ? searchWords(outlet).map((word) => `${FACET_MARK}o${word}`) : [];

/** The tokens, in order, an outlet: filter looks for (its last word a prefix); empty if it has no words. */
export const outletFilterTokens = (filter: string): string[] => outletFacets(filter);

/**
 * Whether an outlet: filter holds for an outlet, by the index's rule: the filter's words stand together in
 * the outlet's name, the last one as the start of a word ("outlet:der spie" finds Der Spiegel).
 */
export function outletMatches(filter: string, outlet: string): boolean {
  const want = searchWords(filter);
  const have = searchWords(outlet);
  if (want.length === 0) return false;
  const last = want.length - 1;
  for (let i = 0; i + last < have.length; i++) {
    if (want.every((w, j) => (j === last ? have[i + j]!.startsWith(w) : have[i + j] === w))) return true;
  }
  return false;
}

/** A language tag's tokens: each leading run of its subtags ("zh", "zh-hant", "zh-hant-tw"). */
export function languageFacets(language: string | null): string[] {
  const subtags = (language ?? '').toLowerCase().split(/[-_]/).filter(Boolean);
  return subtags.map((_, i) => `${FACET_MARK}l${subtags.slice(0, i + 1).join(SUBTAG_JOIN)}`);
}

/** Whether a lang: filter holds for a language tag, by the index's rule (subtags from the start). */
export function languageMatches(filter: string, language: string): boolean {
  const token = languageFilterToken(filter);
  return token !== null && languageFacets(language).includes(token);
}

/** The token a lang: filter looks for: "nl" finds nl and nl-BE, "nl-be" only nl-BE. */
export const languageFilterToken = (filter: string): string | null => languageFacets(filter).at(-1) ?? null;

/** The facets column of a document, or of a passage (its document's): outlet words, language, date. */
export function facetsText(outlet: string | null, language: string | null, published: string | null): string {
  return [...outletFacets(outlet), ...languageFacets(language), ...dateFacets(published)].join(' ');
}
