// The codebook: a tree of tags researchers put on highlights and claims. Renaming, moving, merging and deleting
// reshape the tree without losing a single use of a tag, and each action is one undo entry. The rules a user
// would trip over (two siblings of the same name, a tag moved under itself) are checked before anything is
// written, with a message that names what is in the way.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { OpParsedInput } from '../../shared/contract';
import type { Tag } from '../../shared/annotations';
import { DossierError } from '../../shared/errors';
import { nowIso } from '../db/clock';
import {
  getTagRow,
  insertTag,
  isSameOrDescendant,
  linkedItemIds,
  linkTag,
  listLiveChildren,
  listTagRows,
  liveItemIds,
  moveLiveChildren,
  setTagDeleted,
  type TagTarget,
  unlinkTag,
  unlinkTagEverywhere,
  updateTagRow,
} from '../db/tags';
import type { Project } from '../project';

/** Merging and deleting a tag reach every kind of item; tags.apply puts tags on highlights and claims. */
const TAG_TARGETS: TagTarget[] = ['highlight', 'claim', 'event'];

export function listTags(project: Project): Tag[] {
  return listTagRows(project.db);
}

export function createTag(project: Project, input: OpParsedInput<'tags.create'>): Tag {
  return project.write((db) => insertNewTag(db, input), 'Create tag');
}

/** The levels of a typed path, each under the one before: all of them or, if one is refused, none. */
export function createTagPath(project: Project, input: OpParsedInput<'tags.createPath'>): Tag {
  return project.write(
    (db) => {
      let parentId = input.parentId;
      let tag: Tag | null = null;
      for (const name of input.names) {
        tag = insertNewTag(db, { name, parentId, color: input.color, description: '' });
        parentId = tag.id;
      }
      return tag!;
    },
    input.names.length === 1 ? 'Create tag' : 'Create tags',
  );
}

function insertNewTag(db: Database, input: OpParsedInput<'tags.create'>): Tag {
  if (input.parentId !== null) liveTag(db, input.parentId, 'The parent tag no longer exists.');
  refuseSiblingClash(db, input.parentId, input.name, null);
  const at = nowIso();
  const tag: Tag = {
    id: randomUUID(),
    parentId: input.parentId,
    name: input.name,
    color: input.color ?? 'gray',
    description: input.description,
    highlightCount: 0,
    claimCount: 0,
    createdAt: at,
    updatedAt: at,
  };
  guardSiblingIndex(input.name, () => insertTag(db, tag));
  return tag;
}

export function updateTag(project: Project, input: OpParsedInput<'tags.update'>): Tag {
  const current = liveTag(project.db, input.id);
  const next = {
    parentId: input.parentId === undefined ? current.parentId : input.parentId,
    name: input.name ?? current.name,
    color: input.color ?? current.color,
    description: input.description ?? current.description,
  };
  const renamed = next.name !== current.name;
  const moved = next.parentId !== current.parentId;
  const recoloured = next.color !== current.color;
  const described = next.description !== current.description;
  // Nothing to change: no write, so no undo entry and no needless updated_at for a merge to carry.
  if (!renamed && !moved && !recoloured && !described) return current;
  const label =
    [renamed, moved, recoloured, described].filter(Boolean).length > 1
      ? 'Edit tag'
      : renamed
        ? 'Rename tag'
        : moved
          ? 'Move tag'
          : recoloured
            ? 'Change tag colour'
            : 'Edit tag description';
  return project.write((db) => {
    liveTag(db, input.id);
    if (moved && next.parentId !== null) {
      const parent = liveTag(db, next.parentId, 'The tag to move it under no longer exists.');
      if (isSameOrDescendant(db, input.id, next.parentId)) {
        throw new DossierError(
          'invalid_input',
          parent.id === input.id
            ? `“${current.name}” cannot be moved under itself.`
            : `“${current.name}” cannot be moved under “${parent.name}”, which is inside it.`,
        );
      }
    }
    if (renamed || moved) refuseSiblingClash(db, next.parentId, next.name, input.id);
    guardSiblingIndex(next.name, () => updateTagRow(db, input.id, { ...next, updatedAt: nowIso() }));
    return liveTag(db, input.id);
  }, label);
}

export function mergeTags(project: Project, input: OpParsedInput<'tags.merge'>): Tag {
  return project.write((db) => {
    const source = liveTag(db, input.sourceId, 'The tag to merge no longer exists.');
    const target = liveTag(db, input.targetId, 'The tag to merge into no longer exists.');
    if (isSameOrDescendant(db, source.id, target.id)) {
      throw new DossierError(
        'invalid_input',
        `“${source.name}” cannot be merged into “${target.name}”, which is inside it.`,
      );
    }
    const clash = childNameClash(db, source.id, target.id);
    if (clash) {
      throw new DossierError(
        'invalid_input',
        `“${source.name}” and “${target.name}” both have a tag named “${clash}” inside them. Rename or merge one of them first.`,
      );
    }
    const at = nowIso();
    for (const kind of TAG_TARGETS) {
      for (const itemId of linkedItemIds(db, kind, source.id)) {
        unlinkTag(db, kind, source.id, itemId, at);
        // An item that already carries the target keeps that one link: no duplicate, no rewrite.
        linkTag(db, kind, target.id, itemId, at);
      }
    }
    // The source leaves its place among the siblings before its children join the target's.
    setTagDeleted(db, source.id, at, target.id);
    moveLiveChildren(db, source.id, target.id, at);
    return liveTag(db, target.id);
  }, 'Merge tags');
}

