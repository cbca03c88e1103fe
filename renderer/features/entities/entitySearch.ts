// Finding people, organisations and places by any name they go by. News spells names many ways ("Nicolás
// Maduro", "Nicolas Maduro", "Maduro"), so a query matches an entity's name or any alias, ignoring case and
// accents, word by word: "maduro nicolas" still finds "Nicolás Maduro". Pure functions: unit-tested.
import { ENTITY_KIND_LABELS, foldForSearch, type Entity, type EntityKind } from '../../../shared/annotations';

export interface EntityMatch {
  entity: Entity;
  /** The alias the query matched, when it matched an alias better than the name (or not the name at all). */
  matchedAlias: string | null;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
export const compareEntityNames = (a: Entity, b: Entity): number =>
  collator.compare(a.name, b.name) || a.name.localeCompare(b.name);

/** How well a folded query matches a folded name: 0 exact … 3 every word somewhere; null: no match. */
function rankName(name: string, q: string, words: readonly string[]): number | null {
  if (name === q) return 0;
  if (name.startsWith(q)) return 1;
  const nameWords = name.split(/[\s\-–—.,'’()]+/).filter(Boolean);
  if (!words.every((w) => name.includes(w))) return null;
  return words.every((w) => nameWords.some((n) => n.startsWith(w))) ? 2 : 3;
}

/** Entities matching the query by name or alias, best first (then by name). An empty query lists them all. */
export function matchEntities(
  entities: readonly Entity[],
  query: string,
  options: { kind?: EntityKind | null; exclude?: readonly string[]; limit?: number } = {},
): EntityMatch[] {
  const q = foldForSearch(query.trim()).replace(/\s+/g, ' ');
  const words = q.split(' ').filter(Boolean);
  const exclude = new Set(options.exclude ?? []);
  const found: { match: EntityMatch; rank: number }[] = [];
  for (const entity of entities) {
    if (exclude.has(entity.id)) continue;
    if (options.kind && entity.kind !== options.kind) continue;
    if (q === '') {
      found.push({ match: { entity, matchedAlias: null }, rank: 0 });
      continue;
    }
    let rank = rankName(foldForSearch(entity.name), q, words);
    let matchedAlias: string | null = null;
    for (const alias of entity.aliases) {
      const aliasRank = rankName(foldForSearch(alias), q, words);
      if (aliasRank !== null && (rank === null || aliasRank < rank)) {
        rank = aliasRank;
        matchedAlias = alias;
      }
    }
    if (rank !== null) found.push({ match: { entity, matchedAlias }, rank });
  }
  found.sort((a, b) => a.rank - b.rank || compareEntityNames(a.match.entity, b.match.entity));
  const matches = found.map((f) => f.match);
  return options.limit === undefined ? matches : matches.slice(0, options.limit);
}

/** The entity the text names exactly (its name or an alias, ignoring case and accents), if any. */
export function exactEntity(entities: readonly Entity[], text: string): Entity | undefined {
  const q = foldForSearch(text.trim()).replace(/\s+/g, ' ');
  if (q === '') return undefined;
  const same = (name: string) => foldForSearch(name.trim()).replace(/\s+/g, ' ') === q;
  return entities.find((e) => same(e.name) || e.aliases.some(same));
}

/** Aliases typed as a list: "Maduro, Nicolas Maduro; N. Maduro" — trimmed, blanks and repeats dropped. */
export function parseAliases(text: string): string[] {
  return addAliases([], text.split(/[,;\n]/));
}

/** Adds aliases to a list, skipping blanks, the entity's own name and ones already there (by exact text). */
export function addAliases(current: readonly string[], added: readonly string[], name = ''): string[] {
  const result = [...current];
  for (const raw of added) {
    const alias = raw.trim().replace(/\s+/g, ' ');
    if (alias === '' || alias === name.trim() || result.includes(alias)) continue;
    result.push(alias);
  }
  return result;
}

export const ENTITY_KIND_PLURALS: Record<EntityKind, string> = {
  person: 'People',
  organization: 'Organisations',
  place: 'Places',
};

/** "person", "organisation", "place": the kind inside a sentence ("Create person “X”"). */
export function kindWord(kind: EntityKind): string {
  return ENTITY_KIND_LABELS[kind].toLowerCase();
}

const countClaims = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'claim' : 'claims'}`;

/** What merging does, said before the user confirms: names become aliases, claims move. */
export function mergeEntitySentence(
  source: Pick<Entity, 'name' | 'aliases' | 'claimCount'>,
  target: Pick<Entity, 'name'>,
): string {
  const names =
    source.aliases.length > 0 ? `“${source.name}” and its aliases become` : `“${source.name}” becomes`;
  const claims =
    source.claimCount === 0
      ? `No claims name “${source.name}” as claimant.`
      : `Its ${countClaims(source.claimCount)} will name “${target.name}” as claimant.`;
  return `${names} ${source.aliases.length > 0 ? 'aliases' : 'an alias'} of “${target.name}”. ${claims} “${source.name}” will be removed.`;
}

/** The question a delete asks, with the claims that will lose their claimant first. */
export function deleteEntitySentence(entity: Pick<Entity, 'name' | 'claimCount'>): string {
  const n = entity.claimCount;
  if (n === 0) return `No claims name “${entity.name}” as claimant. Delete “${entity.name}”?`;
  return (
    `${countClaims(n)} ${n === 1 ? 'names' : 'name'} “${entity.name}” as claimant; ` +
    `${n === 1 ? 'it keeps its statement' : 'they keep their statements'} with an unknown claimant. ` +
    `Delete “${entity.name}”?`
  );
}

/** "3 people · 1 organisation · 2 places". */
export function entityTotals(entities: readonly Pick<Entity, 'kind'>[]): string {
  const count = (kind: EntityKind) => entities.filter((e) => e.kind === kind).length;
  const people = count('person');
  const organisations = count('organization');
  const places = count('place');
  return [
    `${people} ${people === 1 ? 'person' : 'people'}`,
    `${organisations} ${organisations === 1 ? 'organisation' : 'organisations'}`,
    `${places} ${places === 1 ? 'place' : 'places'}`,
  ].join(' · ');
}
