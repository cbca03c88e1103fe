// Entities: the people, organisations and places researchers attribute claims to. The same person turns up
// under several spellings ("Nicolás Maduro", "Nicolas Maduro", "Maduro"), so an entity keeps its other names
// as aliases, and two entries found to be one can be merged without losing a claim or a spelling.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { OpParsedInput } from '../../shared/contract';
import { ENTITY_KIND_LABELS, type Entity } from '../../shared/annotations';
import { DossierError } from '../../shared/errors';
import { nowIso } from '../db/clock';
import {
  getEntityRow,
  insertEntity,
  listEntityRows,
  reassignClaims,
  reassignEvents,
  setEntityDeleted,
  updateEntityRow,
} from '../db/entities';
import type { Project } from '../project';

/** Names sort as a reader expects: case and accents aside, "Émile" next to "Emma", "item 2" before "item 10". */
const byName = new Intl.Collator('und', { sensitivity: 'base', numeric: true });

export function listEntities(project: Project): Entity[] {
  return listEntityRows(project.db).sort(
    (a, b) => byName.compare(a.name, b.name) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}

export function createEntity(project: Project, input: OpParsedInput<'entities.create'>): Entity {
  const label = `Create ${ENTITY_KIND_LABELS[input.kind].toLowerCase()}`;
  return project.write((db) => {
    const at = nowIso();
    const entity: Entity = {
      id: randomUUID(),
      kind: input.kind,
      name: input.name,
      aliases: normaliseAliases(input.name, input.aliases),
      description: input.description,
      claimCount: 0,
      createdAt: at,
      updatedAt: at,
    };
    insertEntity(db, entity);
    return entity;
  }, label);
}

export function updateEntity(project: Project, input: OpParsedInput<'entities.update'>): Entity {
  const current = liveEntity(project.db, input.id);
  const name = input.name ?? current.name;
  const next = {
    kind: input.kind ?? current.kind,
    name,
    // A new name may now duplicate one of the aliases kept so far.
    aliases: normaliseAliases(name, input.aliases ?? current.aliases),
    description: input.description ?? current.description,
  };
  const renamed = next.name !== current.name;
  const changed =
    renamed ||
    next.kind !== current.kind ||
    next.description !== current.description ||
    JSON.stringify(next.aliases) !== JSON.stringify(current.aliases);
  // Nothing to change: no write, so no undo entry and no needless updated_at for a merge to carry.
  if (!changed) return current;
  const onlyRenamed =
    next.kind === current.kind && next.description === current.description && input.aliases === undefined;
  return project.write(
    (db) => {
      liveEntity(db, input.id);
      updateEntityRow(db, input.id, { ...next, updatedAt: nowIso() });
      return liveEntity(db, input.id);
    },
    renamed && onlyRenamed ? 'Rename entity' : 'Edit entity',
  );
}

export function mergeEntities(project: Project, input: OpParsedInput<'entities.merge'>): Entity {
  return project.write((db) => {
    const source = liveEntity(db, input.sourceId, 'The entry to merge no longer exists.');
    const target = liveEntity(db, input.targetId, 'The entry to merge into no longer exists.');
    const at = nowIso();
    const aliases = normaliseAliases(target.name, [...target.aliases, source.name, ...source.aliases]);
    if (JSON.stringify(aliases) !== JSON.stringify(target.aliases)) {
      updateEntityRow(db, target.id, { ...target, aliases, updatedAt: at });
    }
    reassignClaims(db, source.id, target.id, at);
    reassignEvents(db, source.id, target.id, at);
    setEntityDeleted(db, source.id, at, target.id);
    return liveEntity(db, target.id);
  }, 'Merge entities');
}

export function deleteEntity(project: Project, id: string): { id: string } {
  return project.write((db) => {
    liveEntity(db, id);
    const at = nowIso();
    // The claims stay, with an unknown claimant.
    reassignClaims(db, id, null, at);
    reassignEvents(db, id, null, at);
    setEntityDeleted(db, id, at, null);
    return { id };
  }, 'Delete entity');
}

/**
 * Aliases as a user means them: trimmed, no blanks, none repeating the name or each other. Two spellings are the
 * same when they differ only in case or Unicode form ("nicolas maduro" repeats "Nicolas Maduro"); a spelling
 * without the diacritics ("Nicolas" for "Nicolás") is a real alias, how many sources write the name.
 */
export function normaliseAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([spellingKey(name)]);
  const kept: string[] = [];
  for (const alias of aliases) {
    const trimmed = alias.trim();
    const key = spellingKey(trimmed);
    if (trimmed === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(trimmed);
  }
  return kept;
}

function spellingKey(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase('und');
}

function liveEntity(
  db: Database,
  id: string,
  message = 'That person, organisation or place no longer exists.',
): Entity {
  const found = getEntityRow(db, id);
  if (!found || found.deleted) throw new DossierError('not_found', message);
  return found.entity;
}