export function deleteTag(project: Project, id: string): { id: string } {
  return project.write((db) => {
    const tag = liveTag(db, id);
    const clash = childNameClash(db, id, tag.parentId);
    if (clash) {
      throw new DossierError(
        'invalid_input',
        `“${tag.name}” cannot be deleted: “${clash}” inside it would move up next to another tag named “${clash}”. Rename or merge one of them first.`,
      );
    }
    const at = nowIso();
    for (const kind of TAG_TARGETS) unlinkTagEverywhere(db, kind, id, at);
    setTagDeleted(db, id, at, null);
    moveLiveChildren(db, id, tag.parentId, at);
    return { id };
  }, 'Delete tag');
}

export function applyTag(project: Project, input: OpParsedInput<'tags.apply'>): { changed: number } {
  return changeTagUses(project, input, 'apply');
}

export function removeTag(project: Project, input: OpParsedInput<'tags.remove'>): { changed: number } {
  return changeTagUses(project, input, 'remove');
}

function changeTagUses(
  project: Project,
  input: OpParsedInput<'tags.apply'>,
  action: 'apply' | 'remove',
): { changed: number } {
  const items: Record<TagTarget, string[]> = {
    highlight: [...new Set(input.highlightIds)],
    claim: [...new Set(input.claimIds)],
    event: [],
  };
  return project.write(
    (db) => {
      liveTag(db, input.tagId);
      for (const kind of TAG_TARGETS) refuseMissingItems(db, kind, items[kind]);
      const at = nowIso();
      let changed = 0;
      for (const kind of TAG_TARGETS) {
        for (const itemId of items[kind]) {
          const did =
            action === 'apply'
              ? linkTag(db, kind, input.tagId, itemId, at)
              : unlinkTag(db, kind, input.tagId, itemId, at);
          if (did) changed += 1;
        }
      }
      return { changed };
    },
    tagUsesLabel(action, items.highlight.length, items.claim.length),
  );
}

/** "Tag 3 highlights", "Untag claim", "Tag 2 highlights and 1 claim". */
function tagUsesLabel(action: 'apply' | 'remove', highlights: number, claims: number): string {
  const verb = action === 'apply' ? 'Tag' : 'Untag';
  if (highlights > 0 && claims > 0) {
    return `${verb} ${counted(highlights, 'highlight')} and ${counted(claims, 'claim')}`;
  }
  if (claims > 0) return `${verb} ${claims === 1 ? 'claim' : counted(claims, 'claim')}`;
  return `${verb} ${highlights === 1 ? 'highlight' : counted(highlights, 'highlight')}`;
}

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Refuses the whole action when any selected item has gone, saying how many, before anything is written. */
function refuseMissingItems(db: Database, kind: TagTarget, ids: string[]): void {
  if (ids.length === 0) return;
  const missing = ids.length - liveItemIds(db, kind, ids).size;
  if (missing === 0) return;
  throw new DossierError(
    'not_found',
    ids.length === 1
      ? `That ${kind} no longer exists; nothing was changed.`
      : `${missing} of the ${ids.length} selected ${kind}s no longer exist${missing === 1 ? 's' : ''}; nothing was changed.`,
  );
}

function liveTag(db: Database, id: string, message = 'That tag no longer exists.'): Tag {
  const found = getTagRow(db, id);
  if (!found || found.deleted) throw new DossierError('not_found', message);
  return found.tag;
}

/** Sibling names compare without regard to case, in any script (the index only folds ASCII). */
function sameTagName(a: string, b: string): boolean {
  return a.normalize('NFC').toLocaleLowerCase('und') === b.normalize('NFC').toLocaleLowerCase('und');
}

function refuseSiblingClash(
  db: Database,
  parentId: string | null,
  name: string,
  exceptId: string | null,
): void {
  const clash = listLiveChildren(db, parentId).find((t) => t.id !== exceptId && sameTagName(t.name, name));
  if (clash) throw siblingClash(clash.name);
}

/**
 * The name of a live child of `fromId` that would clash with a live tag already under `toParentId` if the
 * children moved there (`fromId` itself gives up its place there). Null if they can all move.
 */
function childNameClash(db: Database, fromId: string, toParentId: string | null): string | null {
  const staying = listLiveChildren(db, toParentId).filter((t) => t.id !== fromId);
  for (const child of listLiveChildren(db, fromId)) {
    if (staying.some((t) => sameTagName(t.name, child.name))) return child.name;
  }
  return null;
}

function siblingClash(name: string): DossierError {
  return new DossierError('invalid_input', `There is already a tag “${name}” here.`);
}

/** The checks above run first; should a write still meet the unique index, the user gets the same message. */
function guardSiblingIndex<T>(name: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT')) {
      throw siblingClash(name);
    }
    throw error;
  }
}
