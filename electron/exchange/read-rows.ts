// Checking the rows of a .dossier file, an entry at a time: the bytes against the manifest's SHA-256, each line
// as untrusted JSON against its table's schema, then the row in canonical form with its hash, and the few
// values of it the checks across rows need (StagedChecks in read.ts). This is the CPU-heavy part of reading a
// teammate's file (unpacking, parsing, validating, serialising and hashing every row).
import { createHash } from 'node:crypto';
import { DossierError } from '../../shared/errors';
import { rowsEntry, type TableSpec } from './format';
import { canonicalJson, rowKey, sha256Hex, type FileRow } from './rows';
import { parseUntrustedJson } from './untrusted-json';
import type { SafeZip } from './zip';

/** A line of a rows entry may hold a whole document's text. */
export const MAX_LINE_BYTES = 256 * 1024 * 1024;

export const refuse = (message: string) => new DossierError('import_refused', message);

/** What the manifest says of an entry. */
export interface EntryDigest {
  size: number;
  sha256: string;
}

/**
 * Reads an entry's lines while hashing its bytes, a chunk's worth at a time (each batch is handled at once,
 * so nothing waits in memory across reads); refuses the entry if the hash is not the manifest's.
 */
export async function* verifiedLines(
  zip: SafeZip,
  name: string,
  digest: EntryDigest | undefined,
): AsyncGenerator<{ line: string; number: number }[]> {
  const hash = createHash('sha256');
  let number = 0;
  let pending = '';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  for await (const chunk of await zip.stream(name)) {
    hash.update(chunk);
    let text: string;
    try {
      text = pending + decoder.decode(chunk, { stream: true });
    } catch {
      throw refuse(`"${name}" is not valid UTF-8 text.`);
    }
    const lines: { line: string; number: number }[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      number++;
      const line = text.slice(start, end).replace(/\r$/, '');
      start = end + 1;
      if (line !== '') lines.push({ line, number });
    }
    pending = text.slice(start);
    bytes += chunk.length;
    if (pending.length > MAX_LINE_BYTES) {
      throw refuse(
        `"${name}" has a line longer than ${MAX_LINE_BYTES / 1024 / 1024} MB (line ${number + 1}).`,
      );
    }
    if (lines.length > 0) yield lines;
  }
  pending += decoder.decode();
  if (pending.trim() !== '') yield [{ line: pending, number: number + 1 }];
  const digestHex = hash.digest('hex');
  if (digestHex !== digest?.sha256 || bytes !== digest?.size) {
    throw refuse(
      `"${name}" does not match its checksum in the manifest: the file is damaged or was altered.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// The values of a row the checks across rows need: its references, then a few of its own by table.

export type FactValue = string | number | boolean | null;

const CAN_MERGE = new Set(['documents', 'tags', 'entities']);
const REFS = new WeakMap<TableSpec, [string, string][]>();

/** A table's references, column → table, in a fixed order (the order of the facts). */
export function refsOf(table: TableSpec): [string, string][] {
  let refs = REFS.get(table);
  if (!refs) {
    refs = Object.entries(table.refs);
    REFS.set(table, refs);
  }
  return refs;
}

/** The facts of a table's rows, by name, in the order factsOf writes them. */
const OWN_FACTS: Record<string, string[]> = {
  documents: ['length', 'sha', 'title'],
  document_texts: ['length', 'sha', 'blocksInside'],
  highlights: ['start', 'end'],
};
const FACT_INDEX = new WeakMap<TableSpec, Map<string, number>>();

function factIndex(table: TableSpec): Map<string, number> {
  let index = FACT_INDEX.get(table);
  if (!index) {
    const names = [
      ...refsOf(table).map(([column]) => column),
      ...(OWN_FACTS[table.name] ?? []),
      ...(CAN_MERGE.has(table.name) ? ['mergedButLive'] : []),
    ];
    index = new Map(names.map((name, i) => [name, i]));
    FACT_INDEX.set(table, index);
  }
  return index;
}

/** How many facts a row of the table has. */
export const factCount = (table: TableSpec): number => factIndex(table).size;

/** A row's fact by name (a reference's column, or one of OWN_FACTS), its facts starting at `at`. */
export function fact(table: TableSpec, facts: readonly FactValue[], at: number, name: string): FactValue {
  const i = factIndex(table).get(name);
  return i === undefined ? null : (facts[at + i] ?? null);
}

/**
 * The row's facts, appended to `into`: each reference (or null), then for a document its length, text hash
 * and title; for a text its length, hash, and whether its blocks lie inside it; for a passage its start and
 * end; last, for rows that can be merged into another, whether the row is merged but not deleted.
 */
export function factsOf(table: TableSpec, row: FileRow, into: FactValue[] = []): FactValue[] {
  for (const [column] of refsOf(table)) {
    const ref = row[column];
    into.push(typeof ref === 'string' ? ref : null);
  }
  switch (table.name) {
    case 'documents':
      into.push(row.char_count as number, row.text_sha256 as string, (row.title as string | null) ?? null);
      break;
    case 'document_texts': {
      const text = row.text as string;
      const outside = (r: { start: number; end: number }) => r.start > r.end || r.end > text.length;
      const blocks = row.blocks as { start: number; end: number; marks?: { start: number; end: number }[] }[];
      into.push(text.length, sha256Hex(text), !blocks.some((b) => outside(b) || b.marks?.some(outside)));
      break;
    }
    case 'highlights':
      into.push(row.pos_start as number, row.pos_end as number);
      break;
  }
  if (CAN_MERGE.has(table.name)) into.push(row.merged_into != null && row.deleted_at == null);
  return into;
}

// ---------------------------------------------------------------------------------------------------------

/** Rows of one table that passed their schema, as staged: parallel arrays, facts flat (factCount a row). */
export interface RowBatch {
  table: string;
  keys: string[];
  hashes: string[];
  jsons: string[];
  facts: FactValue[];
}

/**
 * Reads and checks a table's entry, handing its rows over a chunk at a time; `emit` may make the reading
 * wait (a worker waits for the main thread to store what it sent). Resolves to the number of rows.
 */
export async function checkTableRows(
  zip: SafeZip,
  table: TableSpec,
  digest: EntryDigest | undefined,
  emit: (batch: RowBatch) => void | Promise<void>,
): Promise<number> {
  const name = rowsEntry(table.name);
  let count = 0;
  for await (const lines of verifiedLines(zip, name, digest)) {
    const batch: RowBatch = { table: table.name, keys: [], hashes: [], jsons: [], facts: [] };
    for (const { line, number } of lines) {
      const where = `Row ${number} of "${name}"`;
      const parsed = table.schema.safeParse(parseUntrustedJson(line, where));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw refuse(
          `${where} is not valid: ${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}.`,
        );
      }
      const row = parsed.data as FileRow;
      const json = canonicalJson(table, row);
      batch.keys.push(rowKey(table, row));
      batch.hashes.push(sha256Hex(json));
      batch.jsons.push(json);
      factsOf(table, row, batch.facts);
    }
    count += lines.length;
    await emit(batch);
  }
  return count;
}
