// Exchanging projects with teammates (issue 8), as the app, the server and the CLI call it: export the project
// or a scope as a .dossier (or REFI-QDA .qdpx) file; read a teammate's file, preview the merge, apply it in one
// transaction; open a file as a new project; and the conflicts merges kept aside.
//
// A previewed file stays staged (checked, in a temporary database) until it is applied or discarded, so the
// preview the user reads is what gets merged, without reading the file twice.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import type { ExchangeFormat, ExportScope, StoredConflict } from '../../shared/contract-exchange';
import { MAX_EXCHANGE_UPLOAD_BYTES } from '../../shared/contract-exchange';
import type { OpParsedInput } from '../../shared/contract';
import { DossierError } from '../../shared/errors';
import { nowIso } from '../db/clock';
import { exportProjectFile, type ExportSummary } from '../exchange/export';
import { TABLE_BY_NAME } from '../exchange/format';
import { applyMerge, describeRow, planMerge, type MergeReport } from '../exchange/merge';
import { readDossierFile, type StagedFile } from '../exchange/read';
import {
  columns,
  type FileRow,
  keyParams,
  quoteIdent,
  rowHash,
  toFileRow,
  toStoredValues,
  whereKey,
} from '../exchange/rows';
import { openZip } from '../exchange/zip';
import type { Job } from '../jobs';
import { Project } from '../project';
import { documentsInScope } from './citations';

/** Where a file comes from once the host resolved dialogs and uploads: a path on this machine. */
export interface ResolvedSource {
  path: string;
  /** The name to show (an upload's own name). */
  fileName: string;
  /** Removes a temporary copy (an upload). */
  cleanup(): void;
}

