// Rows between a project and a .dossier file: a stored row becomes the file's object (JSON columns parsed,
// columns in the table's order) and back, and a version of a row is named by the SHA-256 of that object. The
// same function hashes a row read from a file and the row in the project, so "the same version" means the
// same bytes on both sides.
import { hash } from 'node:crypto';
import { columnsOf, type TableSpec } from './format';

export type FileRow = Record<string, unknown>;

const columnCache = new WeakMap<TableSpec, string[]>();
export function columns(table: TableSpec): string[] {
  let list = columnCache.get(table);
  if (!list) {
    list = columnsOf(table);
    columnCache.set(table, list);
  }
  return list;
}

/**
 * A JSON value with every object's keys in sorted order: the same data, written the same way whatever order
 * the code that stored it built its objects in (a block's `marks` before or after `boilerplate`).
 */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
  return sorted;
}

/** A stored row (as better-sqlite3 returns it) as the file writes it. */
export function toFileRow(table: TableSpec, stored: Record<string, unknown>): FileRow {
  const row: FileRow = {};
  for (const column of columns(table)) {
    const value = stored[column] ?? null;
    row[column] =
      table.json.includes(column) && typeof value === 'string'
        ? sortKeysDeep(JSON.parse(value) as unknown)
        : value;
  }
  return row;
}

/** The values to store for a file row, in column order. */
export function toStoredValues(table: TableSpec, row: FileRow): unknown[] {
  return columns(table).map((column) => {
    const value = row[column] ?? null;
    return table.json.includes(column) ? JSON.stringify(value) : value;
  });
}

/** The row in canonical form: columns in the table's order, nothing else. */
export function canonicalJson(table: TableSpec, row: FileRow): string {
  const ordered: FileRow = {};
  for (const column of columns(table)) {
    const value = row[column] ?? null;
    ordered[column] = table.json.includes(column) ? sortKeysDeep(value) : value;
  }
  return JSON.stringify(ordered);
}

export function sha256Hex(text: string | Uint8Array): string {
  // One call, no Hash object: a merge hashes a few hundred thousand short rows.
  return hash('sha256', text, 'hex');
}

/** The version of a row: the hash of its canonical form. */
export function rowHash(table: TableSpec, row: FileRow): string {
  return sha256Hex(canonicalJson(table, row));
}

/** A row's key as one string: the id, or a JSON array of the key columns for link tables. */
export function rowKey(table: TableSpec, row: FileRow): string {
  if (table.key.length === 1) return String(row[table.key[0]!]);
  return JSON.stringify(table.key.map((column) => row[column]));
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The statement parameters of a row key (rowKey's inverse), in the order of `whereKey`. */
export function keyParams(table: TableSpec, key: string): string[] {
  return table.key.length === 1 ? [key] : (JSON.parse(key) as string[]);
}

/** "col1 = ? AND col2 = ?": the condition picking a row by its key. */
export function whereKey(table: TableSpec): string {
  return table.key.map((c) => `${quoteIdent(c)} = ?`).join(' AND ');
}
