// Entry names, one set of rules for the reader and the writer of zip archives (zip.ts, zip-writer.ts): what
// a name may not be (climbing out of a folder, drive letters, control characters), when two names collide on
// Windows or macOS, and how a name or a system error is put into a message.

const MAX_NAME_BYTES = 1024;

/** What is wrong with an entry name, as words that follow `the entry "NAME"`; null when it is fine. */
export function entryNameProblem(name: string): string | null {
  if (name === '') return 'has an empty name';
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_NAME_BYTES) {
    return `has a name of ${bytes.toLocaleString('en')} bytes, longer than the limit of ${MAX_NAME_BYTES.toLocaleString('en')}`;
  }
  const control = firstControlCharacter(name);
  if (control !== null) return `has a control character (${control}) in its name`;
  if (name.includes('\uFFFD')) return 'has a name that is not valid UTF-8 text';
  if (name.startsWith('/')) {
    return 'has an absolute path (it starts with "/"), which points outside the archive';
  }
  if (/^[a-zA-Z]:/.test(name)) {
    return `starts with a drive letter ("${name.slice(0, 2)}"), which points outside the archive`;
  }
  if (name.includes('\\')) {
    return 'has a backslash ("\\") in its name; zip archives separate folders with "/" only';
  }
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.includes('..')) return 'has a ".." segment, which points outside the archive\'s folder';
  if (segments.includes('.')) return 'has a "." segment in its path';
  if (segments.includes('')) return 'has an empty folder name in its path ("//")';
  return null;
}

/** "U+0000" for the first C0/C1 control character of `text`, or null. */
function firstControlCharacter(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    }
  }
  return null;
}

/** An entry name as shown in a message: quoted, control characters made visible, long names shortened. */
export function quote(name: string): string {
  const chars = [...name];
  const shown = chars.length > 80 ? `${chars.slice(0, 60).join('')}…` : name;
  let out = '';
  for (const char of shown) {
    const code = char.charCodeAt(0);
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return `"${out}"`;
}

/** The key two names collide on when extracted on Windows or macOS: NFC, case-folded. */
function collisionKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * Keeps the names of one archive and says when a new one collides with an earlier one: the same name, a name
 * that differs only in capitals or in how accents are encoded, or a file where a folder is (file "a" beside
 * "a/b").
 */
export class NameRegistry {
  readonly #files = new Map<string, string>();
  readonly #folders = new Map<string, string>();
  /** Folders only implied by the files in them, with the first file that implied each. */
  readonly #implied = new Map<string, string>();

  /** The problem (words after `the entry "NAME"`), or null once registered. */
  register(name: string, isFolder: boolean): string | null {
    const path = isFolder ? name.slice(0, -1) : name;
    const key = collisionKey(path);
    const same = isFolder ? this.#folders.get(key) : this.#files.get(key);
    if (same !== undefined) return duplicate(name, same);
    if (isFolder) {
      const file = this.#files.get(key);
      if (file !== undefined) return `is a folder, but ${quote(file)} is a file of the same name`;
    } else {
      const folder = this.#folders.get(key) ?? this.#implied.get(key);
      if (folder !== undefined) {
        return `is a file, but the archive also has a folder of that name (${quote(folder)})`;
      }
    }
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const parent = collisionKey(segments.slice(0, i).join('/'));
      const file = this.#files.get(parent);
      if (file !== undefined) return `is inside a folder that has the same name as the file ${quote(file)}`;
      if (!this.#implied.has(parent)) this.#implied.set(parent, name);
    }
    (isFolder ? this.#folders : this.#files).set(key, name);
    return null;
  }
}

function duplicate(name: string, earlier: string): string {
  if (name === earlier) return 'appears twice (a duplicate name)';
  return (
    `has a duplicate name: it differs from ${quote(earlier)} only in capital letters or in how accents are ` +
    'encoded, and Windows and macOS would store both as one file'
  );
}

/** A system error as words: its code looked up in `reasons`, else its own message without a final period. */
export function plainReason(error: unknown, reasons: Record<string, string>): string {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? reasons[code] : undefined;
  if (reason !== undefined) return reason;
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}
