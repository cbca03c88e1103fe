// Changes to a document after import: the user's corrections of its metadata, their verdict on which blocks
// are boilerplate, and a corrected version of its file. Each is one transaction; the user's choices survive a
// re-import, and highlights follow their passages into the new text or become orphans (services/orphans.ts).
import type { ReferenceType } from '../../shared/csl';
import type { Block, DocumentDetail, DocumentSummary } from '../../shared/domain';
import { DossierError } from '../../shared/errors';
import {
  findDuplicateDocument,
  getDocumentSummary,
  replaceDocumentContent,
  updateDocumentBlocks,
  updateDocumentMetadata,
  updateReferenceType,
} from '../db/documents';
import { nowIso } from '../db/clock';
import type { Project } from '../project';
import { getDocument, safeFileName, type ImportLimits } from './documents';
import { ingestFile } from './ingest/index';
import { reanchorDocument } from './orphans';
import {
  applyUserChanges,
  mergeReimportedMetadata,
  type MetadataChanges,
  type MetadataWithEvidence,
} from './metadata';

function requireSummary(project: Project, id: string): DocumentSummary {
  const summary = getDocumentSummary(project.db, id);
  if (!summary) throw new DossierError('not_found', 'That document is not in this project.');
  return summary;
}

function withEvidence(summary: DocumentSummary): MetadataWithEvidence {
  const { title, outlet, url, authors, published, language, evidence } = summary;
  return { metadata: { title, outlet, url, authors, published, language }, evidence };
}

export function updateMetadata(
  project: Project,
  id: string,
  changes: MetadataChanges & { referenceType?: ReferenceType | null },
): DocumentSummary {
  return project.write((db) => {
    const current = requireSummary(project, id);
    const at = nowIso();
    const { referenceType, ...metadata } = changes;
    const next = applyUserChanges(withEvidence(current), metadata, at);
    updateDocumentMetadata(db, id, next.metadata, next.evidence, at);
    if (referenceType !== undefined) updateReferenceType(db, id, referenceType, at);
    return requireSummary(project, id);
  });
}

export function setBoilerplate(
  project: Project,
  id: string,
  blockIndexes: number[],
  boilerplate: boolean,
): { id: string; blocks: Block[] } {
  return project.write((db) => {
    requireSummary(project, id);
    const content = project.documentContent(id);
    if (!content) throw new DossierError('not_found', 'That document is not in this project.');
    const chosen = new Set(blockIndexes);
    const outside = blockIndexes.find((index) => index >= content.blocks.length);
    if (outside !== undefined) {
      throw new DossierError('invalid_input', `The document has no block ${outside}.`);
    }
    const blocks = content.blocks.map((block, index) =>
      chosen.has(index) ? { ...block, boilerplate, boilerplateByUser: true } : block,
    );
    updateDocumentBlocks(db, id, blocks, nowIso());
    project.forgetContent(id);
    return { id, blocks };
  });
}

/**
 * Replaces a document's file with a corrected version. Metadata the user entered stays; the importer's
 * findings are refreshed. Blocks whose text is unchanged keep the user's boilerplate verdict. Highlights follow
 * their passages into the new text, exactly or approximately found (a typo fixed inside a quote updates the
 * quote); those whose passage is gone keep their old quote and become orphans, listed for re-attaching.
 */
export async function reimportDocumentFile(
  project: Project,
  id: string,
  rawFileName: string,
  bytes: Uint8Array,
  limits: ImportLimits,
): Promise<DocumentDetail> {
  requireSummary(project, id);
  const fileName = safeFileName(rawFileName);
  const ingested = await (limits.ingest ?? ingestFile)(fileName, bytes, limits);
  const { originalSha256, textSha256 } = ingested;
  project.write((db) => {
    const current = requireSummary(project, id);
    const duplicate = findDuplicateDocument(db, originalSha256, textSha256, id);
    if (duplicate) {
      throw new DossierError(
        'import_refused',
        `This file is already in the project as another document ("${duplicate.title}").`,
      );
    }
    const old = project.documentContent(id);
    const blocks = old ? keepUserBoilerplate(old, ingested) : ingested.blocks;
    const at = nowIso();
    replaceDocumentContent(
      db,
      id,
      {
        fileName,
        mediaType: ingested.mediaType,
        text: ingested.text,
        blocks,
        textSha256,
        originalSha256,
        original: bytes,
      },
      at,
    );
    const merged = mergeReimportedMetadata(withEvidence(current), ingested.metadata);
    updateDocumentMetadata(db, id, merged.metadata, merged.evidence, at);
    reanchorDocument(project, db, id, ingested.text, at);
    project.forgetContent(id);
  });
  return getDocument(project, id);
}

function keepUserBoilerplate(
  old: { text: string; blocks: Block[] },
  next: { text: string; blocks: Block[] },
): Block[] {
  const verdicts = new Map<string, boolean>();
  for (const block of old.blocks) {
    if (block.boilerplateByUser) verdicts.set(old.text.slice(block.start, block.end), !!block.boilerplate);
  }
  if (verdicts.size === 0) return next.blocks;
  return next.blocks.map((block) => {
    const verdict = verdicts.get(next.text.slice(block.start, block.end));
    return verdict === undefined ? block : { ...block, boilerplate: verdict, boilerplateByUser: true };
  });
}
