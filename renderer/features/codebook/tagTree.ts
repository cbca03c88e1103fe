// The codebook as the renderer sees it: the flat list of tags from the main side, indexed into a tree with a
// path per tag ("Weapons / Small arms"), and the search the tag pickers and the codebook filter share. Matching
// folds case and diacritics (foldForSearch), so "bao chi" finds "Báo chí". Pure functions: unit-tested.
import {
  foldForSearch,
  TAG_COLORS,
  TAG_NAME_MAX,
  type Tag,
  type TagColor,
} from '../../../shared/annotations';

/** How a path is written: the separator the main side forbids in names, with a space either side. */
export const PATH_SEPARATOR = ' / ';

export interface TagIndex {
  byId: ReadonlyMap<string, Tag>;
  /** Children of each tag (null: top level), sorted by name. */
  children: ReadonlyMap<string | null, readonly Tag[]>;
  /** Every tag, depth-first in tree order. */
  ordered: readonly Tag[];
  /** Names from the top level down to the tag itself. */
  pathParts(id: string): readonly string[];
  path(id: string): string;
  depth(id: string): number;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
export const compareNames = (a: string, b: string): number => collator.compare(a, b) || a.localeCompare(b);

export function indexTags(tags: readonly Tag[]): TagIndex {
  const byId = new Map(tags.map((tag) => [tag.id, tag]));
  const children = new Map<string | null, Tag[]>();
  for (const tag of tags) {
    // A parent missing from the list (mid-reload) would hide the tag; show it at the top level instead.
    const parent = tag.parentId !== null && byId.has(tag.parentId) ? tag.parentId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(tag);
    else children.set(parent, [tag]);
  }
  for (const siblings of children.values()) siblings.sort((a, b) => compareNames(a.name, b.name));

  const paths = new Map<string, string[]>();
  const ordered: Tag[] = [];
  const visit = (parentId: string | null, above: string[]) => {
    for (const tag of children.get(parentId) ?? []) {
      if (paths.has(tag.id)) continue; // a cycle in bad data must not hang the window
      const parts = [...above, tag.name];
      paths.set(tag.id, parts);
      ordered.push(tag);
      visit(tag.id, parts);
    }
  };
  visit(null, []);
  // Tags caught in a cycle are unreachable from the top: list them anyway, at the top level.
  for (const tag of tags) {
    if (!paths.has(tag.id)) {
      paths.set(tag.id, [tag.name]);
      ordered.push(tag);
    }
  }

  const pathParts = (id: string) => paths.get(id) ?? [byId.get(id)?.name ?? ''];
  return {
    byId,
    children,
    ordered,
    pathParts,
    path: (id) => pathParts(id).join(PATH_SEPARATOR),
    depth: (id) => pathParts(id).length - 1,
  };
}

/** The tag and everything below it: what cannot become its parent, or absorb it in a merge. */
export function subtreeIds(index: TagIndex, id: string): Set<string> {
  const found = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (found.has(next)) continue;
    found.add(next);
    for (const child of index.children.get(next) ?? []) stack.push(child.id);
  }
  return found;
}

/** "Weapons/small" and "weapons / small" both mean the path "weapons / small", folded. */
function foldPath(text: string): string {
  return text
    .split('/')
    .map((part) => foldForSearch(part.trim()))
    .join(PATH_SEPARATOR);
}

export interface TagMatch {
  tag: Tag;
  path: string;
}

/**
 * Tags whose name or path contains the query, best first: an exact name or path, then names that start with
 * it, then paths or words that start with it, then the rest; ties keep the tree order. An empty query lists
 * every tag in tree order.
 */
