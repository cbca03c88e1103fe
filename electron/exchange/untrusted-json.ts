// JSON from a file someone else made: parsed only after its nesting depth is known to be sane, and refused if
// any object has a key that could reach an object's prototype when the value is later spread or assigned
// (__proto__, constructor, prototype), however the key is spelled (a \u005f escape is decoded first).
import { DossierError } from '../../shared/errors';

export const MAX_JSON_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses `text`, refusing with DossierError('import_refused') naming `where` (an entry and line) when it is
 * not JSON, is nested deeper than maxDepth, or has a forbidden key.
 */
export function parseUntrustedJson(text: string, where: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const depth = nestingDepth(text);
  if (depth > maxDepth) {
    throw new DossierError(
      'import_refused',
      `${where} is nested more than ${maxDepth} levels deep; a Dossier file never is.`,
    );
  }
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKey(key);
      return value;
    });
  } catch (error) {
    if (error instanceof ForbiddenKey) {
      throw new DossierError(
        'import_refused',
        `${where} has a field named "${error.key}", which Dossier refuses (it could alter how the data is read).`,
      );
    }
    throw new DossierError('import_refused', `${where} is not valid JSON (${(error as Error).message}).`);
  }
}

class ForbiddenKey extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/** The deepest nesting of arrays and objects, outside strings; stops counting once past any sane depth. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > 10_000) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
