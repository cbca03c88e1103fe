// Bibliographic facts a web page states about itself: OpenGraph, citation_* (Google Scholar), Dublin Core,
// JSON-LD, <time> and <title>. Each field takes the first source in a fixed order of trust, and records which
// tag it was read from, so the researcher can see why Dossier believes it. Nothing is inferred: a page that
// states no date gets no date. This must read the page as parsed, before Readability strips its head.
import type { FieldEvidence } from '../../../shared/domain';
import { parsePartialDate } from '../../../shared/dates';
import type { ExtractedMetadata, Found } from './types';

export interface HtmlMetadata {
  metadata: ExtractedMetadata;
  declaredLanguage?: Found<string>;
}

/** JSON-LD is page-supplied data: a budget keeps a hostile page from making its parse or walk expensive. */
const MAX_JSON_LD_SCRIPTS = 20;
const MAX_JSON_LD_CHARS = 1_000_000;
const MAX_JSON_LD_NODES = 10_000;
const MAX_TITLE = 2000;
const MAX_NAME = 500;
const MAX_AUTHORS = 200;
const MAX_URL = 4096;

/** Schema.org types that describe the article itself, in order of preference; WebPage only as a last resort. */
const ARTICLE_TYPES = [
  'NewsArticle',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'BackgroundNewsArticle',
  'Article',
  'BlogPosting',
  'ScholarlyArticle',
  'Report',
  'WebPage',
] as const;

type JsonObject = { [key: string]: unknown };

interface JsonLdItem {
  type: string;
  data: JsonObject;
}

/** A `<meta>` value, keyed by its lower-cased name, property or http-equiv. */
interface MetaValue {
  content: string;
  detail: string;
}

type Candidate<T> = () => Found<T> | undefined;

export function extractHtmlMetadata(document: Document): HtmlMetadata {
  const meta = collectMeta(document);
  const article = findJsonLdArticle(document);
  const first = (key: string) => fromMeta(meta, key, clean);
  const firstTitle = (key: string) => fromMeta(meta, key, cleanTitle);
  const ld =
    <T>(path: string, read: (value: unknown) => T | undefined): Candidate<T> =>
    () => {
      const value = article ? read(lookup(article.data, path)) : undefined;
      return value === undefined ? undefined : found(value, 'json-ld', `JSON-LD ${article?.type}.${path}`);
    };

  const outlet = pick<string>(
    first('og:site_name'),
    ld('publisher.name', clean),
    first('citation_journal_title'),
    first('citation_publisher'),
    first('dc.publisher'),
    first('dcterms.publisher'),
    first('application-name'),
  );
  const title = pick<string>(
    firstTitle('citation_title'),
    firstTitle('og:title'),
    ld('headline', cleanTitle),
    firstTitle('dc.title'),
    firstTitle('dcterms.title'),
    firstTitle('twitter:title'),
    () => titleElement(document, outlet?.value),
  );
  const authors = pick<string[]>(
    allMeta(meta, 'citation_author'),
    ld('author', authorNames),
    allMeta(meta, 'author'),
    allMeta(meta, 'article:author', (value) => (isUrlLike(value) ? undefined : clean(value))),
    allMeta(meta, 'dc.creator'),
    allMeta(meta, 'dcterms.creator'),
  );
  const url = pick<string>(
    () => canonicalLink(document),
    fromMeta(meta, 'og:url', webUrl),
    fromMeta(meta, 'citation_public_url', webUrl),
    fromMeta(meta, 'citation_abstract_html_url', webUrl),
    ld('url', webUrl),
    ld('mainEntityOfPage', (value) => webUrl(isObject(value) ? value['@id'] : value)),
    () => savedFromComment(document),
  );
  const published = pick<string>(
    fromMeta(meta, 'citation_publication_date', partialDate),
    fromMeta(meta, 'citation_date', partialDate),
    fromMeta(meta, 'article:published_time', partialDate),
    ld('datePublished', partialDate),
    fromMeta(meta, 'dc.date.issued', partialDate),
    fromMeta(meta, 'dcterms.issued', partialDate),
    fromMeta(meta, 'dc.date', partialDate),
    fromMeta(meta, 'dcterms.date', partialDate),
    fromMeta(meta, 'datepublished', partialDate),
    timeElement(
      document,
      'time[itemprop~="datePublished" i][datetime]',
      '<time itemprop="datePublished" datetime>',
    ),
    timeElement(document, 'time[pubdate][datetime]', '<time pubdate datetime>'),
    fromMeta(meta, 'parsely-pub-date', partialDate),
    fromMeta(meta, 'pubdate', partialDate),
    fromMeta(meta, 'date', partialDate),
    timeElement(
      document,
      'article header time[datetime], main header time[datetime]',
      '<time datetime> in the article header',
    ),
  );
  const declaredLanguage = pick<string>(
    () => {
      const value = languageTag(document.documentElement.getAttribute('lang'));
      return value ? found(value, 'html', '<html lang>') : undefined;
    },
    fromMeta(meta, 'content-language', languageTag),
    fromMeta(meta, 'dc.language', languageTag),
    fromMeta(meta, 'og:locale', languageTag),
  );

  const metadata: ExtractedMetadata = {};
  if (title) metadata.title = title;
  if (outlet) metadata.outlet = outlet;
  if (authors) metadata.authors = authors;
  if (url) metadata.url = url;
  if (published) metadata.published = published;
  return declaredLanguage ? { metadata, declaredLanguage } : { metadata };
}