/** Writes uploaded bytes to a private temporary file so they can be read like any file. */
export function uploadedSource(fileName: string, dataBase64: string): ResolvedSource {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length > MAX_EXCHANGE_UPLOAD_BYTES) {
    throw new DossierError(
      'invalid_input',
      `The file is larger than ${MAX_EXCHANGE_UPLOAD_BYTES / 1024 / 1024} MB; merge it with the dossier command instead.`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'dossier-upload-'));
  const safeName =
    basename(fileName)
      .replace(/[^\p{L}\p{N}._ -]/gu, '_')
      .slice(0, 200) || 'upload';
  const path = join(dir, safeName);
  writeFileSync(path, bytes, { mode: 0o600 });
  return { path, fileName: basename(fileName), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function pathSource(path: string): ResolvedSource {
  return { path, fileName: basename(path), cleanup: () => {} };
}

// ---------------------------------------------------------------------------------------------------------
// Export

/** The documents and events a scope names, with the scope as the manifest records it. */
function resolveScope(project: Project, scope: ExportScope | undefined) {
  if (!scope) return null;
  const documentIds = new Set(scope.documentIds ?? []);
  if (scope.query?.trim()) for (const id of documentsInScope(project, scope.query)) documentIds.add(id);
  return {
    documentIds: [...documentIds],
    eventIds: scope.eventIds ?? [],
    described: {
      ...(scope.query?.trim() ? { query: scope.query.trim() } : {}),
      ...(scope.documentIds?.length ? { documentIds: scope.documentIds } : {}),
    },
  };
}

export function exportFileName(project: Project, format: ExchangeFormat): string {
  const base =
    [...project.name]
      .map((c) => (/[\\/:*?"<>|]/.test(c) || c.charCodeAt(0) < 0x20 ? '_' : c))
      .join('')
      .trim() || 'Dossier project';
  return `${base}.${format === 'qdpx' ? 'qdpx' : 'dossier'}`;
}

export async function exportExchangeFile(
  project: Project,
  path: string,
  input: { format: ExchangeFormat; scope?: ExportScope | undefined; originals: boolean },
  job: Job,
): Promise<ExportSummary> {
  if (input.format === 'qdpx') {
    const { exportQdpxFile } = await import('../exchange/qdpx');
    return exportQdpxFile(project, path, { scope: resolveScope(project, input.scope), job });
  }
  return exportProjectFile(project, path, {
    scope: resolveScope(project, input.scope),
    originals: input.originals,
    onProgress: (p) => job.report(p),
    signal: job.signal,
  });
}

/** Exports to a temporary file and returns its bytes (a browser download), within the upload limit. */
export async function exportForDownload(
  project: Project,
  input: { format: ExchangeFormat; scope?: ExportScope | undefined; originals: boolean },
  job: Job,
): Promise<{ fileName: string; bytes: Buffer; summary: ExportSummary }> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-export-'));
  try {
    const fileName = exportFileName(project, input.format);
    const summary = await exportExchangeFile(project, join(dir, fileName), input, job);
    if (summary.bytes > MAX_EXCHANGE_UPLOAD_BYTES) {
      throw new DossierError(
        'invalid_input',
        `The export is ${(summary.bytes / 1024 / 1024).toFixed(0)} MB, more than a browser download takes here; use "dossier export project FILE" instead.`,
      );
    }
    return { fileName, bytes: readFileSync(join(dir, fileName)), summary };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reading a teammate's file

/** .qdpx (REFI-QDA: a zip with project.qde) or .dossier (a zip with manifest.json), by content. */
async function detectFormat(path: string): Promise<ExchangeFormat> {
  const zip = await openZip(path);
  try {
    if (zip.has('project.qde')) return 'qdpx';
    return 'dossier';
  } finally {
    zip.close();
  }
}

export async function stageFile(source: ResolvedSource, job: Job): Promise<StagedFile> {
  const format = await detectFormat(source.path);
  job.check();
  const staged =
    format === 'qdpx'
      ? await (await import('../exchange/qdpx')).readQdpxFile(source.path, { job })
      : await readDossierFile(source.path, { onProgress: (p) => job.report(p), signal: job.signal });
  staged.fileName = source.fileName;
  return staged;
}

interface Pending {
  staged: StagedFile;
  project: Project;
  createdAt: number;
}

/** Files previewed and not yet merged or discarded, a few at a time. */
export class PendingMerges {
  private readonly pending = new Map<string, Pending>();
  private static readonly MAX = 3;
  private static readonly TTL_MS = 60 * 60 * 1000;

  add(project: Project, staged: StagedFile): string {
    this.expire();
    while (this.pending.size >= PendingMerges.MAX) this.discard(this.pending.keys().next().value!);
    const token = randomBytes(16).toString('hex');
    this.pending.set(token, { staged, project, createdAt: Date.now() });
    return token;
  }

  take(token: string, project: Project): StagedFile {
    this.expire();
    const entry = this.pending.get(token);
    if (!entry || entry.project !== project) {
      throw new DossierError(
        'not_found',
        'That preview has expired or belongs to another project; open the file again.',
      );
    }
    return entry.staged;
  }

  discard(token: string): void {
    const entry = this.pending.get(token);
    if (!entry) return;
    this.pending.delete(token);
    entry.staged.close();
  }

  clear(): void {
    for (const token of [...this.pending.keys()]) this.discard(token);
  }

  private expire(): void {
    const now = Date.now();
    for (const [token, entry] of this.pending) {
      if (now - entry.createdAt > PendingMerges.TTL_MS) this.discard(token);
    }
  }
}

export function previewMerge(project: Project, staged: StagedFile) {
  return planMerge(project, staged);
}

export function applyStagedMerge(
  project: Project,
  staged: StagedFile,
  keepTagsApart: readonly string[],
): MergeReport {
  if (project.readOnly) {
    throw new DossierError('read_only', 'This project is open read-only; nothing was merged.');
  }
  return applyMerge(project, staged, { keepTagsApart });
}

/**
 * A file as a new project at `target`: built in a temporary file beside it, then renamed, so a failure
 * leaves nothing behind. The new project keeps the file's project id and name.
 */
export function createProjectFromStaged(staged: StagedFile, target: string): MergeReport {
  if (existsSync(target)) {
    throw new DossierError('project_error', `A file already exists at ${target}; choose another name.`);
  }
  const temp = join(dirname(target), `.dossier-${randomUUID()}${extname(target) || '.sqlite'}`);
  let project: Project | null = null;
  try {
    project = Project.open(temp, { create: true });
    const report = applyMerge(project, staged);
    project.write((db) => {
      const set = db.prepare(`UPDATE project SET value = ? WHERE key = ?`);
      set.run(staged.manifest.project.id, 'id');
      set.run(staged.manifest.project.name, 'name');
      // A copy knows what the original knew of its rows' history: its merge bases too.
      const base = db.prepare(`INSERT OR REPLACE INTO exchange_base (tbl, key, hash) VALUES (?, ?, ?)`);
      const bases = staged.db.prepare(`SELECT tbl, key, hash FROM bases`).iterate() as Iterable<{
        tbl: string;
        key: string;
        hash: string;
      }>;
      for (const b of bases) base.run(b.tbl, b.key, b.hash);
    });
    project.db.pragma('wal_checkpoint(TRUNCATE)');
    project.close();
    project = null;
    renameSync(temp, target);
    return report;
  } catch (error) {
    project?.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Conflicts kept aside by merges

interface ConflictRow {
  merge_id: string;
  merged_at: string;
  file_name: string;
  source_project_name: string;
  tbl: string;
  key: string;
  kept: 'ours' | 'theirs';
  ours: string;
  theirs: string;
}

function currentRow(project: Project, table: string, key: string): FileRow | null {
  const spec = TABLE_BY_NAME.get(table);
  if (!spec) return null;
  const stored = project.db
    .prepare(`SELECT * FROM ${quoteIdent(table)} WHERE ${whereKey(spec)}`)
    .get(...keyParams(spec, key)) as Record<string, unknown> | undefined;
  return stored ? toFileRow(spec, stored) : null;
}

export function listConflicts(project: Project): StoredConflict[] {
  const rows = project.db
    .prepare(
      `SELECT c.merge_id, m.merged_at, m.file_name, m.source_project_name, c.tbl, c.key, c.kept, c.ours, c.theirs
       FROM merge_conflicts c JOIN merges m ON m.id = c.merge_id
       WHERE c.resolved_at IS NULL ORDER BY m.merged_at DESC, c.tbl, c.key LIMIT 1000`,
    )
    .all() as ConflictRow[];
  return rows.map((r) => {
    const spec = TABLE_BY_NAME.get(r.tbl)!;
    const ours = JSON.parse(r.ours) as FileRow;
    const theirs = JSON.parse(r.theirs) as FileRow;
    const kept = r.kept === 'ours' ? ours : theirs;
    const now = currentRow(project, r.tbl, r.key);
    const fields = columns(spec).filter(
      (c) => c !== 'updated_at' && JSON.stringify(ours[c] ?? null) !== JSON.stringify(theirs[c] ?? null),
    );
    return {
      mergeId: r.merge_id,
      mergedAt: r.merged_at,
      fileName: r.file_name,
      sourceProjectName: r.source_project_name,
      table: r.tbl,
      key: r.key,
      label: describeRow(r.tbl, kept),
      kept: r.kept,
      ours,
      theirs,
      fields,
      current: now !== null && rowHash(spec, now) === rowHash(spec, kept),
    };
  });
}

/** A document's version from another project brings its metadata; its text stays (it may differ). */
const DOCUMENT_METADATA = [
  'title',
  'outlet',
  'url',
  'authors',
  'published',
  'language',
  'evidence',
  'reference_type',
];

export function resolveConflict(
  project: Project,
  input: OpParsedInput<'exchange.resolve'>,
): { resolved: number } {
  return project.write((db) => {
    const row = db
      .prepare(
        `SELECT kept, ours, theirs FROM merge_conflicts
         WHERE merge_id = ? AND tbl = ? AND key = ? AND resolved_at IS NULL`,
      )
      .get(input.mergeId, input.table, input.key) as
      { kept: 'ours' | 'theirs'; ours: string; theirs: string } | undefined;
    if (!row) throw new DossierError('not_found', 'That conflict is already resolved or no longer exists.');
    const spec = TABLE_BY_NAME.get(input.table)!;
    const at = nowIso();
    if (input.take !== row.kept) {
      const kept = JSON.parse(row.kept === 'ours' ? row.ours : row.theirs) as FileRow;
      const other = JSON.parse(input.take === 'ours' ? row.ours : row.theirs) as FileRow;
      const now = currentRow(project, input.table, input.key);
      if (!now || rowHash(spec, now) !== rowHash(spec, kept)) {
        throw new DossierError(
          'conflict',
          'This row was changed after the merge; the other version was not taken. Edit it by hand instead.',
        );
      }
      const next: FileRow =
        input.table === 'documents'
          ? {
              ...now,
              ...Object.fromEntries(DOCUMENT_METADATA.map((c) => [c, other[c] ?? null])),
              updated_at: at,
            }
          : { ...other, updated_at: at };
      const cols = columns(spec);
      const others = cols.filter((c) => !spec.key.includes(c));
      db.prepare(
        `UPDATE ${quoteIdent(input.table)} SET ${others.map((c) => `${quoteIdent(c)} = ?`).join(', ')}
         WHERE ${whereKey(spec)}`,
      ).run(
        ...toStoredValues(spec, next).filter((_, i) => !spec.key.includes(cols[i]!)),
        ...keyParams(spec, input.key),
      );
      if (input.table === 'documents') project.forgetContent(input.key);
    }
    const result = db
      .prepare(
        `UPDATE merge_conflicts SET resolved_at = ? WHERE merge_id = ? AND tbl = ? AND key = ? AND resolved_at IS NULL`,
      )
      .run(at, input.mergeId, input.table, input.key);
    return { resolved: result.changes };
  }, 'Resolve a merge conflict');
}
