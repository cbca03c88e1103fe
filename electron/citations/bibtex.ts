// BibTeX and BibLaTeX export: the references of a project as a .bib file for LaTeX users. The two dialects
// differ where classic BibTeX cannot say what biblatex can: a newspaper is an @article with a month in both,
// but only biblatex has a full date, an approximate date, an access date, a language and @online. Items are
// CSL-JSON (shared/csl.ts), keys come from shared/citation-keys.ts, and the output is deterministic: entries
// in the order given, fields in a fixed order, so two exports of the same project diff cleanly.
//
// Choices, each for a reason a reader of the .bib would ask about:
// - Titles are case-protected whole, `title = {{…}}`. Classic styles lower-case article titles and biblatex
//   styles with sentence case do too, and a news headline is full of proper nouns we cannot tell apart from
//   ordinary words ("Russia signs multiple agreements with Venezuela"). Zotero's export braces every word with
//   a capital for the same reason; one pair of braces is the same protection, and easier to read and edit.
// - Text is UTF-8 as is (the file says so on its first line); only TeX's special characters are escaped.
//   Braces become \{ \} when they pair up, and \textbraceleft{} \textbraceright{} when they do not: BibTeX
//   counts every brace, escaped or not, so a lone \{ would run the entry into the next one.
// - URLs are written raw, as biblatex reads them (verbatim) and as \url wants them, after percent-encoding
//   the characters a URL may not hold anyway (RFC 3986): braces, backslash, spaces, quotes, < > ^ ` |, and a
//   % that starts no escape. What is left cannot unbalance an entry. In BibTeX's howpublished = {\url{…}},
//   a field read as TeX text and often handed to another macro, % is also escaped (\%): raw, it comments
//   out the rest of the line there (and bib readers such as Better BibTeX's lose the entry's end);
//   hyperref's \url reads \% as %.
// - The site of a web page or blog is biblatex's `organization`: it is the field the biblatex manual lists
//   for @online (titleaddon is a free annex to the title, maintitle a multi-volume work), and the standard
//   styles print it after the title.
// - An access date is written when there is a URL to have accessed, in BibTeX (a note that is printed);
//   biblatex gets `urldate` always, as data: its styles print it only next to a URL.
// - BibTeX has no approximate date: the year stays a plain number (styles sort and label by it) and the
//   note says "Date approximate"; biblatex writes EDTF's 1996~.
import type { CslItem, CslName, ReferenceType } from '../../shared/csl';
import { citationKeys, dateParts, type DateParts } from '../../shared/citation-keys';

export type BibDialect = 'bibtex' | 'biblatex';

/** A field as written: braced text, or a bare macro (BibTeX's month names). */
interface Field {
  name: string;
  value: string;
  macro?: boolean;
}