function pick<T>(...candidates: Candidate<T>[]): Found<T> | undefined {
  for (const candidate of candidates) {
    const value = candidate();
    if (value !== undefined) return value;
  }
  return undefined;
}

function found<T>(value: T, source: FieldEvidence['source'], detail: string): Found<T> {
  return { value, evidence: { source, detail: detail.slice(0, 500) } };
}

// --- <meta> ---------------------------------------------------------------------------------------------

function collectMeta(document: Document): Map<string, MetaValue[]> {
  const meta = new Map<string, MetaValue[]>();
  for (const element of document.querySelectorAll('meta[content]')) {
    const content = element.getAttribute('content') ?? '';
    for (const attribute of ['name', 'property', 'http-equiv', 'itemprop']) {
      const key = element.getAttribute(attribute)?.trim();
      if (!key || key.length > 100) continue;
      const values = meta.get(key.toLowerCase()) ?? [];
      values.push({ content, detail: `meta ${attribute}="${key}"` });
      meta.set(key.toLowerCase(), values);
    }
  }
  return meta;
}

function fromMeta<T>(
  meta: Map<string, MetaValue[]>,
  key: string,
  read: (value: string) => T | undefined,
): Candidate<T> {
  return () => {
    for (const { content, detail } of meta.get(key) ?? []) {
      const value = read(content);
      if (value !== undefined) return found(value, 'meta-tag', detail);
    }
    return undefined;
  };
}

/** Multi-valued tags (one citation_author per author) give every author, in page order. */
function allMeta(
  meta: Map<string, MetaValue[]>,
  key: string,
  read: (value: string) => string | undefined = clean,
): Candidate<string[]> {
  return () => {
    const entries = (meta.get(key) ?? []).filter((entry) => read(entry.content) !== undefined);
    const names = uniqueNames(entries.map((entry) => read(entry.content) ?? ''));
    const firstEntry = entries[0];
    return firstEntry && names ? found(names, 'meta-tag', firstEntry.detail) : undefined;
  };
}

// --- JSON-LD --------------------------------------------------------------------------------------------

/** The page's own description of its article; invalid JSON is skipped, since pages often ship it broken. */
function findJsonLdArticle(document: Document): JsonLdItem | undefined {
  const items: JsonLdItem[] = [];
  const scripts = [...document.querySelectorAll('script[type="application/ld+json" i]')];
  for (const script of scripts.slice(0, MAX_JSON_LD_SCRIPTS)) {
    const source = script.textContent ?? '';
    if (source.length > MAX_JSON_LD_CHARS) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch {
      continue;
    }
    collectTyped(parsed, items);
  }
  for (const type of ARTICLE_TYPES) {
    const item = items.find((candidate) => candidate.type === type);
    if (item) return item;
  }
  return undefined;
}

/** Walks arrays, `@graph` and nested objects (a WebPage's mainEntity) without recursion and within a budget. */
function collectTyped(root: unknown, items: JsonLdItem[]): void {
  const queue: unknown[] = [root];
  for (let visited = 0; visited < queue.length && visited < MAX_JSON_LD_NODES; visited++) {
    const node = queue[visited];
    if (Array.isArray(node)) {
      queue.push(...node.slice(0, MAX_JSON_LD_NODES));
      continue;
    }
    if (!isObject(node)) continue;
    const types = ([] as unknown[]).concat(node['@type']);
    const type = ARTICLE_TYPES.find((known) => types.includes(known));
    if (type) items.push({ type, data: node });
    for (const value of Object.values(node))
      if (typeof value === 'object' && value !== null) queue.push(value);
  }
}

function lookup(data: JsonObject, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split('.')) {
    if (Array.isArray(value)) value = value[0];
    value = isObject(value) ? value[key] : undefined;
  }
  return value;
}

