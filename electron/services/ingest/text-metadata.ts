// Bibliographic facts stated in the text itself: the headline, "Source:" lines, outlet lines, bylines and
// datelines. Text saved by hand from the web keeps these as ordinary lines; they are read here with the
// evidence they came from, and a fact the text does not state is left out, never guessed. Only lines in
// metadata positions are read (the head of the article up to its first paragraph, and the lines after its
// last one): "signed agreements on November 7" in the body is an event, not the date of publication.
import type { Block, MetadataSource } from '../../../shared/domain';
import { isProseParagraph } from './boilerplate';
import { detectLanguage } from './language';
import type { ExtractedMetadata, Found } from './types';
import { findDate, NO_CONTEXT, type DateContext, type DateMatch, type Locale } from './text-dates';

/** The article's head: at most this many lines before (and including) its first paragraph. */
const MAX_HEAD_LINES = 8;
const MAX_TAIL_LINES = 8;
/** Where a page names itself ("© ITAR-TASS"): among its first and last lines, furniture included. */
const MAX_EDGE_LINES = 12;
/** Metadata lines are short; a longer block is a paragraph, read only for a dateline at its start. */
const MAX_LINE = 200;
const MAX_NAME_LENGTH = 60;
const MAX_NAME_WORDS = 6;
const MAX_DETAIL = 500;

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'“”‘’«»]+/iu;
const URL_TRAILING_PUNCTUATION = /[.,;:!?'"’”»)\]]+$/u;

/** "Source:" and its translations; the label also tells the language of the note's date. */
const SOURCE_LINE = /^(sources?|bron|fuente|fonte|quelle|nguồn|источник)\s*:\s*/iu;
const LABEL_LOCALE = new Map<string, Locale | 'vi'>(
  Object.entries({
    bron: 'nl',
    fuente: 'es',
    fonte: 'pt',
    quelle: 'de',
    nguồn: 'vi',
    источник: 'ru',
  } as const),
);
/** "By Jane Doe", and the same in Dutch, Spanish and Portuguese, German, French, Russian, Vietnamese. */
const BYLINE = /^(?:by|door|por|von|par|bởi|автор:?)\s+(.+)$/iu;
const NAME_SEPARATOR = /\s*(?:,|&|\s(?:and|en|y|e|und|et|и|và)\s)\s*/u;
const NAME_PARTICLE = /^(?:van|de|der|den|da|das|do|dos|del|della|di|du|von|zu|le|la|ter|ten|bin|al|el)$/u;
/** "CARACAS, December 16. /TASS/.", "PARIS, 2 juin 2019 (AFP)", "CARACAS (Reuters) -": a capitalised place. */
const DATELINE_PLACE =
  /^(\p{Lu}[\p{Lu}\p{M}'’.-]+(?:\s+\p{Lu}[\p{Lu}\p{M}'’.-]*){0,3})(?:\s*\(([^()\n]{2,30})\))?\s*(?:,|–|—|-)\s*/u;
