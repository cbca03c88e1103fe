// Citation keys for exported references (BibTeX, BibLaTeX, RIS's ID): short, readable and stable, in the
// style of Zotero and Better BibTeX: "thanhnien2024russia" is the first author (else the outlet, else
// "anon"), the year, and the first word of the title that says something. A writer cites by key, so a key
// must not change from one export to the next: the keys depend only on the items' own fields, never on the
// order they come in, and duplicates are told apart by a, b, c... in an order set by those same fields.
// Keys are folded to ASCII lower-case letters and digits ("Báo Thanh niên" → "baothanhnien", "Đảng" →
// "dang"), which every BibTeX, biber and word processor plugin accepts as is.
import type { CslDate, CslItem, CslName } from './csl';
import { foldForSearch } from './annotations';

/** A date as known: year, then month and day when the date is that precise; null when unusable. */
export interface DateParts {
  year: number;
  month?: number;
  day?: number;
  circa: boolean;
}

/**
 * The date of a CSL date at the precision it holds, with impossible parts dropped: a month outside 1-12
 * (CSL's seasons included) leaves the year alone, a day the month does not have leaves year and month.
 */
export function dateParts(date: CslDate | undefined): DateParts | null {
  const parts = date?.['date-parts']?.[0];
  if (!date || !parts) return null;
  const [year, month, day] = parts as readonly number[];
  if (year === undefined || !Number.isInteger(year) || year < 1 || year > 9999) return null;
  const circa = date.circa === true;
  if (month === undefined || !Number.isInteger(month) || month < 1 || month > 12) return { year, circa };
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const lastDay = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day === undefined || !Number.isInteger(day) || day < 1 || day > lastDay) return { year, month, circa };
  return { year, month, day, circa };
}

/** Russian and Ukrainian letters as plain Latin (the corpus quotes TASS and RIA), for keys only. */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i',
  ї: 'yi', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
}; // prettier-ignore

/** A text as key material: no diacritics, Cyrillic spelled out, only a-z and 0-9 kept. */
export function foldToKey(text: string): string {
  // Most key material is printable ASCII: lower-cased, it is already folded, without the cost of NFKD.
  if (!/[^ -~]/.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return foldForSearch(text)
    .replace(/[\u0400-\u04ff]/g, (letter) => CYRILLIC[letter] ?? '')
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * Words that never start a key: articles, prepositions and conjunctions in the corpus languages (English,
 * Dutch, Spanish, Portuguese, French, German, Italian, Vietnamese), compared folded. One-letter words are
 * skipped anyway ("a", "y", "à", "o", "e", Russian "в").
 */
const STOP_WORDS = new Set(
  [
    // English
    'the an of on in at to for and or but nor with by from as is are was were be into onto about over',
    // Dutch
    'de het een van en op te met voor aan bij uit om naar',
    // Spanish, Portuguese
    'el la los las un una unos unas del al con por para en y lo',
    'os um uma uns umas do da dos das em no na nos nas ao aos pelo pela',
    // French
    'le les une des du au aux et pour par sur dans',
    // German
    'der die das den dem des ein eine einer eines einem einen und im zu von mit vom zum zur',
    // Italian
    'il gli di della delle dei degli nel nella per',
    // Vietnamese (folded): plural markers, "one", "of", "and", "with"
    'cac nhung mot cua va voi',
  ]
    .join(' ')
    .split(' '),
);

/** The first word of a title worth a key: not a stop word, not a single letter (single digits count). */
export function titleWord(title: string | undefined): string {
  if (!title) return '';
  // Apostrophes split words too, so the French "l'économie" gives "l" (skipped) and "economie".
  for (const word of title.split(/[^\p{L}\p{N}]+/u)) {
    const folded = foldToKey(word);
    if (folded === '' || STOP_WORDS.has(folded)) continue;
    if (folded.length === 1 && !/[0-9]/.test(folded)) continue;
    return folded.slice(0, MAX_PART);
  }
  return '';
}

/** The longest name or title word in a key: an organisation spelled out in full would make a sentence. */
const MAX_PART = 24;

/** A name as written: family with its particles, or the literal name. */
function nameText(name: CslName): string {
  if ('literal' in name) return name.literal;
  return [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
}

/** Who the key names: the first author's family name (or literal name), else the outlet, else "anon". */
function authorPart(item: CslItem): string {
  const first = item.author?.[0];
  const candidates = [first ? nameText(first) : '', item['container-title'] ?? ''];
  for (const candidate of candidates) {
    const folded = foldToKey(candidate).slice(0, MAX_PART);
    if (folded !== '') return folded;
  }
  return 'anon';
}

/** The key an item gets before duplicates are told apart. */
export function baseCitationKey(item: CslItem): string {
  const year = dateParts(item.issued)?.year;
  return `${authorPart(item)}${year === undefined ? '' : String(year)}${titleWord(item.title)}`;
}

/** An item's own key, kept when BibTeX can read it: only letters, digits and _ : . - + / survive. */
function ownKey(item: CslItem): string {
  const own = item['citation-key'];
  if (own === undefined) return '';
  return own
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9_:.\-+/]+/g, '');
}

/** What orders duplicates: the fields the key is made from, in full, then the id. */
function orderInputs(item: CslItem): string[] {
  const date = item.issued?.['date-parts']?.[0]?.join('-') ?? '';
  return [
    item['citation-key'] ?? '',
    (item.author ?? []).map(nameText).join('; '),
    item['container-title'] ?? '',
    date,
    item.title ?? '',
    item.id,
  ];
}

/** Compares by code unit, not by locale: the order must be the same on every machine. */
function compareInputs(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** a, b, ... z, aa, ab, ...: the nth suffix (0-based). */
function suffix(n: number): string {
  let out = '';
  let rest = n + 1;
  while (rest > 0) {
    rest -= 1;
    out = String.fromCharCode(97 + (rest % 26)) + out;
    rest = Math.floor(rest / 26);
  }
  return out;
}

/**
 * The citation key of every item (item id → key). An item's own 'citation-key' is kept when no other item
 * wants the same key; every key two or more items want is given to none of them, and each gets the key with
 * a suffix instead (a, b, c... in the order of their authors, outlet, date, title and id), skipping any key
 * already taken. The same items give the same keys in any order.
 */
export function citationKeys(items: readonly CslItem[]): Map<string, string> {
  const wanted = new Map<string, CslItem[]>();
  for (const item of items) {
    const key = ownKey(item) || baseCitationKey(item);
    const group = wanted.get(key);
    if (group) group.push(item);
    else wanted.set(key, [item]);
  }
  const keys = new Map<string, string>();
  const taken = new Set(wanted.keys());
  const shared: [string, CslItem[]][] = [];
  for (const [key, group] of wanted) {
    if (group.length === 1) keys.set(group[0]!.id, key);
    else shared.push([key, group]);
  }
  shared.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, group] of shared) {
    const ordered = group
      .map((item) => ({ item, inputs: orderInputs(item) }))
      .sort((a, b) => compareInputs(a.inputs, b.inputs));
    let n = 0;
    for (const { item } of ordered) {
      let candidate = key + suffix(n);
      while (taken.has(candidate)) candidate = key + suffix(++n);
      n += 1;
      taken.add(candidate);
      keys.set(item.id, candidate);
    }
  }
  return keys;
}