/** `author` may be a name, a Person or Organization, or a list of them; only names are taken, never URLs. */
function authorNames(value: unknown): string[] | undefined {
  const list = (Array.isArray(value) ? value : [value]).slice(0, MAX_AUTHORS);
  return uniqueNames(
    list.map((author) => {
      const name = clean(isObject(author) ? author.name : author);
      return name !== undefined && !isUrlLike(name) ? name : '';
    }),
  );
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// --- Elements -------------------------------------------------------------------------------------------

/** Pages append the site name to their <title> ("Title | Site"); it is dropped only when it is the site's name. */
function titleElement(document: Document, siteName: string | undefined): Found<string> | undefined {
  // document.title is the first HTML <title>, never an SVG drawing's <title>.
  const title = clean(document.title, MAX_TITLE);
  if (!title) return undefined;
  if (siteName) {
    const suffix = /^(.+?)\s+[|\-–—·:]{1,2}\s+([^|\-–—·]+)$/u.exec(title);
    if (suffix?.[1] && suffix[2]?.toLowerCase() === siteName.toLowerCase()) {
      return found(suffix[1], 'html', '<title>, without the site name after it');
    }
  }
  return found(title, 'html', '<title>');
}

function canonicalLink(document: Document): Found<string> | undefined {
  for (const link of document.querySelectorAll('link[rel~="canonical" i][href]')) {
    const value = webUrl(link.getAttribute('href'));
    if (value) return found(value, 'html', '<link rel="canonical">');
  }
  return undefined;
}

/** Internet Explorer, Chrome and Edge mark a saved page with `<!-- saved from url=(0042)https://... -->`. */
function savedFromComment(document: Document): Found<string> | undefined {
  for (const node of [...document.childNodes, ...document.documentElement.childNodes].slice(0, 50)) {
    if (node.nodeType !== node.COMMENT_NODE) continue;
    const match = /^\s*saved from url=\(\d+\)(\S+)\s*$/i.exec(node.textContent ?? '');
    const value = webUrl(match?.[1]);
    if (value) return found(value, 'html', '<!-- saved from url --> comment of a saved page');
  }
  return undefined;
}

/**
 * A <time datetime>: one marked as the publication time, or (a weaker sign, read last) the first in the
 * article's own header; never the site's header, which often shows today's date.
 */
function timeElement(document: Document, selector: string, detail: string): Candidate<string> {
  return () => {
    const value = partialDate(document.querySelector(selector)?.getAttribute('datetime'));
    return value ? found(value, 'html', detail) : undefined;
  };
}

/**
 * What Readability found in the page's text, for fields the page's markup left empty: its byline ("By Jane
 * Doe" → "Jane Doe") and its title.
 */
export function addReadabilityFindings(
  metadata: ExtractedMetadata,
  article: { title?: string | null; byline?: string | null },
): void {
  const name = clean(article.byline?.replace(/^\s*by[\s:]+/i, ''));
  // A long "byline" is a sentence Readability mistook for one, not a name.
  if (!metadata.authors && name && name.length <= 120 && !isUrlLike(name)) {
    metadata.authors = found([name], 'byline', 'byline in the page, found by Readability');
  }
  const title = cleanTitle(article.title);
  if (!metadata.title && title) metadata.title = found(title, 'html', 'article title found by Readability');
}

// --- Values ---------------------------------------------------------------------------------------------

function clean(value: unknown, max = MAX_NAME): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim().normalize('NFC');
  return text === '' || text.length > max ? undefined : text;
}

function cleanTitle(value: unknown): string | undefined {
  return clean(value, MAX_TITLE);
}

function uniqueNames(names: string[]): string[] | undefined {
  const seen = new Set<string>();
  const unique = names.filter((name) => {
    const key = name.toLowerCase();
    if (name === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.length > 0 ? unique.slice(0, MAX_AUTHORS) : undefined;
}

function isUrlLike(value: string): boolean {
  return /^(?:https?:)?\/\/|^www\./i.test(value.trim());
}

/** Only an absolute web address can be cited; relative or script URLs are not the page's address. */
export function webUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_URL) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `2024`, `2024-11`, `2024/11/08`, `20241108` or an ISO date-time. A date-time keeps the date as written in
 * its own offset: `2024-11-08T01:30:00+07:00` was published on 8 November where it was published.
 */
function partialDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match =
    /^\s*(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?(?:[T\s]\d{1,2}:\d{2}\S*)?\s*$/.exec(value) ??
    /^\s*(\d{4})()(\d{2})(\d{2})\s*$/.exec(value);
  if (!match?.[1]) return undefined;
  const [, year, , month, day] = match;
  const parts = [year, month?.padStart(2, '0'), day?.padStart(2, '0')].filter((part) => part !== undefined);
  const date = parts.join('-');
  return parsePartialDate(date) ? date : undefined;
}

/** `en`, `pt-BR`; OpenGraph writes `en_US` and Content-Language may list several (the first is taken). */
export function languageTag(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const tag = value.split(',')[0]?.trim().replace(/_/g, '-') ?? '';
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(tag)) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}
