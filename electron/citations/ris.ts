// RIS export: the references of a project for EndNote, Zotero, Mendeley and the reference managers that read
// nothing else. RIS is a line format: a record is tagged lines "XX  - value" from TY (the type) to ER, with
// CRLF line endings, which the specification requires and some readers insist on. Values hold no newline,
// so every value is one line. Dates follow the specification: PY is the year, DA is "YYYY/MM/DD/other"
// (2024/11/08/, 2022/02//), with "circa" in the other-info slot for an approximate date; the access date
// (Y2) is written in the same form. Items are CSL-JSON (shared/csl.ts); ID is the citation key the
// BibTeX export uses too (shared/citation-keys.ts), so one reference has one key in every format.
import type { CslItem, CslName, ReferenceType } from '../../shared/csl';
import { citationKeys, dateParts, type DateParts } from '../../shared/citation-keys';

const RIS_TYPES: Record<ReferenceType, string> = {
  'article-newspaper': 'NEWS',
  'article-magazine': 'MGZN',
  'article-journal': 'JOUR',
  webpage: 'ELEC',
  'post-weblog': 'BLOG',
  report: 'RPRT',
  document: 'GEN',
};

const CRLF = '\r\n';

/** A value on one line: line breaks and other control characters become spaces. */
function oneLine(value: string): string {
  return value
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Family, Given" (particles before the family, a suffix last, as RIS has it), or the literal name. */
export function risName(name: CslName): string {
  if ('literal' in name) return name.literal;
  const family = [name['dropping-particle'], name['non-dropping-particle'], name.family]
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(' ');
  return [family, name.given?.trim(), name.suffix?.trim()].filter(Boolean).join(', ');
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** RIS's date: "2024/11/08/", "2022/02//", "1996///circa". */
function risDate(date: DateParts): string {
  const month = date.month === undefined ? '' : pad(date.month);
  const day = date.day === undefined ? '' : pad(date.day);
  return `${String(date.year).padStart(4, '0')}/${month}/${day}/${date.circa ? 'circa' : ''}`;
}

/** "12-13" (or an en dash) → start and end page; anything else is a start page only. */
function pageRange(page: string | undefined): [string, string] {
  const value = oneLine(page ?? '');
  const range = /^([^-–—]+?)\s*(?:-{1,2}|–|—)\s*([^-–—]+)$/.exec(value);
  return range ? [range[1]!, range[2]!] : [value, ''];
}

function record(item: CslItem, key: string): string {
  const tags: [string, string][] = [];
  const add = (tag: string, value: string | undefined): void => {
    const line = oneLine(value ?? '');
    if (line !== '') tags.push([tag, line]);
  };
  const type = RIS_TYPES[item.type] ?? 'GEN';
  add('TY', type);
  add('ID', key);
  add('TI', item.title);
  for (const name of item.author ?? []) add('AU', risName(name));
  add('T2', item['container-title']);
  if (type === 'JOUR') add('JO', item['container-title']);
  const issued = dateParts(item.issued);
  if (issued) {
    add('PY', String(issued.year).padStart(4, '0'));
    // A year alone is all PY says; DA only adds something for a month, a day or a circa.
    if (issued.month !== undefined || issued.circa) add('DA', risDate(issued));
  }
  const [startPage, endPage] = pageRange(item.page);
  add('SP', startPage);
  add('EP', endPage);
  add('PB', item.publisher);
  add('LA', item.language);
  add('UR', item.URL);
  const accessed = dateParts(item.accessed);
  if (accessed) add('Y2', risDate(accessed));
  add('N1', item.note);
  return [...tags.map(([tag, value]) => `${tag}  - ${value}`), 'ER  - '].join(CRLF) + CRLF;
}

/** The items as an RIS file, in the order given: records separated by a blank line, CRLF throughout. */
export function toRIS(items: readonly CslItem[]): string {
  const keys = citationKeys(items);
  return items.map((item) => record(item, keys.get(item.id)!)).join(CRLF);
}
