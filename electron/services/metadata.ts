// Who decides a document's metadata: the importer proposes values with evidence, the user corrects them, and
// a correction is final. A later re-import refreshes every field the user has not touched and none they have
// (including a field they deliberately emptied).
import {
  METADATA_FIELDS,
  type DocumentMetadata,
  type FieldEvidence,
  type MetadataEvidence,
  type MetadataField,
} from '../../shared/domain';
import type { ExtractedMetadata } from './ingest/index';

export interface MetadataWithEvidence {
  metadata: DocumentMetadata;
  evidence: MetadataEvidence;
}

export type MetadataChanges = Partial<DocumentMetadata>;

const EMPTY: DocumentMetadata = {
  title: null,
  outlet: null,
  url: null,
  authors: [],
  published: null,
  language: null,
};

/** The importer's findings as stored values; what was not found stays empty and has no evidence. */
export function metadataFromIngest(extracted: ExtractedMetadata): MetadataWithEvidence {
  const metadata: DocumentMetadata = { ...EMPTY };
  const evidence: MetadataEvidence = {};
  for (const field of METADATA_FIELDS) {
    const found = extracted[field];
    if (!found) continue;
    setField(metadata, field, found.value);
    evidence[field] = found.evidence;
  }
  return { metadata, evidence };
}

/** A re-import: fields the user set keep the user's value, every other field takes the new finding. */
export function mergeReimportedMetadata(
  current: MetadataWithEvidence,
  extracted: ExtractedMetadata,
): MetadataWithEvidence {
  const fresh = metadataFromIngest(extracted);
  for (const field of METADATA_FIELDS) {
    const kept = current.evidence[field];
    if (kept?.source !== 'user') continue;
    setField(fresh.metadata, field, current.metadata[field]);
    fresh.evidence[field] = kept;
  }
  return fresh;
}

/** The user's corrections; each changed field is marked as the user's, with when it was entered. */
export function applyUserChanges(
  current: MetadataWithEvidence,
  changes: MetadataChanges,
  at: string,
): MetadataWithEvidence {
  const metadata = { ...current.metadata };
  const evidence = { ...current.evidence };
  const userEvidence: FieldEvidence = { source: 'user', detail: `Entered by the user on ${at.slice(0, 10)}` };
  for (const field of METADATA_FIELDS) {
    if (!(field in changes)) continue;
    const value = changes[field];
    if (value === undefined) continue;
    if (sameValue(metadata[field], value)) continue;
    setField(metadata, field, value);
    evidence[field] = userEvidence;
  }
  return { metadata, evidence };
}

function setField(metadata: DocumentMetadata, field: MetadataField, value: unknown): void {
  (metadata as Record<MetadataField, unknown>)[field] = value;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
