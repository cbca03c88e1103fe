// Hostile .dossier files (issue 8; reused by issue 9): each one a real export of a small project, changed in
// one way a careless tool or an attacker could change it. The archive-level cases are written byte by byte
// with craftZip (lying headers, symbolic links, encryption flags...); the content-level cases with the real
// ZipWriter, so the zip itself is exactly what Dossier writes. By default the manifest's digests and counts are
// recomputed after a change, so each file is refused for its own problem and not for a checksum mismatch
// (`staleDigests` keeps them for the "altered after export" case).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { MANIFEST_ENTRY, TABLE_BY_NAME, originalEntry, rowsEntry } from '../../../electron/exchange/format';
import { openZip, ZipWriter } from '../../../electron/exchange/zip';
import { highlightQuote, importText, makeApp } from './app';
import { exportTo } from './exchange';
import { tempDir } from './temp';
import { craftZip, symlinkAttributes, type CraftEntry } from './zip-craft';

export interface HostileDossierCase {
  name: string;
  /** Writes the file (in a temporary folder removed after the test) and returns its path. */
  make(): Promise<string>;
  /** What the refusal must say. */
  message: RegExp;
}

type Files = Map<string, Buffer>;
type Row = Record<string, unknown>;
type ManifestJson = Record<string, unknown> & {
  entries: Record<string, { size: number; sha256: string }>;
  counts: Record<string, number>;
};

/** A well-formed id no file row has: the target of every dangling reference below. */
export const MISSING_ID = '00000000-0000-4000-8000-00000000dead';

// ---------------------------------------------------------------------------------------------------------
// The base file: a small project with a bit of everything, exported once per test file and kept in memory.

const TEXTS: [string, string][] = [
  [
    'council-minutes.txt',
    'Minutes of the harbour council\n\nThe council met on Tuesday to discuss the new ferry terminal. ' +
      'The mayor said the budget had been approved in March.\n',
  ],
  [
    'ferry-report.txt',
    'Ferry terminal delayed\n\nConstruction of the ferry terminal will not start before autumn, a ' +
      'spokesman for the port authority said on Friday.\n',
  ],
  [
    'letter.txt',
    'Letter to the editor\n\nResidents of the old town object to the terminal and ask for a public ' +
      'hearing before any work begins.\n',
  ],
];

let base: Promise<ReadonlyMap<string, Buffer>> | null = null;

/** The entries of the base file, name → bytes, in the order the exporter wrote them. */
export function baseDossierEntries(): Promise<ReadonlyMap<string, Buffer>> {
  base ??= buildBase();
  return base;
}

