// What researchers build on top of passages: a codebook of hierarchical tags, the people, organisations and
// places who make claims (entities), and claims (a statement attributed to a claimant, made at a date,
// supported by passages, with a verdict). Every row is merge-ready (design.md §5): a UUID, an updated_at, and
// deletion as a tombstone, never a vanished row.
import { z } from 'zod';
import { PartialDate } from './dates';
import { Id } from './domain';

/** Tag colours: a named palette, so a colour reads the same in light and dark themes and in exports. */
export const TAG_COLORS = [
  'gray',
  'red',
  'orange',
  'yellow',
  'green',
  'teal',
  'blue',
  'purple',
  'pink',
] as const;
export const TagColor = z.enum(TAG_COLORS);
export type TagColor = z.infer<typeof TagColor>;

export const TAG_NAME_MAX = 200;
export const TagName = z
  .string()
  .trim()
  .min(1, 'A tag needs a name')
  .max(TAG_NAME_MAX)
  .refine((name) => !name.includes('/'), 'A tag name cannot contain “/” (it separates levels of the tree)');

export const Tag = z.object({
  id: Id,
  parentId: Id.nullable(),
  name: z.string(),
  color: TagColor,
  description: z.string(),
  /** Live highlights and claims carrying the tag itself (not its children). */
  highlightCount: z.number().int().nonnegative(),
  claimCount: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Tag = z.infer<typeof Tag>;

export const ENTITY_KINDS = ['person', 'organization', 'place'] as const;
export const EntityKind = z.enum(ENTITY_KINDS);
export type EntityKind = z.infer<typeof EntityKind>;
export const ENTITY_KIND_LABELS: Record<EntityKind, string> = {
  person: 'Person',
  organization: 'Organisation',
  place: 'Place',
};

export const EntityName = z.string().trim().min(1, 'A name cannot be empty').max(300);

export const Entity = z.object({
  id: Id,
  kind: EntityKind,
  name: z.string(),
  /** Other names the entity goes by: spellings without diacritics, surnames, transliterations. */
  aliases: z.array(z.string()),
  description: z.string(),
  /** Live claims with this entity as claimant. */
  claimCount: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Entity = z.infer<typeof Entity>;

export const CLAIM_STATUSES = ['unverified', 'supported', 'disputed', 'refuted', 'unclear'] as const;
export const ClaimStatus = z.enum(CLAIM_STATUSES);
export type ClaimStatus = z.infer<typeof ClaimStatus>;
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  unverified: 'Unverified',
  supported: 'Supported',
  disputed: 'Disputed',
  refuted: 'Refuted',
  unclear: 'Unclear',
};

export const STATEMENT_MAX = 5000;
export const RATIONALE_MAX = 1000;
export const CLAIM_NOTE_MAX = 100_000;

/** One passage supporting a claim, with enough of its source to name it without opening the document. */
export const ClaimPassage = z.object({
  highlightId: Id,
  documentId: Id,
  quote: z.string(),
  /** The position in the document's text, for ordering and for the page of PDF passages. */
  start: z.number().int().nonnegative(),
  page: z.number().int().positive().nullable(),
  documentTitle: z.string(),
  outlet: z.string().nullable(),
  /** The document's language tag ("nl", "vi"), for lang: filters. */
  language: z.string().nullable(),
  published: PartialDate.nullable(),
  /** The passage could not be found again after the document's text changed. */
  orphaned: z.boolean(),
});
export type ClaimPassage = z.infer<typeof ClaimPassage>;

/** How a claim bears on an event (issue 5). */
export const EVENT_RELATIONS = ['supports', 'contradicts', 'mentions'] as const;
export const EventRelation = z.enum(EVENT_RELATIONS);
export type EventRelation = z.infer<typeof EventRelation>;

export const Claim = z.object({
  id: Id,
  statement: z.string(),
  claimantId: Id.nullable(),
  claimDate: PartialDate.nullable(),
  status: ClaimStatus,
  rationale: z.string(),
  note: z.string(),
  tagIds: z.array(Id),
  passages: z.array(ClaimPassage),
  /** The events this claim is linked to, and how. */
  eventLinks: z.array(z.object({ eventId: Id, relation: EventRelation })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Claim = z.infer<typeof Claim>;

/** A highlight whose passage was lost when its document's text changed, with what it belonged to. */
export const OrphanedHighlight = z.object({
  highlightId: Id,
  documentId: Id,
  documentTitle: z.string(),
  quote: z.string(),
  note: z.string(),
  orphanedAt: z.string(),
  claimIds: z.array(Id),
});
export type OrphanedHighlight = z.infer<typeof OrphanedHighlight>;

/** What undo and redo can do next, named for the menu ("Undo Create claim"). */
export const HistoryState = z.object({ undo: z.string().nullable(), redo: z.string().nullable() });
export type HistoryState = z.infer<typeof HistoryState>;

/** The kinds of rows an undo or redo touched, so the renderer reloads only what changed. */
export const HISTORY_AREAS = ['highlights', 'tags', 'entities', 'claims', 'events'] as const;
export const HistoryArea = z.enum(HISTORY_AREAS);
export type HistoryArea = z.infer<typeof HistoryArea>;

export const HistoryResult = z.object({
  /** The action undone or redone, or null when there was nothing to do. */
  label: z.string().nullable(),
  areas: z.array(HistoryArea),
  /** Documents whose highlights changed. */
  documentIds: z.array(Id),
  state: HistoryState,
});
export type HistoryResult = z.infer<typeof HistoryResult>;

/** The words of a text as search compares them: folded, split at anything but letters and digits. */
export const searchWords = (text: string): string[] => foldForSearch(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/** Letters with no separable diacritic, spelled plainly (as the search index also has them). */
const FOLDED_LETTERS: Record<string, string> = {
  đ: 'd',
  ð: 'd',
  ø: 'o',
  ł: 'l',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  þ: 'th',
};
const FOLDED_PATTERN = /[đðøłßæœıþ]/g;
// eslint-disable-next-line no-control-regex -- the whole ASCII range
const ASCII_ONLY = /^[\u0000-\u007f]*$/;

/** Folds case and diacritics so "Nicolas" finds "Nicolás" and "bao" finds "Báo" in pickers and filters. */
export function foldForSearch(value: string): string {
  // ASCII has nothing to decompose and lower-cases alike in every locale but Turkish and Lithuanian ones
  // (not 'und'): the common case, indexed by the hundred thousand, skips the Unicode work.
  if (ASCII_ONLY.test(value)) return value.toLowerCase();
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('und')
    .replace(FOLDED_PATTERN, (letter) => FOLDED_LETTERS[letter]!);
}