export function matchTags(
  index: TagIndex,
  query: string,
  options: { exclude?: ReadonlySet<string> | readonly string[]; limit?: number } = {},
): TagMatch[] {
  const exclude = new Set(options.exclude ?? []);
  const q = foldPath(query.trim());
  const ranked: { match: TagMatch; rank: number; order: number }[] = [];
  index.ordered.forEach((tag, order) => {
    if (exclude.has(tag.id)) return;
    const path = index.path(tag.id);
    if (q === '') {
      ranked.push({ match: { tag, path }, rank: 0, order });
      return;
    }
    const name = foldForSearch(tag.name);
    const foldedPath = foldPath(path);
    let rank: number;
    if (name === q || foldedPath === q) rank = 0;
    else if (name.startsWith(q)) rank = 1;
    else if (foldedPath.startsWith(q) || startsAWord(name, q) || startsAWord(foldedPath, q)) rank = 2;
    else if (foldedPath.includes(q)) rank = 3;
    else return;
    ranked.push({ match: { tag, path }, rank, order });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  const matches = ranked.map((r) => r.match);
  return options.limit === undefined ? matches : matches.slice(0, options.limit);
}

function startsAWord(text: string, q: string): boolean {
  return text.split(/[\s/()\-–—,.:;]+/).some((word) => word.length > 0 && word.startsWith(q));
}

/** Whether the typed text names an existing tag exactly (by name or by path, ignoring case and accents). */
export function exactTag(index: TagIndex, text: string): Tag | undefined {
  const q = foldPath(text.trim());
  if (q === '') return undefined;
  return index.ordered.find((tag) => foldForSearch(tag.name) === q || foldPath(index.path(tag.id)) === q);
}

/**
 * What typing a new tag's name into a picker would create. "Parent / Child" names a path: the deepest
 * existing tag the path leads to becomes the parent (a partial path like "Small arms / Pistols" finds
 * "Weapons / Small arms" when only one tag ends that way), and the levels that don't exist yet are created
 * below it, so "Places / Caracas" with no "Places" creates both.
 */
export type NewTagPlan =
  | { kind: 'none' }
  | { kind: 'exists'; tag: Tag }
  | { kind: 'create'; parentId: string | null; names: string[] }
  | { kind: 'invalid'; reason: string };

export function planNewTag(index: TagIndex, text: string): NewTagPlan {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'none' };
  const existing = exactTag(index, trimmed);
  if (existing) return { kind: 'exists', tag: existing };
  const parts = trimmed.split('/').map((part) => part.trim());
  // "Weapons /" is a path still being typed.
  if (parts.some((part) => part === '')) return { kind: 'none' };
  const tooLong = parts.find((part) => part.length > TAG_NAME_MAX);
  if (tooLong !== undefined) {
    return { kind: 'invalid', reason: `A tag name can have at most ${TAG_NAME_MAX} characters.` };
  }

  const folded = parts.map((part) => foldForSearch(part));
  for (let known = parts.length - 1; known >= 1; known--) {
    const wanted = folded.slice(0, known);
    const candidates = index.ordered.filter((tag) => endsWithPath(index.pathParts(tag.id), wanted));
    if (candidates.length === 0) continue;
    const anchored = candidates.filter((tag) => index.pathParts(tag.id).length === known);
    const parent = candidates.length === 1 ? candidates[0] : anchored.length === 1 ? anchored[0] : undefined;
    if (!parent) {
      return {
        kind: 'invalid',
        reason: `Several tags are called “${parts[known - 1]}”: type the full path to the one you mean.`,
      };
    }
    return { kind: 'create', parentId: parent.id, names: parts.slice(known) };
  }
  return { kind: 'create', parentId: null, names: parts };
}

function endsWithPath(parts: readonly string[], wanted: readonly string[]): boolean {
  if (parts.length < wanted.length) return false;
  const offset = parts.length - wanted.length;
  return wanted.every((part, i) => foldForSearch(parts[offset + i]!) === part);
}

/**
 * The colour for a new tag: a child takes its parent's, so a branch of the tree reads as one colour; a new
 * top-level tag takes the next colour of the palette (grey is left for tags the user chooses it for).
 */
export function colorForNewTag(index: TagIndex, parentId: string | null): TagColor {
  const parent = parentId === null ? undefined : index.byId.get(parentId);
  if (parent) return parent.color;
  const palette = TAG_COLORS.filter((color) => color !== 'gray');
  const topLevel = index.children.get(null)?.length ?? 0;
  return palette[topLevel % palette.length]!;
}

export interface TagTreeNode {
  tag: Tag;
  children: TagTreeNode[];
}

/**
 * The tree to draw. With a query, only tags that match (by name, path or description) and their ancestors;
 * `expand` then lists the ancestors, which must be open for the matches to be seen.
 */
export function tagTree(index: TagIndex, query = ''): { nodes: TagTreeNode[]; expand: Set<string> } {
  const q = foldForSearch(query.trim());
  const expand = new Set<string>();
  const build = (parentId: string | null): TagTreeNode[] => {
    const nodes: TagTreeNode[] = [];
    for (const tag of index.children.get(parentId) ?? []) {
      const children = build(tag.id);
      const matches =
        q === '' ||
        foldPath(index.path(tag.id)).includes(foldPath(query.trim())) ||
        foldForSearch(tag.description).includes(q);
      if (q !== '' && children.length > 0) expand.add(tag.id);
      if (matches || children.length > 0) nodes.push({ tag, children });
    }
    return nodes;
  };
  return { nodes: build(null), expand };
}

/** "3 highlights · 1 claim". */
export function usesLabel(tag: Pick<Tag, 'highlightCount' | 'claimCount'>): string {
  return `${counted(tag.highlightCount, 'highlight')} · ${counted(tag.claimCount, 'claim')}`;
}

export const counted = (n: number, noun: string, plural = `${noun}s`): string =>
  `${n.toLocaleString()} ${n === 1 ? noun : plural}`;

type TagUses = Pick<Tag, 'name' | 'highlightCount' | 'claimCount'>;

/** What merging does to the source's uses, said before the user confirms. */
export function mergeTagSentence(source: TagUses, target: Pick<Tag, 'name'>): string {
  const { highlightCount: h, claimCount: c } = source;
  if (h === 0 && c === 0) {
    return `No highlights or claims are tagged “${source.name}”; “${source.name}” will be removed.`;
  }
  return (
    `${h + c === 1 ? 'The' : 'All'} ${counted(h, 'highlight')} and ${counted(c, 'claim')} tagged “${source.name}” will be tagged ` +
    `“${target.name}”; “${source.name}” will be removed.`
  );
}

/** The question a delete asks, with the count of uses first. */
export function deleteTagSentence(tag: TagUses, hasChildren: boolean): string {
  const uses = `“${tag.name}” is used on ${counted(tag.highlightCount, 'highlight')} and ${counted(tag.claimCount, 'claim')}.`;
  return `${uses} Delete it?${hasChildren ? ' Its child tags move up a level.' : ''}`;
}
