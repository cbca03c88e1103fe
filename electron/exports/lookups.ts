// What the claim and event exports look names up in: tags by id with their full paths, entities by id, events by
// id, and documents by id. Built once per export from the project's lists.
import type { Claim, Entity, Tag } from '../../shared/annotations';
import type { DocumentSummary } from '../../shared/domain';
import type { Event } from '../../shared/events';

export interface ExportLookups {
  tagPath(id: string): string;
  entity(id: string | null): Entity | undefined;
  event(id: string): Event | undefined;
  document(id: string): DocumentSummary | undefined;
  /** Claims linked to an event, with how. */
  claimsOf(eventId: string): { claim: Claim; relation: string }[];
}

export function exportLookups(data: {
  tags: readonly Tag[];
  entities: readonly Entity[];
  events: readonly Event[];
  documents: readonly DocumentSummary[];
  claims: readonly Claim[];
}): ExportLookups {
  const tags = new Map(data.tags.map((t) => [t.id, t]));
  const entities = new Map(data.entities.map((e) => [e.id, e]));
  const events = new Map(data.events.map((e) => [e.id, e]));
  const documents = new Map(data.documents.map((d) => [d.id, d]));
  const byEvent = new Map<string, { claim: Claim; relation: string }[]>();
  for (const claim of data.claims) {
    for (const link of claim.eventLinks) {
      byEvent.set(link.eventId, [...(byEvent.get(link.eventId) ?? []), { claim, relation: link.relation }]);
    }
  }
  const paths = new Map<string, string>();
  const tagPath = (id: string): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const names: string[] = [];
    const seen = new Set<string>();
    for (let t = tags.get(id); t && !seen.has(t.id); t = t.parentId ? tags.get(t.parentId) : undefined) {
      seen.add(t.id);
      names.unshift(t.name);
    }
    const path = names.join(' / ');
    paths.set(id, path);
    return path;
  };
  return {
    tagPath,
    entity: (id) => (id ? entities.get(id) : undefined),
    event: (id) => events.get(id),
    document: (id) => documents.get(id),
    claimsOf: (eventId) => byEvent.get(eventId) ?? [],
  };
}