async function buildBase(): Promise<ReadonlyMap<string, Buffer>> {
  const { app, call } = makeApp();
  try {
    const docs = [];
    for (const [fileName, text] of TEXTS) docs.push(await importText(call, fileName, text));
    const budget = await highlightQuote(call, docs[0]!.id, 'the budget had been approved in March');
    const delay = await highlightQuote(call, docs[1]!.id, 'will not start before autumn');
    await highlightQuote(call, docs[2]!.id, 'ask for a public hearing', 'residents');
    const tag = await call('tags.createPath', { names: ['Sources', 'Official'] });
    const mayor = await call('entities.create', { kind: 'person', name: 'The mayor' });
    const claim = await call('claims.create', {
      passage: { highlightId: budget.id },
      statement: 'The terminal budget was approved in March',
      claimantId: mayor.id,
    });
    await call('claims.addPassage', { claimId: claim.id, passage: { highlightId: delay.id } });
    await call('tags.apply', { tagId: tag.id, highlightIds: [budget.id], claimIds: [claim.id] });
    const event = await call('events.create', {
      title: 'Ferry terminal budget approved',
      start: '2024-03',
      actorIds: [mayor.id],
      tagIds: [tag.id],
    });
    await call('events.linkClaim', { eventId: event.id, claimId: claim.id, relation: 'supports' });
    const path = await exportTo(app.project);
    const zip = await openZip(path);
    try {
      const files: Files = new Map();
      for (const name of zip.entries.keys()) files.set(name, await zip.readBuffer(name));
      return files;
    } finally {
      zip.close();
    }
  } finally {
    app.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Editing entries

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function textLines(files: Files, name: string): string[] {
  const bytes = files.get(name);
  if (!bytes) throw new Error(`the base file has no ${name}`);
  return bytes
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '');
}

function setLines(files: Files, name: string, lines: string[]): void {
  files.set(name, Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8'));
}

/** The rows of a table, parsed. */
function rowsOf(files: Files, table: string): Row[] {
  return textLines(files, rowsEntry(table)).map((line) => JSON.parse(line) as Row);
}

/** Changes the rows of a table (in place, or by returning new ones) and writes them back. */
function editRows(files: Files, table: string, edit: (rows: Row[]) => Row[] | void): void {
  const rows = rowsOf(files, table);
  setLines(
    files,
    rowsEntry(table),
    (edit(rows) ?? rows).map((row) => JSON.stringify(row)),
  );
}

/** Replaces the first line of a rows entry with `line(original)`: for lines JSON.stringify cannot write. */
function editFirstLine(files: Files, table: string, line: (original: string) => string): void {
  const lines = textLines(files, rowsEntry(table));
  lines[0] = line(lines[0]!);
  setLines(files, rowsEntry(table), lines);
}

/** `{"field":value,` + the rest of the row's fields: a field placed first, written as raw JSON text. */
const withRawField = (field: string, value: string) => (line: string) =>
  `{${field}:${value},${line.slice(1)}`;

/** One character of a string changed, so the length stays and the checksum does not. */
function changeOneCharacter(text: string, at: number): string {
  const replacement = text[at] === 'x' ? 'y' : 'x';
  return text.slice(0, at) + replacement + text.slice(at + 1);
}

function manifestOf(files: Files): ManifestJson {
  return JSON.parse(files.get(MANIFEST_ENTRY)!.toString('utf8')) as ManifestJson;
}

function setManifest(files: Files, manifest: ManifestJson): void {
  files.set(MANIFEST_ENTRY, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
}

/** The manifest the exporter would have written for these entries: every digest and count recomputed. */
function recomputeManifest(files: Files): void {
  const manifest = manifestOf(files);
  const entries: ManifestJson['entries'] = {};
  for (const [name, bytes] of files) {
    if (name !== MANIFEST_ENTRY) entries[name] = { size: bytes.length, sha256: sha256(bytes) };
  }
  const counts: ManifestJson['counts'] = {};
  for (const key of Object.keys(manifest.counts)) {
    if (key === 'originals') counts[key] = [...files.keys()].filter((n) => n.startsWith('originals/')).length;
    else if (TABLE_BY_NAME.has(key))
      counts[key] = files.has(rowsEntry(key)) ? textLines(files, rowsEntry(key)).length : 0;
    else counts[key] = manifest.counts[key]!;
  }
  setManifest(files, { ...manifest, entries, counts });
}

interface VariantOptions {
  /** Keep the base file's manifest: its digests and counts no longer match what changed. */
  staleDigests?: boolean;
  /** Changes to the manifest, made after its digests and counts were recomputed. */
  manifest?: (manifest: ManifestJson) => void;
}

/** The base entries changed by `edit`, with the manifest recomputed unless told otherwise. */
async function editedFiles(edit: (files: Files) => void, options: VariantOptions = {}): Promise<Files> {
  const files: Files = new Map(await baseDossierEntries());
  edit(files);
  if (!options.staleDigests) recomputeManifest(files);
  if (options.manifest) {
    const manifest = manifestOf(files);
    options.manifest(manifest);
    setManifest(files, manifest);
  }
  return files;
}

// ---------------------------------------------------------------------------------------------------------
// Writing files

let counter = 0;

function place(bytes: Buffer | string, name: string): string {
  const path = join(tempDir('dossier-hostile-'), `${++counter}-${name}.dossier`);
  writeFileSync(path, bytes);
  return path;
}

/** Writes the entries as Dossier's own exporter would (ZipWriter: originals stored, the rest deflated). */
async function writeReal(files: Files, name: string): Promise<string> {
  const path = join(tempDir('dossier-hostile-'), `${++counter}-${name}.dossier`);
  const writer = ZipWriter.create(path);
  const added = [...files].map(([entry, bytes]) =>
    writer.add(entry, bytes, { compress: !entry.startsWith('originals/') }),
  );
  await writer.finish();
  await Promise.all(added);
  return path;
}

/** The entries as craftZip entries (deflated, originals stored), for a test to lie in their headers. */
function craftEntries(files: Files): CraftEntry[] {
  return [...files].map(([name, data]) => ({ name, data, method: name.startsWith('originals/') ? 0 : 8 }));
}

/** A variant written with the real ZipWriter: the archive is sound, its content is not. */
function real(name: string, edit: (files: Files) => void, options?: VariantOptions): () => Promise<string> {
  return async () => writeReal(await editedFiles(edit, options), name);
}

/** A variant written byte by byte: `craft` turns the base entries into the archive's records. */
function crafted(name: string, craft: (entries: CraftEntry[]) => CraftEntry[]): () => Promise<string> {
  return async () => place(craftZip(craft(craftEntries(await editedFiles(() => {})))), name);
}

/** The bytes of the base file as Dossier writes it. */
async function baseZipBytes(): Promise<Buffer> {
  return readFileSync(await writeReal(new Map(await baseDossierEntries()), 'base'));
}

/**
 * `count` one-byte stored entries. craftZip writes the entry count in the classic 16-bit field, so an archive of
 * more than 65,535 entries is written here with the ZIP64 end records that hold the real count.
 */
export function manyEntriesZip(count: number): Buffer {
  const names = Array.from({ length: count }, (_, i) => Buffer.from(`e/${i}`, 'latin1'));
  const localBytes = names.reduce((sum, n) => sum + 30 + n.length + 1, 0);
  const centralBytes = names.reduce((sum, n) => sum + 46 + n.length, 0);
  const out = Buffer.alloc(localBytes + centralBytes + 56 + 20 + 22);
  const crc = crc32(Buffer.from('x'));
  let at = 0;
  const offsets: number[] = [];
  for (const name of names) {
    offsets.push(at);
    out.writeUInt32LE(0x04034b50, at);
    out.writeUInt16LE(20, at + 4);
    out.writeUInt16LE(0x21, at + 12); // 1980-01-01
    out.writeUInt32LE(crc, at + 14);
    out.writeUInt32LE(1, at + 18);
    out.writeUInt32LE(1, at + 22);
    out.writeUInt16LE(name.length, at + 26);
    name.copy(out, at + 30);
    out.write('x', at + 30 + name.length, 'latin1');
    at += 30 + name.length + 1;
  }
  const directory = at;
  names.forEach((name, i) => {
    out.writeUInt32LE(0x02014b50, at);
    out.writeUInt16LE((3 << 8) | 45, at + 4);
    out.writeUInt16LE(20, at + 6);
    out.writeUInt16LE(0x21, at + 14);
    out.writeUInt32LE(crc, at + 16);
    out.writeUInt32LE(1, at + 20);
    out.writeUInt32LE(1, at + 24);
    out.writeUInt16LE(name.length, at + 28);
    out.writeUInt32LE((0o100644 << 16) >>> 0, at + 38);
    out.writeUInt32LE(offsets[i]!, at + 42);
    name.copy(out, at + 46);
    at += 46 + name.length;
  });
  const zip64End = at;
  out.writeUInt32LE(0x06064b50, at); // ZIP64 end of central directory record
  out.writeBigUInt64LE(44n, at + 4);
  out.writeUInt16LE((3 << 8) | 45, at + 12);
  out.writeUInt16LE(45, at + 14);
  out.writeBigUInt64LE(BigInt(count), at + 24);
  out.writeBigUInt64LE(BigInt(count), at + 32);
  out.writeBigUInt64LE(BigInt(zip64End - directory), at + 40);
  out.writeBigUInt64LE(BigInt(directory), at + 48);
  at += 56;
  out.writeUInt32LE(0x07064b50, at); // ZIP64 end of central directory locator
  out.writeBigUInt64LE(BigInt(zip64End), at + 8);
  out.writeUInt32LE(1, at + 16);
  at += 20;
  out.writeUInt32LE(0x06054b50, at); // end of central directory: "see the ZIP64 record"
  out.writeUInt16LE(0xffff, at + 8);
  out.writeUInt16LE(0xffff, at + 10);
  out.writeUInt32LE(zip64End - directory, at + 12);
  out.writeUInt32LE(directory, at + 16);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Changes used by several cases

const firstClaim = (files: Files) => rowsOf(files, 'claims')[0]!;

/** The entries with one more, `name`, holding `data`. */
const plus =
  (name: string | Buffer, data: string | Buffer = 'evil', extra: Partial<CraftEntry> = {}) =>
  (entries: CraftEntry[]): CraftEntry[] => [...entries, { name, data, ...extra }];

/** A row of `table` gets `value` in its `column` (the first row matching `which`, or the first row). */
function setColumn(table: string, column: string, value: unknown, which: (row: Row) => boolean = () => true) {
  return (files: Files) =>
    editRows(files, table, (rows) => {
      const row = rows.find(which);
      if (!row) throw new Error(`no row of ${table} to change`);
      row[column] = value;
    });
}

/** `depth` arrays, one inside the other. */
function deepArrays(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// The cases

export const HOSTILE_DOSSIER_CASES: HostileDossierCase[] = [
  // Not an archive at all
  {
    name: 'a text file renamed .dossier',
    make: async () => place('Notes from the meeting: ask about the ferry terminal.\n', 'text'),
    message: /not a zip archive \(it looks like a text file renamed\)/,
  },
  {
    name: 'a PDF renamed .dossier',
    make: async () =>
      place(
        Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(2000, 7)]),
        'pdf',
      ),
    message: /not a zip archive \(it looks like a PDF document renamed\)/,
  },
  {
    name: 'an empty file',
    make: async () => place(Buffer.alloc(0), 'empty'),
    message: /the file is empty \(0 bytes\)/,
  },
  {
    name: 'a file cut in the middle',
    make: async () => {
      const bytes = await baseZipBytes();
      return place(bytes.subarray(0, Math.floor(bytes.length / 2)), 'half');
    },
    message: /the file is cut short \(the end of the archive is missing\)/,
  },
  {
    name: 'a file missing its last byte',
    make: async () => {
      const bytes = await baseZipBytes();
      return place(bytes.subarray(0, bytes.length - 1), 'last-byte');
    },
    message: /cut short/,
  },
  {
    name: 'an encrypted entry',
    make: crafted('encrypted', (entries) =>
      entries.map((e) => (e.name === rowsEntry('claims') ? { ...e, flags: 0x0801 } : e)),
    ),
    message: /"rows\/claims\.jsonl" is encrypted \(password-protected\)/,
  },

  // Entry names
  {
    name: 'an entry named ../evil',
    make: crafted('dotdot', plus('../evil')),
    message: /"\.\.\/evil" has a "\.\." segment, which points outside/,
  },
  {
    name: 'an entry named rows/../../evil',
    make: crafted('dotdot-inside', plus('rows/../../evil')),
    message: /"rows\/\.\.\/\.\.\/evil" has a "\.\." segment, which points outside/,
  },
  {
    name: 'an entry named /etc/passwd',
    make: crafted('absolute', plus('/etc/passwd', 'root:x:0:0::/root:/bin/sh\n')),
    message: /"\/etc\/passwd" has an absolute path/,
  },
  {
    name: 'an entry named C:/evil',
    make: crafted('drive', plus('C:/evil')),
    message: /"C:\/evil" starts with a drive letter \("C:"\)/,
  },
  {
    name: 'an entry named with a backslash (rows\\documents.jsonl)',
    make: crafted('backslash', (entries) =>
      entries.map((e) => (e.name === rowsEntry('documents') ? { ...e, name: 'rows\\documents.jsonl' } : e)),
    ),
    message: /"rows\\documents\.jsonl" has a backslash/,
  },
  {
    name: 'a symbolic link entry',
    make: crafted(
      'symlink',
      plus('rows/notes.jsonl', '/home/user/.ssh/id_rsa', { externalAttributes: symlinkAttributes() }),
    ),
    message: /"rows\/notes\.jsonl" is a symbolic link/,
  },
  {
    name: 'the same entry name twice',
    make: crafted('duplicate', (entries) => [
      ...entries,
      entries.find((e) => e.name === rowsEntry('claims'))!,
    ]),
    message: /"rows\/claims\.jsonl" appears twice \(a duplicate name\)/,
  },
  {
    name: 'two entry names differing only in capitals',
    make: crafted('duplicate-case', (entries) => [
      ...entries,
      { ...entries.find((e) => e.name === rowsEntry('claims'))!, name: 'rows/Claims.jsonl' },
    ]),
    message:
      /"rows\/Claims\.jsonl" has a duplicate name: it differs from "rows\/claims\.jsonl" only in capital letters/,
  },

  // Zip bombs
  {
    name: '200,001 entries',
    make: async () => place(manyEntriesZip(200_001), 'many-entries'),
    message: /too many entries \(200,001; the limit is 200,000\)/,
  },
  {
    name: 'entries declaring more than 8 GiB in all',
    // Each under the 2 GiB an entry may declare and within the plausible compression ratio; together 9.3 GiB.
    make: crafted('declared-total', (entries) => [
      ...entries,
      ...Array.from({ length: 5 }, (_, i) => ({
        name: `originals/bomb-${i}`,
        data: Buffer.alloc(0),
        method: 8,
        declaredSize: 2_000_000_000,
        declaredCompressedSize: 4_000_000,
      })),
    ]),
    message: /its entries would unpack to more than 8\.0 GB \(8,589,934,592 bytes\) in all/,
  },
  {
    name: 'an entry that unpacks to more than its declared size',
    // rows/documents.jsonl declares its real size (and the manifest agrees) but inflates 16 MiB of newlines.
    make: crafted('lying-size', (entries) =>
      entries.map((e) => {
        if (e.name !== rowsEntry('documents')) return e;
        const data = e.data as Buffer;
        return {
          ...e,
          data: Buffer.concat([data, Buffer.alloc(16 * 1024 * 1024, '\n')]),
          declaredSize: data.length,
        };
      }),
    ),
    message: /"rows\/documents\.jsonl" .*unpacks to more than the [\d,]+ bytes its header declares/,
  },
  {
    name: 'a manifest larger than 64 MiB',
    make: crafted('big-manifest', (entries) =>
      entries.map((e) =>
        e.name === MANIFEST_ENTRY
          ? { ...e, declaredSize: 65 * 1024 * 1024, declaredCompressedSize: 70_000 }
          : e,
      ),
    ),
    message: /"manifest\.json" .*is too large to read: 65\.0 MB .*more than the 64\.0 MB/,
  },

  // The manifest
  {
    name: 'no manifest',
    make: crafted('no-manifest', (entries) => entries.filter((e) => e.name !== MANIFEST_ENTRY)),
    message: /is a zip archive but not a Dossier project file \(it has no manifest\.json\)/,
  },
  {
    name: "a manifest that is not Dossier's",
    make: real('other-format', () => {}, { manifest: (m) => void (m.format = 'something-else') }),
    message: /not a Dossier project file \(its manifest is not Dossier's\)/,
  },
  {
    name: 'a newer major format version (2.0)',
    make: real('version-2', () => {}, { manifest: (m) => void (m.formatVersion = '2.0') }),
    message: /is in Dossier project format 2\.0; this version of Dossier reads format 1\.0/,
  },

  // Entries and the manifest's list
  {
    name: 'an entry the manifest does not list',
    make: real('unlisted', (files) => files.set('notes/readme.txt', Buffer.from('hello')), {
      manifest: (m) => void delete m.entries['notes/readme.txt'],
    }),
    message: /holds "notes\/readme\.txt", which its manifest does not list/,
  },
  {
    name: 'a listed entry missing',
    make: async () => {
      const listed = manifestOf(new Map(await baseDossierEntries())).entries[rowsEntry('events')]!;
      return real('missing', (files) => files.delete(rowsEntry('events')), {
        manifest: (m) => void (m.entries[rowsEntry('events')] = listed),
      })();
    },
    message: /is incomplete: "rows\/events\.jsonl" is missing/,
  },
  {
    name: 'an entry altered after the manifest was written',
    make: real(
      'altered',
      (files) =>
        editRows(files, 'claims', (rows) => {
          rows[0]!.statement = changeOneCharacter(rows[0]!.statement as string, 4);
        }),
      { staleDigests: true },
    ),
    message: /"rows\/claims\.jsonl" does not match its checksum in the manifest/,
  },

  // JSON
  {
    name: 'a row nested 100 levels deep',
    make: real('deep', setColumn('claims', 'extra', deepArrays(100))),
    message: /Row 1 of "rows\/claims\.jsonl" is nested more than 64 levels deep/,
  },
  {
    name: 'a row that is not JSON',
    make: real('not-json', (files) => editFirstLine(files, 'tags', (line) => line.slice(0, 30))),
    message: /Row 1 of "rows\/tags\.jsonl" is not valid JSON/,
  },
  {
    name: 'a row with a __proto__ key',
    make: real('proto', (files) =>
      editFirstLine(files, 'claims', withRawField('"__proto__"', '{"status":"supported"}')),
    ),
    message: /Row 1 of "rows\/claims\.jsonl" has a field named "__proto__"/,
  },
  {
    name: 'a row with a constructor key',
    make: real('constructor', (files) =>
      editFirstLine(files, 'events', withRawField('"constructor"', '{"polluted":true}')),
    ),
    message: /Row 1 of "rows\/events\.jsonl" has a field named "constructor"/,
  },
  {
    name: 'a row with a \\u005f_proto__ key',
    make: real('escaped-proto', (files) =>
      editFirstLine(files, 'documents', withRawField('"\\u005f_proto__"', '{"polluted":true}')),
    ),
    message: /Row 1 of "rows\/documents\.jsonl" has a field named "__proto__"/,
  },

  // Keys and references
  {
    name: 'the same document row twice',
    make: real('duplicate-row', (files) => editRows(files, 'documents', (rows) => [...rows, rows[0]!])),
    message: /"rows\/documents\.jsonl" has two rows with the key [0-9a-f-]{36}/,
  },
  {
    name: 'a highlight naming a missing document',
    make: real('dangling-document', setColumn('highlights', 'document_id', MISSING_ID)),
    message: new RegExp(
      `a row of highlights \\([0-9a-f-]{36}\\) refers to documents ${MISSING_ID}, which is not in the file`,
    ),
  },
  {
    name: 'a claim passage naming a missing highlight',
    make: real('dangling-highlight', setColumn('claim_passages', 'highlight_id', MISSING_ID)),
    message: new RegExp(
      `a row of claim_passages \\(.+\\) refers to highlights ${MISSING_ID}, which is not in the file`,
    ),
  },
  {
    name: 'a tag whose parent is missing',
    make: real(
      'dangling-parent',
      setColumn('tags', 'parent_id', MISSING_ID, (row) => row.parent_id !== null),
    ),
    message: new RegExp(
      `a row of tags \\([0-9a-f-]{36}\\) refers to tags ${MISSING_ID}, which is not in the file`,
    ),
  },

  // Texts, passages, originals
  {
    name: 'a highlight ending beyond the end of its document',
    make: real('beyond-end', (files) => {
      const length = rowsOf(files, 'documents')[0]!.char_count as number;
      const id = rowsOf(files, 'documents')[0]!.id;
      setColumn('highlights', 'pos_end', length + 40, (row) => row.document_id === id)(files);
    }),
    message:
      /highlight [0-9a-f-]{36} covers characters \d+–\d+, beyond the end of its document \(\d+ characters long\)/,
  },
  {
    name: 'a highlight that covers no text (it ends before it starts)',
    make: real('reversed', (files) =>
      editRows(files, 'highlights', (rows) => {
        rows[0]!.pos_end = (rows[0]!.pos_start as number) - 1;
      }),
    ),
    message: /highlight [0-9a-f-]{36} covers no text \(characters \d+–\d+\)/,
  },
  {
    name: "a text that does not match its document's text_sha256",
    make: real('text-checksum', (files) =>
      editRows(files, 'document_texts', (rows) => {
        rows[0]!.text = changeOneCharacter(rows[0]!.text as string, 10);
      }),
    ),
    message: /the text of document ".+" does not match its checksum/,
  },
  {
    name: "an original that does not match its document's original_sha256",
    make: real('original-checksum', (files) => {
      const name = [...files.keys()].find((n) => n.startsWith('originals/'))!;
      const bytes = Buffer.from(files.get(name)!);
      bytes[0] = bytes[0]! ^ 0x20;
      files.set(name, bytes);
    }),
    message: /"originals\/[0-9a-f-]{36}" does not match its checksum/,
  },
  {
    name: 'an original of a document not in the file',
    make: real('stray-original', (files) =>
      files.set(originalEntry(MISSING_ID), Buffer.from('a file of nobody')),
    ),
    message: new RegExp(`holds "originals/${MISSING_ID}", the file of a document it does not have`),
  },

  // Schemas
  {
    name: 'a claim with the status "bogus"',
    make: real('bogus-status', setColumn('claims', 'status', 'bogus')),
    message: /Row 1 of "rows\/claims\.jsonl" is not valid: status: /,
  },
  {
    name: 'an id that is not a UUID',
    make: real('not-uuid', setColumn('events', 'id', 'event-1')),
    message: /Row 1 of "rows\/events\.jsonl" is not valid: id: Invalid UUID/,
  },
];

// ---------------------------------------------------------------------------------------------------------
// Files that must be read

/** The base file rewritten by the generator with nothing changed: read like the export it came from. */
export const intactDossier = real('intact', () => {});

/** The statement of the base file's claim, for tests that merge it. */
export async function baseClaimStatement(): Promise<string> {
  return firstClaim(new Map(await baseDossierEntries())).statement as string;
}

/**
 * A file of a newer minor version (1.7): an unknown manifest field, an unknown field in a row and an entry this
 * version does not know (listed in the manifest). A minor version may add those; they are ignored.
 */
export const newerMinorVersionDossier = real(
  'version-1-7',
  (files) => {
    setColumn('claims', 'confidence', 0.8)(files);
    files.set('extensions/review.json', Buffer.from('{"reviewedBy":"Ana"}\n'));
  },
  {
    manifest: (m) => {
      m.formatVersion = '1.7';
      m.signature = { algorithm: 'ed25519', value: 'c2lnbmVk' };
    },
  },
);