const AGENCY_TAG = /^[\s.,]*(?:\/\s*([^/\n]{2,30}?)\s*\/|\(([^()\n]{2,30})\))/u;
/** What may follow the date on an outlet line: a time, a time zone. */
const TIME_TAIL =
  /^[\s,|·•–—-]*(?:\d{1,2}[:h.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*\(?(?:GMT|UTC)?\s*(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?\s*$/iu;
const DATE_LABEL =
  /^(?:published|updated|posted|date|gepubliceerd|bijgewerkt|datum|publicado|actualizado|fecha|atualizado|data|publié|mis à jour|veröffentlicht|aktualisiert|опубликовано|обновлено|дата|cập nhật|ngày)(?!\p{L})/iu;
/** A name on an outlet line does not end with a preposition: "Thousands march in Paris on 5 March". */
const ENDS_WITH_PREPOSITION =
  /(?:^|\s)(?:on|in|at|of|from|since|until|by|op|van|sinds|tot|el|de|desde|em|no|na|le|du|au|am|im|vom|seit|в|с|от|vào)$/iu;
/** "You can now listen to Fox News articles!", "© ITAR-TASS": a page naming its own publisher. */
const LISTEN_TO = /listen to (\p{Lu}[^!?.]{1,40}?) articles/u;
const COPYRIGHT_HOLDER =
  /^(?:©|copyright\s*(?:©|\(c\))|copyright(?=\s*\d{4}))\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?[\s,]*)?([^\d©\s][^©]*?)[\s.]*(?:all rights reserved.*)?$/iu;
/** Every value found, of every kind; the most trusted kind of evidence wins. */
type FoundValues = Record<'outlet' | 'url' | 'published', Found<string>[]> & { authors: Found<string[]>[] };
const TRUST: MetadataSource[] = ['source-line', 'outlet-line', 'byline', 'dateline', 'text'];

export function extractTextMetadata(text: string, blocks: Block[]): ExtractedMetadata {
  const length = (index: number) => (blocks[index] as Block).end - (blocks[index] as Block).start;
  const lineAt = (index: number, max: number) => {
    const { start, end } = blocks[index] as Block;
    return { text: text.slice(start, Math.min(end, start + max)), index };
  };
  const content = blocks.flatMap((block, index) => (block.boilerplate ? [] : [index]));
  const isProseAt = (index: number) => isProse(text, blocks[index] as Block);
  const firstProse = content.findIndex(isProseAt);
  const lastProse = content.findLastIndex(isProseAt);
  const head = content.slice(0, firstProse < 0 ? MAX_HEAD_LINES : Math.min(firstProse + 1, MAX_HEAD_LINES));
  const tail = content.slice(Math.max(lastProse + 1, head.length, content.length - MAX_TAIL_LINES));
  // The first paragraph is read for a dateline at its start, so a little more than a line of it.
  const headLines = head.map((index) => lineAt(index, 2 * MAX_LINE));
  const notes = [...head, ...tail].filter((i) => length(i) <= MAX_LINE).map((i) => lineAt(i, MAX_LINE));

  const result: ExtractedMetadata = {};
  const title = chooseTitle(text, blocks);
  if (title) result.title = evidenced(title.value, 'headline', title.value);
  const found: FoundValues = { outlet: [], authors: [], url: [], published: [] };
  const context: DateContext = { language: () => detectLanguage(text, blocks)?.value };
  for (const line of notes) readUrl(line.text, found);
  context.url = best(found.url)?.value;
  for (const line of notes) readSourceLine(line.text, found, context);
  for (const line of headLines) {
    if (line.index === title?.index) continue;
    if (line.text.length <= MAX_LINE && !readByline(line.text, found, context)) {
      readOutletLine(line.text, found, context);
    }
    readDateline(line.text, found, context);
  }
  // A page names itself in its furniture, boilerplate included ("© ITAR-TASS").
  for (let i = 0; i < blocks.length; i++) {
    if (i === MAX_EDGE_LINES) i = Math.max(i, blocks.length - MAX_EDGE_LINES);
    if (length(i) <= MAX_LINE) readSelfReference(lineAt(i, MAX_LINE).text, found);
  }
  const chosen = { outlet: best(found.outlet), url: best(found.url), published: best(found.published) };
  for (const [field, value] of Object.entries(chosen))
    if (value) result[field as keyof typeof chosen] = value;
  const authors = best(found.authors);
  if (authors) result.authors = authors;
  return result;
}

function best<T>(values: Found<T>[]): Found<T> | undefined {
  const rank = (value: Found<T>) => TRUST.indexOf(value.evidence.source);
  return [...values].sort((a, b) => rank(a) - rank(b))[0]; // stable: the first found among equals
}

function isProse(text: string, block: Block): boolean {
  return block.end - block.start > 4 * MAX_LINE || isProseParagraph(text.slice(block.start, block.end));
}

function evidenced<T>(value: T, source: MetadataSource, line: string): Found<T> {
  const flat = line.replace(/\s+/gu, ' ').trim();
  const detail = flat.length <= MAX_DETAIL ? flat : `${flat.slice(0, MAX_DETAIL - 1)}…`;
  return { value, evidence: { source, detail } };
}

/** "Source: https://…" or a line that is only a URL. */
function readUrl(line: string, found: FoundValues): void {
  const labelled = SOURCE_LINE.exec(line);
  const rest = labelled ? line.slice(labelled[0].length) : line.trim();
  const url = URL.exec(rest);
  if (!url || (!labelled && url[0].length !== rest.length)) return;
  found.url.push(evidenced(url[0].replace(URL_TRAILING_PUNCTUATION, ''), 'source-line', line));
}

/** "Bron: albaciudad 16februari 2022 (SP)": the outlet before the date, and the date. */
function readSourceLine(line: string, found: FoundValues, context: DateContext): void {
  const labelled = SOURCE_LINE.exec(line);
  if (!labelled) return;
  const locale = LABEL_LOCALE.get(labelled[1]?.toLowerCase() ?? '');
  const rest = line.slice(labelled[0].length).replace(URL, (url) => ' '.repeat(url.length));
  const date = findDate(rest, { ...context, locale }, true);
  const name = outletName(rest.slice(0, date?.index ?? rest.length));
  if (name) found.outlet.push(evidenced(name, 'source-line', line));
  if (date?.value) found.published.push(evidenced(date.value, 'source-line', line));
}

/** "Báo Thanh niênBáo Thanh niên08/11/2024", "Reuters | 5 March 2023", "Published: 05.03.2023 10:45". */
function readOutletLine(line: string, found: FoundValues, context: DateContext): void {
  if (SOURCE_LINE.test(line) || DATELINE_PLACE.test(line)) return;
  const date = findDate(line, context, false);
  if (!date || !TIME_TAIL.test(line.slice(date.end))) return;
  const before = line.slice(0, date.index);
  const labelled = DATE_LABEL.test(before.trim());
  const name = labelled ? undefined : outletName(before);
  if (!labelled && before.trim() !== '' && !name) return; // a sentence that ends with a date
  if (name) found.outlet.push(evidenced(name, 'outlet-line', line));
  if (date.value) found.published.push(evidenced(date.value, name ? 'outlet-line' : 'dateline', line));
}

/** A publisher's name: a few words, its doubling by the page's markup undone ("Báo Thanh niênBáo Thanh niên"). */
function outletName(raw: string): string | undefined {
  const cut = raw.split(/\s[-–—|·•]\s|[,;|(]/u)[0] ?? '';
  let name = cut.replace(/^[\s:–—-]+|[\s:,.–—-]+$/gu, '');
  name = /^(.+?)\s*\1$/u.exec(name)?.[1] ?? name;
  const words = name.split(/\s+/u);
  if (!/\p{L}/u.test(name) || name.length > MAX_NAME_LENGTH || words.length > MAX_NAME_WORDS)
    return undefined;
  if (/[.!?]\s/u.test(name) || ENDS_WITH_PREPOSITION.test(name) || URL.test(name)) return undefined;
  return name;
}

/** "By Jane Doe and John Roe, March 5, 2023": names only if every one reads as a name. */
function parseByline(line: string, context: DateContext): { names: string[]; date?: DateMatch } | undefined {
  const rest = BYLINE.exec(line.trim())?.[1];
  if (!rest) return undefined;
  const date = findDate(rest, context, false);
  const names = (rest.slice(0, date?.index ?? rest.length).split(/\s[-–—|·•]\s|\s*\|/u)[0] ?? '')
    .replace(/[\s,;:–—-]+$/u, '')
    .split(NAME_SEPARATOR)
    .filter((name) => name !== '');
  return names.length > 0 && names.every(isPersonName) ? { names, date } : undefined;
}

function readByline(line: string, found: FoundValues, context: DateContext): boolean {
  const byline = parseByline(line, context);
  if (!byline) return false;
  found.authors.push(evidenced(byline.names, 'byline', line));
  if (byline.date?.value) found.published.push(evidenced(byline.date.value, 'byline', line));
  return true;
}

function isPersonName(name: string): boolean {
  const words = name.split(/\s+/u);
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
  return (
    words.length <= 5 &&
    capitalised >= 2 &&
    words.every((word) => /^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(word) || NAME_PARTICLE.test(word))
  );
}

/** A wire dateline: the place in capitals, then the date and/or the agency ("/TASS/", "(AFP)"). */
function readDateline(line: string, found: FoundValues, context: DateContext): void {
  const place = DATELINE_PLACE.exec(line);
  if (!place?.[1] || !/\p{Lu}{3}/u.test(place[1])) return;
  const rest = line.slice(place[0].length, place[0].length + 80);
  const date = findDate(rest, context, false);
  const dated = date !== undefined && date.index <= 1;
  const tag = AGENCY_TAG.exec(dated ? rest.slice(date.end) : rest);
  const agency = (place[2] ?? tag?.[1] ?? tag?.[2])?.trim();
  if (!dated && !agency) return;
  const read = place[0].length + (dated ? date.end : 0) + (tag?.[0].length ?? 0);
  const detail = line.slice(0, read + (line.charAt(read) === '.' ? 1 : 0));
  if (agency && /\p{L}/u.test(agency)) found.outlet.push(evidenced(agency, 'dateline', detail));
  if (dated && date.value) found.published.push(evidenced(date.value, 'dateline', detail));
}

function readSelfReference(line: string, found: FoundValues): void {
  const holder =
    (line.includes('listen to') ? LISTEN_TO.exec(line)?.[1] : undefined) ??
    COPYRIGHT_HOLDER.exec(line.trim())?.[1];
  const name = holder && outletName(holder);
  if (name) found.outlet.push(evidenced(name, 'text', line));
}

/**
 * A Markdown heading is the author's title. Otherwise the first line that reads like a headline is: text
 * saved from the web opens with site banners ("Vietnam.vn - …"), navigation ("All news"), source and date
 * lines ("Bron: albaciudad 16 februari 2022") and rules ('~~~'), none of which name the article. A first
 * candidate that is a whole paragraph is no title either: then there is none.
 */
function chooseTitle(text: string, blocks: Block[]): { value: string; index: number } | null {
  const candidates = blocks
    .map((block, index) => ({ block, index }))
    .filter(({ block }) => !block.boilerplate);
  const isCandidate = ({ block }: { block: Block }) =>
    block.end - block.start > MAX_HEADLINE_LENGTH || isHeadlineLike(text.slice(block.start, block.end));
  const chosen = candidates.find(({ block }) => block.type === 'heading') ?? candidates.find(isCandidate);
  if (!chosen) return null;
  const { block, index } = chosen;
  if (block.type !== 'heading' && block.end - block.start > MAX_HEADLINE_LENGTH) return null;
  return { value: capTitle(text.slice(block.start, block.end).replace(/\s+/g, ' ').trim()), index };
}

const MAX_HEADLINE_LENGTH = 200;
const MAX_TITLE_LENGTH = 300;
const SITE_NAME = /(?:^|\s)(?:www\.)?[\p{L}\p{N}-]+\.(?:com|net|org|info|news|[a-z]{2})(?=$|[\s/|:–—-])/iu;
const YEAR_IN_LINE = /(?:^|\D)(?:19|20)\d{2}(?:\D|$)/u;

function isHeadlineLike(line: string): boolean {
  const words = line.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token));
  const alphanumerics = line.replace(/[^\p{L}\p{N}]/gu, '').length;
  const visible = line.replace(/\s/g, '').length;
  if (alphanumerics < visible / 2) return false; // rules and decorations
  const letters = () => line.replace(/\P{L}/gu, '').length;
  if (words.length < 3 && !(words.length === 2 && letters() >= 12)) return false; // navigation
  if (SITE_NAME.test(line) || SOURCE_LINE.test(line) || parseByline(line, NO_CONTEXT)) return false;
  if (YEAR_IN_LINE.test(line) && words.length < 7) return false; // bylines and datelines
  return true;
}

function capTitle(title: string): string {
  if (title.length <= MAX_TITLE_LENGTH) return title;
  const cut = title.slice(0, MAX_TITLE_LENGTH - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace > MAX_TITLE_LENGTH / 2 ? cut.slice(0, lastSpace) : cut}…`;
}
