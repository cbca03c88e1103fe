// Splitting a bibliography into shares that citeproc can format independently, and merging them back.
//
// Why it is safe: in one citeproc engine, items affect each other's entries in only four ways.
// 1. Disambiguation (added names, added given names, "2024a"/"2024b") runs among the items whose citation,
//    before disambiguation, reads the same: citeproc's "ambiguity key" (CSL 1.0.2, Disambiguation; citeproc's
//    Registry.setdisambigs runs each key's items on their own).
// 2. The name register: given names are added when two people share a family name. With the rules "by-cite"
//    (the default) its keys include the item id, with "primary-name…" they are the first names' family
//    names, with "all-names…" every name's. Items that never share a key cannot affect each other.
// 3. The bibliography's order: every item's sort keys are its own; citeproc breaks ties by the order the
//    items were given in, which the merge keeps.
// 4. Entries that depend on their neighbours or on their place in the list: subsequent-author-substitute
//    ("———" for a repeated author) and citation-number. Styles using them are formatted whole
//    (partitionBlocker): of the bundled styles, Chicago (both) and MLA; APA and Harvard are split.
// So shares are made by a cheap guess (shareWords: the first word of the first author's name, or of the
// title or outlet), and after formatting, mergeShares checks 1 and 2 with citeproc's own keys: if any key turns up in
// two shares, the guess was wrong and the caller formats the items whole instead. The merged list is then
// exactly what one engine gives (tests/unit/electron/citations/partition.test.ts checks it byte for byte).
import type { CslItem } from '../../shared/csl';
import { compareShareEntries, type ShareEntry, type ShareResult } from './engine';

/** Why a style's bibliography cannot be split, or null if it can. */
export function partitionBlocker(styleXml: string): string | null {
  if (/subsequent-author-substitute\s*=/.test(styleXml)) {
    return 'it replaces a repeated author with a dash (subsequent-author-substitute)';
  }
  if (/\bcitation-number\b/.test(styleXml)) return 'it numbers its entries (citation-number)';
  return null;
}

// The CSL name variables, in the order a style usually tries them (the author first, then substitutes).
const NAME_VARIABLES = [
  'author',
  'editor',
  'translator',
  'composer',
  'director',
  'collection-editor',
  'container-author',
  'editorial-director',
  'illustrator',
  'interviewer',
  'original-author',
  'recipient',
  'reviewed-author',
] as const;

function firstWord(text: unknown): string {
  if (typeof text !== 'string') return '';
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/<[^>]*>/g, ' ')
    .toLowerCase();
  return /[\p{L}\p{N}]+/u.exec(plain)?.[0] ?? '';
}

/**
 * A guess at what an item's citation starts with, as words to group by: the first word of the first name
 * citeproc would print (particle and family name, or an organisation); for an item without names, of its
 * title and of its outlet, either of which a style may print instead (APA the title, Harvard the outlet).
 * Items with look-alike citations share a word; a wrong guess only costs speed, since mergeShares checks
 * with citeproc's own keys.
 */
export function shareWords(item: CslItem): string[] {
  const record = item as unknown as Record<string, unknown>;
  for (const variable of NAME_VARIABLES) {
    const names = record[variable];
    if (!Array.isArray(names) || names.length === 0) continue;
    const first = names[0] as Record<string, unknown>;
    const name =
      typeof first.literal === 'string' && first.literal !== ''
        ? first.literal
        : [first['non-dropping-particle'], first.family].filter((p) => typeof p === 'string').join(' ');
    const word = firstWord(name);
    if (word !== '') return [word];
  }
  const words = ['title', 'title-short', 'container-title'].map((key) => firstWord(record[key]));
  return [...new Set(words)];
}

/**
 * The items in up to `count` shares of about equal size, items sharing a word of shareWords in the same
 * share, each share in the given order (citeproc breaks ties in that order).
 */
export function splitIntoShares(items: readonly CslItem[], count: number): CslItem[][] {
  // Union-find over the items, joined through the words they share.
  const parent = items.map((_, index) => index);
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]!]!;
    return index;
  };
  const firstWithWord = new Map<string, number>();
  items.forEach((item, index) => {
    for (const word of shareWords(item)) {
      const other = firstWithWord.get(word);
      if (other === undefined) firstWithWord.set(word, index);
      else parent[root(index)] = root(other);
    }
  });
  const groups = new Map<number, number[]>();
  items.forEach((_, index) => {
    const key = root(index);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(index);
  });
  const shares: number[][] = Array.from({ length: Math.max(1, count) }, () => []);
  // Largest groups first, each to the smallest share: even to within a group's size.
  for (const group of [...groups.values()].sort((a, b) => b.length - a.length)) {
    let smallest = shares[0]!;
    for (const share of shares) if (share.length < smallest.length) smallest = share;
    smallest.push(...group);
  }
  return shares
    .filter((share) => share.length > 0)
    .map((share) => share.sort((a, b) => a - b).map((index) => items[index]!));
}

/**
 * The entries of all shares in the style's order, or null if two shares hold items citeproc would have
 * compared (the same ambiguity key or name-register key): the items must then be formatted together.
 * `order` gives each item's place in the list as given.
 */
export function mergeShares(
  shares: readonly ShareResult[],
  order: ReadonlyMap<string, number>,
): string[] | null {
  if (shares.length === 0) return [];
  if (shares.length === 1) return shares[0]!.entries.map((entry) => entry.text);
  for (const keys of [(s: ShareResult) => s.ambiguityKeys, (s: ShareResult) => s.nameKeys]) {
    const seen = new Set<string>();
    for (const share of shares) {
      for (const key of keys(share)) if (seen.has(key)) return null;
      for (const key of keys(share)) seen.add(key);
    }
  }
  const { sortDirections, sortLocale } = shares[0]!;
  const sameSort = shares.every(
    (s) => s.sortLocale === sortLocale && JSON.stringify(s.sortDirections) === JSON.stringify(sortDirections),
  );
  if (!sameSort) return null;
  const compare = compareShareEntries(sortDirections, sortLocale);
  type Head = { sortKeys: ShareEntry['sortKeys']; seq: number; text: string };
  const lists: Head[][] = shares.map((share) =>
    share.entries.map((entry) => ({
      sortKeys: entry.sortKeys,
      seq: order.get(entry.id) ?? 0,
      text: entry.text,
    })),
  );
  const positions = lists.map(() => 0);
  const merged: string[] = [];
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const head = lists[i]![positions[i]!];
      if (head === undefined) continue;
      if (best === -1 || compare(head, lists[best]![positions[best]!]!) < 0) best = i;
    }
    if (best === -1) return merged;
    merged.push(lists[best]![positions[best]!]!.text);
    positions[best]! += 1;
  }
}
