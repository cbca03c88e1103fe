// Dates in the metadata lines of plain text ("16februari 2022", "December 16", "08/11/2024", "July 2006"),
// read at the precision the line states and never completed by a guess: a missing year stays missing, and a
// numeric date whose day and month order nothing settles is left out.
import * as chrono from 'chrono-node';
import { parsePartialDate } from '../../../shared/dates';

export type Locale = 'en' | 'nl' | 'es' | 'pt' | 'fr' | 'de' | 'ru';
const LOCALES: readonly Locale[] = ['en', 'nl', 'es', 'pt', 'fr', 'de', 'ru'];
/**
 * chrono's parsers of dates with a month's name, from each locale's casual set (the strict one skips "July
 * 2006"). Times, weekdays and relative dates ("today", "3 days ago") never give a publication date and
 * cost most of a parse (some locales rebuild their patterns on every call). Chosen by class name; should
 * a build ever rename classes, the whole casual set is used, and results are still checked for a month.
 */
const PARSERS = Object.fromEntries(
  LOCALES.map((locale) => {
    const casual = chrono[locale].casual;
    const parsers = casual.parsers.filter((parser) => parser.constructor.name.includes('MonthName'));
    return [locale, parsers.length > 0 ? new chrono.Chrono({ parsers, refiners: casual.refiners }) : casual];
  }),
) as Record<Locale, chrono.Chrono>;
/** Month names by locale, January first ('/' separates spellings); only these lines go to chrono. */
const MONTH_NAMES: Record<Locale, string> = {
  en: 'january/jan february/feb march/mar april/apr may june/jun july/jul august/aug september/sept/sep october/oct november/nov december/dec',
  nl: 'januari/jan februari/feb maart/mrt april/apr mei juni/jun juli/jul augustus/aug september/sep oktober/okt november/nov december/dec',
  es: 'enero/ene febrero/feb marzo/mar abril/abr mayo/may junio/jun julio/jul agosto septiembre/setiembre/sep octubre/oct noviembre/nov diciembre/dic',
  pt: 'janeiro/jan fevereiro/fev março/marco/mar abril/abr maio/mai junho/jun julho/jul agosto setembro outubro novembro/nov dezembro/dez',
  fr: 'janvier/janv février/fevrier/févr/fév mars avril/avr mai juin juillet/juil août/aout septembre/sept octobre/oct novembre/nov décembre/decembre/déc',
  de: 'januar/jänner/jan februar/feb märz/mrz april/apr mai juni/jun juli/jul august/aug september/sept/sep oktober/okt november/nov dezember/dez',
  ru: 'января/январь/янв февраля/февраль/фев марта/март/мар апреля/апрель/апр мая/май июня/июнь/июн июля/июль/июл августа/август/авг сентября/сентябрь/сен октября/октябрь/окт ноября/ноябрь/ноя декабря/декабрь/дек',
};
const MONTHS = new Map<string, { month: number; locales: Locale[] }>();
for (const locale of LOCALES) {
  MONTH_NAMES[locale].split(' ').forEach((spellings, i) => {
    for (const name of spellings.split('/')) {
      const known = MONTHS.get(name) ?? { month: i + 1, locales: [] };
      known.locales.push(locale);
      MONTHS.set(name, known);
    }
  });
}
const MONTH_ALTERNATION = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');
const MONTH_WORD = new RegExp(`(?<!\\p{L})(?:${MONTH_ALTERNATION})(?!\\p{L})`, 'iu');
/** "albaciudad16februari 2022": chrono reads "16februari" but not a day glued to the word before it. */
const GLUED_DATE = new RegExp(
  `(?<=\\p{L})(?=\\d{1,2}\\.?\\s?(?:${MONTH_ALTERNATION})(?!\\p{L}))|(?<=\\d)(?=(?:${MONTH_ALTERNATION})(?!\\p{L}))`,
  'giu',
);
/** Month and year that chrono leaves alone in some locales ("abril de 2022", "Mai 2020", "juin 2019"). */
const MONTH_YEAR = new RegExp(
  `(?<!\\d[\\s.]?)(${MONTH_ALTERNATION})\\.?\\s+(?:de\\s+|of\\s+)?((?:1[6-9]|20)\\d{2})(?!\\d)`,
  'iu',
);
const ISO_DATE = /(?<!\d)((?:1[6-9]|20)\d{2})([-/])(\d{1,2})\2(\d{1,2})(?!\d)/u;
const NUMERIC_DATE = /(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2((?:1[6-9]|20)\d{2})(?!\d)/u;
const YEAR = /(?<![\d.,/:-])((?:1[6-9]|20)\d{2})(?![\d/-]|[.,:]\d)/u;
export const NO_CONTEXT: DateContext = { language: () => undefined };
/** Country domains whose numeric dates put the day first; .us and .gov put the month first. */
const DAY_FIRST_DOMAINS = wordSet(
  'vn nl be de at ch fr es pt br it ru ua by kz uk ie au nz in za mx ar cl co ve pe ec uy py bo cu pl cz sk ' +
    'tr gr ro bg rs hr si dk no se fi is ee lv lt id my sg th eg ma ng il pk',
);
const MONTH_FIRST_DOMAINS = new Set(['us', 'gov', 'mil']);
/** Among the languages detected, the ones that write a numeric date month first: none but (US) English. */
const DAY_FIRST_LANGUAGES = wordSet(
  'nl es pt fr de ru vi it pl uk tr ro cs sk sv da nb nn fi et lv lt sl hr bs sr bg mk be el ca gl eu id ms',
);

function wordSet(words: string): Set<string> {
  return new Set(words.split(' '));
}

/** What decides the order of day and month in "08/11/2024" when the numbers do not. */
export interface DateContext {
  /** The document's URL, for its country domain. */
  url?: string;
  /** The language of the line's label ("Bron:" is Dutch). */
  locale?: Locale | 'vi';
  /** The document's detected language, asked only when needed. */
  language: () => string | undefined;
}

export interface DateMatch {
  /** Undefined when the date is there but cannot be read without guessing (08/11/2024, no clue). */
  value?: string;
  index: number;
  end: number;
}

/**
 * The first date in a metadata line, at the precision it states: numeric dates read by their separators and
 * the document's clues, named months by chrono in the locale the month's name belongs to.
 */
export function findDate(line: string, context: DateContext, yearAlone: boolean): DateMatch | undefined {
  const matches: DateMatch[] = [];
  const iso = ISO_DATE.exec(line);
  if (iso) matches.push({ value: partial(iso[1], iso[3], iso[4]), ...span(iso) });
  const numeric = NUMERIC_DATE.exec(line);
  if (numeric) matches.push({ value: readNumericDate(numeric, context), ...span(numeric) });
  if (MONTH_WORD.test(line)) {
    const named = readNamedDate(line, context);
    if (named) matches.push(named);
  }
  if (matches.length === 0 && yearAlone) {
    const year = YEAR.exec(line);
    if (year) matches.push({ value: year[1], ...span(year) });
  }
  return matches.sort((a, b) => a.index - b.index)[0];
}

export function span(match: RegExpExecArray): { index: number; end: number } {
  return { index: match.index, end: match.index + match[0].length };
}

export function partial(year?: string, month?: string, day?: string): string | undefined {
  const pad = (part: string) => part.padStart(2, '0');
  const value = [year ?? '-', month && pad(month), day && pad(day)].filter(Boolean).join('-');
  return parsePartialDate(value) ? value : undefined;
}

/** 08/11/2024: day or month first? The numbers, the separator, the site's country, the language. */
function readNumericDate(match: RegExpExecArray, context: DateContext): string | undefined {
  const [, first = '', separator, second = '', year] = match;
  const a = Number(first);
  const b = Number(second);
  let dayFirst: boolean | undefined;
  if (a > 12 || a === b || separator === '.') dayFirst = true;
  else if (b > 12) dayFirst = false;
  else dayFirst = dayFirstFromContext(context);
  if (dayFirst === undefined) return undefined;
  return dayFirst ? partial(year, second, first) : partial(year, first, second);
}

function dayFirstFromContext(context: DateContext): boolean | undefined {
  const domain = context.url
    ? /^(?:https?:\/\/)?[^/?#]*\.([a-z]{2,3})(?:[:/?#]|$)/iu.exec(context.url)
    : null;
  const topLevel = domain?.[1]?.toLowerCase();
  if (topLevel && DAY_FIRST_DOMAINS.has(topLevel)) return true;
  if (topLevel && MONTH_FIRST_DOMAINS.has(topLevel)) return false;
  if (context.locale && context.locale !== 'en') return true;
  const language = context.language();
  return language && DAY_FIRST_LANGUAGES.has(language.split('-')[0] ?? '') ? true : undefined;
}

/** A date with a month's name, by chrono in that name's locale (the note's or the document's, if several). */
function readNamedDate(line: string, context: DateContext): DateMatch | undefined {
  const spaces: number[] = []; // where spaces went into `text`, to map chrono's offsets back to `line`
  const text = line.replace(GLUED_DATE, (_, offset: number) => {
    spaces.push(offset + spaces.length);
    return ' ';
  });
  const shift = (index: number) => index - spaces.filter((at) => at < index).length;
  const monthName = MONTH_WORD.exec(text)?.[0]?.toLowerCase() ?? '';
  const locales = MONTHS.get(monthName)?.locales ?? [];
  const preferred = [context.locale, locales.length > 1 ? context.language() : undefined];
  const ordered = [...locales].sort((a, b) => Number(preferred.includes(b)) - Number(preferred.includes(a)));
  for (const locale of ordered) {
    for (const result of PARSERS[locale].parse(text, new Date(2000, 0, 1))) {
      if (!MONTH_WORD.test(result.text)) continue;
      const c = result.start;
      if (!c.isCertain('month')) continue;
      const value = partial(
        c.isCertain('year') ? String(c.get('year')) : undefined,
        String(c.get('month')),
        c.isCertain('day') ? String(c.get('day')) : undefined,
      );
      if (value && (c.isCertain('year') || c.isCertain('day'))) {
        const index = Math.max(
          0,
          shift(result.index + (result.text.length - result.text.trimStart().length)),
        );
        return { value, index, end: shift(result.index + result.text.length) };
      }
    }
  }
  const monthYear = MONTH_YEAR.exec(line);
  const month = monthYear?.[1] ? MONTHS.get(monthYear[1].toLowerCase())?.month : undefined;
  return monthYear && month ? { value: partial(monthYear[2], String(month)), ...span(monthYear) } : undefined;
}