const MONTH_MACROS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** CSL/BCP 47 language → babel/polyglossia name (biblatex's langid); a region picks a variant. */
const LANGIDS: Record<string, string> = {
  en: 'english',
  'en-us': 'american',
  'en-gb': 'british',
  'en-au': 'australian',
  'en-ca': 'canadian',
  'en-nz': 'newzealand',
  nl: 'dutch',
  es: 'spanish',
  fr: 'french',
  de: 'german',
  it: 'italian',
  pt: 'portuguese',
  'pt-pt': 'portuguese',
  'pt-br': 'brazilian',
  ru: 'russian',
  uk: 'ukrainian',
  pl: 'polish',
  tr: 'turkish',
  vi: 'vietnamese',
  ca: 'catalan',
  cs: 'czech',
  da: 'danish',
  fi: 'finnish',
  el: 'greek',
  hu: 'hungarian',
  nb: 'norsk',
  sv: 'swedish',
  ro: 'romanian',
  ar: 'arabic',
  he: 'hebrew',
  fa: 'farsi',
};

/** biblatex's language name for a CSL language, or undefined when we do not know one. */
export function langid(language: string | undefined): string | undefined {
  if (!language) return undefined;
  const tag = language.trim().toLowerCase().replace(/_/g, '-');
  const [primary, region] = tag.split('-');
  return LANGIDS[region ? `${primary}-${region}` : tag] ?? LANGIDS[primary ?? ''];
}

const TEXT_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '#': '\\#',
  $: '\\$',
  '%': '\\%',
  '&': '\\&',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/** True when every } closes an earlier { and none is left open. */
function bracesPair(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '{') depth += 1;
    else if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Text as a field holds it: one line, TeX's special characters escaped, braces that cannot unbalance. */
export function escapeTeX(text: string): string {
  const line = text
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const paired = bracesPair(line);
  return (
    line
      .replace(/[\\#$%&_~^<>|{}]/g, (ch) => {
        if (ch === '{') return paired ? '\\{' : '\\textbraceleft{}';
        if (ch === '}') return paired ? '\\}' : '\\textbraceright{}';
        return TEXT_ESCAPES[ch]!;
      })
      // TeX's ligatures (-- ---, '' ``, !` ?`, ,,) would print other characters: an empty group keeps them apart.
      .replace(/(?<=-)(?=-)|(?<=')(?=')|(?<=[`!?])(?=`)|(?<=,)(?=,)/g, '{}')
  );
}

/** A title with its case protected (see the choices above). */
function protectedTitle(title: string): string {
  const escaped = escapeTeX(title);
  if (escaped === '') return '';
  // {\… at the top of a field is a BibTeX "special character", whose letters styles do change; {} avoids it.
  return `{${escaped.startsWith('\\') ? '{}' : ''}${escaped}}`;
}

/** An RFC 3986 URL: characters it may not hold percent-encoded, so none of them can break an entry. */
export function safeUrl(url: string): string {
  return url
    .trim()
    .replace(/[\t\r\n]/g, '')
    .replace(/%(?![0-9A-Fa-f]{2})/g, '%25')
    .replace(/[\p{Cc} "<>\\^`{|}]/gu, (ch) => encodeURIComponent(ch));
}

/** A name part wrapped in braces when BibTeX would otherwise split it (a comma, the word "and"). */
function namePart(part: string, braceSpaces = false): string {
  const escaped = escapeTeX(part);
  const splits = /,/.test(escaped) || /(^|\s)and(\s|$)/i.test(escaped) || (braceSpaces && /\s/.test(escaped));
  return splits ? `{${escaped}}` : escaped;
}

/** One name in BibTeX's "von Last, Jr, First" form; an organisation braced whole so it is never split. */
export function bibName(name: CslName): string {
  if ('literal' in name) return `{${escapeTeX(name.literal)}}`;
  if (!name.family.trim()) return name.given?.trim() ? `{${escapeTeX(name.given)}}` : '';
  const particles = [name['dropping-particle'], name['non-dropping-particle']]
    .map((p) => p?.trim())
    .filter(Boolean)
    .map((p) => namePart(p!));
  const given = name.given?.trim() ? namePart(name.given) : '';
  const suffix = name.suffix?.trim() ? namePart(name.suffix) : '';
  // Without a given name, "Bin Salman" would read as first name Bin: the family name is braced whole.
  const family = namePart(given ? name.family : [name.family, name.suffix].filter(Boolean).join(' '), !given);
  const last = [...particles, family].join(' ');
  if (!given) return last;
  return suffix ? `${last}, ${suffix}, ${given}` : `${last}, ${given}`;
}

function bibNames(names: readonly CslName[] | undefined): string {
  return (names ?? [])
    .map(bibName)
    .filter((n) => n !== '' && n !== '{}')
    .join(' and ');
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO 8601 at the precision known: 2024-11-08, 2022-02, 1996. */
function isoDate(date: DateParts): string {
  return [String(date.year).padStart(4, '0'), date.month, date.day]
    .filter((p) => p !== undefined)
    .map((p) => (typeof p === 'number' ? pad(p) : p))
    .join('-');
}

/** "12-13" / "12–13" as a TeX range "12--13"; anything else as it is. */
function pages(page: string | undefined): string {
  if (!page?.trim()) return '';
  return page
    .split(/\s*(?:-{1,2}|–|—)\s*/)
    .map(escapeTeX)
    .join('--');
}

/** The entry type per dialect. */
const ENTRY_TYPES: Record<BibDialect, Record<ReferenceType, string>> = {
  biblatex: {
    'article-newspaper': 'article',
    'article-magazine': 'article',
    'article-journal': 'article',
    webpage: 'online',
    'post-weblog': 'online',
    report: 'report',
    document: 'misc',
  },
  bibtex: {
    'article-newspaper': 'article',
    'article-magazine': 'article',
    'article-journal': 'article',
    webpage: 'misc',
    'post-weblog': 'misc',
    report: 'techreport',
    document: 'misc',
  },
};

const text = (value: string | undefined): string => (value ? escapeTeX(value) : '');

function biblatexFields(item: CslItem): Field[] {
  const container = text(item['container-title']);
  const issued = dateParts(item.issued);
  const accessed = dateParts(item.accessed);
  const fields: Field[] = [
    { name: 'author', value: bibNames(item.author) },
    { name: 'title', value: item.title ? protectedTitle(item.title) : '' },
  ];
  switch (item.type) {
    case 'article-newspaper':
    case 'article-magazine':
    case 'article-journal':
      fields.push({ name: 'journaltitle', value: container });
      break;
    case 'webpage':
    case 'post-weblog':
      fields.push({ name: 'organization', value: container });
      break;
    case 'report':
      fields.push({ name: 'institution', value: text(item.publisher) || container });
      fields.push({ name: 'type', value: 'Report' });
      break;
    case 'document':
      fields.push({ name: 'howpublished', value: container });
      fields.push({ name: 'publisher', value: text(item.publisher) });
      break;
  }
  if (item.type === 'article-newspaper') fields.push({ name: 'entrysubtype', value: 'newspaper' });
  if (item.type === 'article-magazine') fields.push({ name: 'entrysubtype', value: 'magazine' });
  fields.push(
    { name: 'date', value: issued ? `${isoDate(issued)}${issued.circa ? '~' : ''}` : '' },
    { name: 'pages', value: pages(item.page) },
    { name: 'url', value: item.URL ? safeUrl(item.URL) : '' },
    { name: 'urldate', value: accessed ? isoDate(accessed) : '' },
    { name: 'langid', value: langid(item.language) ?? '' },
    { name: 'note', value: text(item.note) },
  );
  return fields;
}

/** Note parts joined as sentences: "Fox News. Accessed 2026-11-27". */
function sentences(parts: readonly string[]): string {
  return parts
    .map((p) => p.trim().replace(/\.$/, ''))
    .filter(Boolean)
    .join('. ');
}

function bibtexFields(item: CslItem): Field[] {
  const container = text(item['container-title']);
  const issued = dateParts(item.issued);
  const accessed = dateParts(item.accessed);
  const url = item.URL ? safeUrl(item.URL) : '';
  const fields: Field[] = [
    { name: 'author', value: bibNames(item.author) },
    { name: 'title', value: item.title ? protectedTitle(item.title) : '' },
  ];
  // @misc has no field for a site; with a URL in howpublished, the site leads the note.
  let site = '';
  switch (item.type) {
    case 'article-newspaper':
    case 'article-magazine':
    case 'article-journal':
      fields.push({ name: 'journal', value: container });
      break;
    case 'report':
      // BibTeX requires an institution for @techreport.
      fields.push({ name: 'institution', value: text(item.publisher) || container || 'Unknown' });
      fields.push({ name: 'type', value: 'Report' });
      break;
    case 'webpage':
    case 'post-weblog':
    case 'document':
      if (url) {
        fields.push({ name: 'howpublished', value: `\\url{${url.replace(/%/g, '\\%')}}` });
        site = container;
      } else fields.push({ name: 'howpublished', value: container });
      break;
  }
  const misc = ENTRY_TYPES.bibtex[item.type] === 'misc';
  fields.push(
    { name: 'year', value: issued ? String(issued.year) : '' },
    ...(issued?.month ? [{ name: 'month', value: MONTH_MACROS[issued.month - 1]!, macro: true }] : []),
    { name: 'pages', value: pages(item.page) },
    { name: 'url', value: misc ? '' : url },
    {
      name: 'note',
      value: sentences([
        site,
        text(item.note),
        issued?.circa ? 'Date approximate' : '',
        url && accessed ? `Accessed ${isoDate(accessed)}` : '',
      ]),
    },
  );
  return fields;
}

function entry(type: string, key: string, fields: readonly Field[]): string {
  const lines = fields
    .filter((f) => f.value !== '')
    .map((f) => `  ${f.name} = ${f.macro ? f.value : `{${f.value}}`}`);
  return `@${type}{${key}${lines.length ? ',\n' : ''}${lines.join(',\n')}\n}`;
}

/** The items as a .bib file in the given dialect, in the order given. */
export function toBibTeX(items: readonly CslItem[], dialect: BibDialect): string {
  const keys = citationKeys(items);
  const entries = items.map((item) =>
    entry(
      ENTRY_TYPES[dialect][item.type] ?? 'misc',
      keys.get(item.id)!,
      dialect === 'biblatex' ? biblatexFields(item) : bibtexFields(item),
    ),
  );
  return ['% Encoding: UTF-8', ...entries].join('\n\n') + '\n';
}
