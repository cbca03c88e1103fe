// JSON from a file someone else made: refused if it is nested deeper than any Dossier file is, or if any
// object has a key that could reach an object's prototype when the value is later spread or assigned
// (__proto__, constructor, prototype), however the key is spelled (JSON.parse decodes a \u005f escape first).
// The parsed value is walked once, so the cost follows its structure, not the length of its strings (a
// document's whole text is one string).
import { DossierError } from '../../shared/errors';

export const MAX_JSON_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses `text`, refusing with DossierError('import_refused') naming `where` (an entry and line) when it is
 * not JSON, is nested deeper than maxDepth, or has a forbidden key.
 */
export function parseUntrustedJson(text: string, where: string, maxDepth = MAX_JSON_DEPTH): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 runs out of stack on nesting thousands deep before it finds anything else wrong.
    if (error instanceof RangeError) throw tooDeep(where, maxDepth);
    throw new DossierError('import_refused', `${where} is not valid JSON (${(error as Error).message}).`);
  }
  check(value, 0, where, maxDepth);
  return value;
}

function tooDeep(where: string, maxDepth: number): DossierError {
  return new DossierError(
    'import_refused',
    `${where} is nested more than ${maxDepth} levels deep; a Dossier file never is.`,
  );
}

function check(value: unknown, depth: number, where: string, maxDepth: number): void {
  if (value === null || typeof value !== 'object') return;
  if (depth >= maxDepth) throw tooDeep(where, maxDepth);
  if (Array.isArray(value)) {
    for (const item of value) check(item, depth + 1, where, maxDepth);
    return;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      throw new DossierError(
        'import_refused',
        `${where} has a field named "${key}", which Dossier refuses (it could alter how the data is read).`,
      );
    }
    check((value as Record<string, unknown>)[key], depth + 1, where, maxDepth);
  }
}
