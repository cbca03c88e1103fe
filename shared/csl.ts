// CSL-JSON, the interchange format of citation tools (Zotero, citeproc-js, pandoc): the subset Dossier writes.
// One item per document; everything that formats or exports references (electron/citations/) reads these.
// Field names are CSL's own (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), so an item
// can be written out as it is and validated against the official schema (tests/fixtures/schemas).

/** The reference types a document can be cited as. */
export const REFERENCE_TYPES = [
  'article-newspaper',
  'webpage',
  'report',
  'article-journal',
  'article-magazine',
  'post-weblog',
  'document',
] as const;
export type ReferenceType = (typeof REFERENCE_TYPES)[number];

/** A person's name: family and given parts, or a literal name (an organisation, a name that will not split). */
export type CslName =
  | {
      family: string;
      given?: string;
      'non-dropping-particle'?: string;
      'dropping-particle'?: string;
      suffix?: string;
    }
  | { literal: string };

/** A date at the precision known: [[2024, 11, 8]], [[2022, 2]], [[1996]]; circa when approximate. */
export interface CslDate {
  'date-parts': [[number] | [number, number] | [number, number, number]];
  circa?: boolean;
}

export interface CslItem {
  id: string;
  type: ReferenceType;
  'citation-key'?: string;
  title?: string;
  'container-title'?: string;
  author?: CslName[];
  issued?: CslDate;
  accessed?: CslDate;
  URL?: string;
  language?: string;
  publisher?: string;
  page?: string;
  /** What the style prints when the item has no author and no title (a file name, marked as such). */
  note?: string;
}

// ---------------------------------------------------------------------------------------------------------
// A document as a reference.

/** What the mapping reads of a document (DocumentSummary has it all). */
export interface ReferenceSource {
  id: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  authors: readonly string[];
  published: string | null;
  language: string | null;
  importedAt: string;
  mediaType: string;
  /** The type the user chose; null to infer it. */
  referenceType?: ReferenceType | null;
}

/**
 * The type a document is cited as, unless the user chose one: a named outlet makes it a news article (what
 * researchers mostly import), an address alone a web page, a PDF without either a report, anything else a
 * document.
 */
export function inferReferenceType(
  doc: Pick<ReferenceSource, 'outlet' | 'url' | 'mediaType'>,
): ReferenceType {
  if (doc.outlet) return 'article-newspaper';
  if (doc.url) return 'webpage';
  if (doc.mediaType === 'application/pdf') return 'report';
  return 'document';
}

/** A partial date (shared/dates.ts) as a CSL date at its precision; none without a year. */
export function partialDateToCsl(value: string | null): CslDate | undefined {
  const m = /^(~)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value ?? '');
  if (!m) return undefined;
  const parts = [Number(m[2]), ...(m[3] ? [Number(m[3])] : []), ...(m[4] ? [Number(m[4])] : [])];
  return {
    'date-parts': [parts as [number] | [number, number] | [number, number, number]],
    ...(m[1] ? { circa: true } : {}),
  };
}

/** Words that name an organisation rather than a person ("Reuters Staff", "Associated Press"). */
const ORGANISATION_WORDS =
  /\b(staff|news|agency|press|reporters?|editorial|editors|desk|team|service|bureau|ministry|office|corporation|company|inc|ltd|llc|group|institute|university|council|committee|government|foundation|association|network|media|times|post|journal|tribune|herald|daily|television|radio|tv)\b/i;
/** Lower-case particles that belong to the family name ("van Gogh", "de la Cruz", "von der Leyen"). */
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'das',
  'dos',
  'du',
  'la',
  'le',
  'ter',
  'ten',
  'bin',
  'al',
  'el',
]);
const SUFFIXES = /^(jr\.?|sr\.?|ii|iii|iv)$/i;
/** Languages that write the family name first (Vietnamese, Chinese, Japanese, Korean, Hungarian). */
const FAMILY_FIRST = new Set(['vi', 'zh', 'ja', 'ko', 'hu']);

/**
 * A name as CSL splits it. "Family, Given" is taken as written; an organisation, a single word or a name in
 * capitals throughout is kept whole (a literal); in a family-first language the first word is the family
 * name; otherwise the last word, with the particles before it, and a suffix (Jr.) set apart.
 */
export function parseAuthorName(name: string, language: string | null = null): CslName {
  const text = name
    .replace(/^by\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  const comma = /^([^,]+),\s*([^,]+)$/.exec(text);
  if (comma && !SUFFIXES.test(comma[2]!.trim())) return { family: comma[1]!.trim(), given: comma[2]!.trim() };
  const words = text.split(' ');
  const capitals = /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
  if (words.length < 2 || capitals || ORGANISATION_WORDS.test(text) || /\d/.test(text)) {
    return { literal: text };
  }
  const primary = (language ?? '').toLowerCase().split('-')[0]!;
  if (FAMILY_FIRST.has(primary)) return { family: words[0]!, given: words.slice(1).join(' ') };
  const suffix =
    words.length > 2 && SUFFIXES.test(words.at(-1)!) ? words.pop()!.replace(/^,/, '') : undefined;
  const family = words.pop()!.replace(/,$/, '');
  let at = words.length;
  while (at > 1 && PARTICLES.has(words[at - 1]!)) at -= 1;
  const particle = words.slice(at).join(' ');
  const given = words.slice(0, at).join(' ');
  return {
    family,
    ...(given ? { given } : {}),
    ...(particle ? { 'non-dropping-particle': particle } : {}),
    ...(suffix ? { suffix } : {}),
  };
}

/** A document as a CSL-JSON item: what every citation and export of it is made from. */
export function documentToCsl(doc: ReferenceSource): CslItem {
  const item: CslItem = { id: doc.id, type: doc.referenceType ?? inferReferenceType(doc) };
  if (doc.title) item.title = doc.title;
  if (doc.outlet) item['container-title'] = doc.outlet;
  if (doc.authors.length > 0) item.author = doc.authors.map((a) => parseAuthorName(a, doc.language));
  const issued = partialDateToCsl(doc.published);
  if (issued) item.issued = issued;
  if (doc.url) item.URL = doc.url;
  const accessed = partialDateToCsl(doc.importedAt.slice(0, 10));
  if (accessed) item.accessed = accessed;
  if (doc.language) item.language = doc.language;
  return item;
}

/** How each reference type is named in the interface. */
export const REFERENCE_TYPE_LABELS: Record<ReferenceType, string> = {
  'article-newspaper': 'News article',
  webpage: 'Web page',
  report: 'Report',
  'article-journal': 'Journal article',
  'article-magazine': 'Magazine article',
  'post-weblog': 'Blog post',
  document: 'Document',
};
