// REFI-QDA project exchange, the XML layer: project.qde (QDA-XML 1.0, namespace urn:QDA-XML:project:1.0) to
// and from a neutral model. A .qdpx is a zip of project.qde and a sources/ folder; the zip and the mapping to
// Dossier's database live elsewhere. This module writes a project.qde that validates against the standard's
// schema (tests/fixtures/schemas/Project-mrt2019.xsd) and reads the project.qde files NVivo, ATLAS.ti, MAXQDA
// and QualCoder write, with their habits: GUIDs in either case and with or without braces, notes whose text is
// a file rather than inline, memos on highlights as Description, as a NoteRef (on the selection or on one of
// its codings), as an NVivo Link from a Note or as a QualCoder annotation Note, file variables in nameless
// MAXQDA cases, PDF sources read through their text Representation. What the model cannot hold (pictures,
// audio, video, PDF regions, sets, cases, graphs, links between codes) is listed in `unsupported` for the
// import report, never dropped silently.
//
// A .qdpx comes from elsewhere, so the reader is strict where it matters: no DOCTYPE (no entity expansion, no
// external fetch), well-formed XML only, bounded size and depth, consistent references, and no file path that
// points outside the archive. Each refusal is a DossierError('import_refused') that says what is wrong.
//
// Positions: REFI-QDA counts characters as Unicode code points; JavaScript strings (and Dossier) count UTF-16
// code units. utf16ToCodePoint / codePointToUtf16 convert one way and the other.
import { createHash } from 'node:crypto';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { DossierError } from '../../shared/errors';

// ---------------------------------------------------------------------------------------------------
// Model

export interface QdaUser {
  guid: string;
  name: string;
}

export interface QdaCode {
  guid: string;
  name: string;
  /** #RRGGBB, upper case. */
  color?: string;
  description?: string;
  /** False for a category: a node of the tree that text is not coded with (QualCoder, NVivo folders). */
  isCodable: boolean;
  /** Notes attached to the code (NoteRef). Absent when there are none. */
  noteGuids?: string[];
  children: QdaCode[];
}

export interface QdaSelection {
  guid: string;
  name?: string;
  /** Offsets in Unicode code points, as the standard counts; end is exclusive. */
  start: number;
  end: number;
  creatingUser?: string;
  creationDateTime?: string;
  codeGuids: string[];
  /** The highlight's memos: its NoteRefs, those of its codings, NVivo Links and QualCoder annotation notes. */
  noteGuids: string[];
  description?: string;
}

export interface QdaTextSource {
  guid: string;
  name: string;
  /** Where the text is: internal://NAME, the file sources/NAME of the archive. */
  plainTextPath?: string;
  /** The text itself, when the file has it inline. Never written: the zip layer stores the text. */
  plainTextContent?: string;
  richTextPath?: string;
  creatingUser?: string;
  creationDateTime?: string;
  modifiedDateTime?: string;
  description?: string;
  /** Notes attached to the whole source. Absent when there are none. */
  noteGuids?: string[];
  selections: QdaSelection[];
  variables?: { name: string; value: string }[];
}

export interface QdaNote {
  guid: string;
  name: string;
  /** PlainTextContent; '' when the text is a file (plainTextPath). */
  text: string;
  /** internal://NAME when the note's text is a file in the archive (NVivo, ATLAS.ti, QualCoder journals). */
  plainTextPath?: string;
  description?: string;
  creatingUser?: string;
  creationDateTime?: string;
}

export interface QdaUnsupported {
  kind: 'picture' | 'pdf' | 'audio' | 'video' | 'selection' | 'set' | 'case' | 'variable' | 'graph' | 'other';
  name: string;
  detail: string;
}

export interface QdaProject {
  name: string;
  origin?: string;
  creatingUserGuid?: string;
  creationDateTime?: string;
  /** The project's own Description (its memo). */
  description?: string;
  /** Notes attached to the project as a whole. Absent when there are none. */
  noteGuids?: string[];
  users: QdaUser[];
  codes: QdaCode[];
  sources: QdaTextSource[];
  notes: QdaNote[];
  /** What the file holds that this model cannot represent, for the import report. The writer ignores it. */
  unsupported: QdaUnsupported[];
}

export const QDA_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const DEFAULT_MAX_NODES = 2_000_000;
const MAX_DEPTH = 200;

// ---------------------------------------------------------------------------------------------------
// Positions

function checkIndex(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} ${value} is outside 0..${max}`);
  }
}

/** The code-point offset of a UTF-16 offset. An offset inside a surrogate pair counts the high half as one. */
export function utf16ToCodePoint(text: string, offset: number): number {
  checkIndex(offset, text.length, 'UTF-16 offset');
  let count = 0;
  for (let i = 0; i < offset; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff && i + 1 < offset) i++;
    count++;
  }
  return count;
}

/** The UTF-16 offset of a code-point offset; RangeError beyond the end of the text. */
export function codePointToUtf16(text: string, codePoint: number): number {
  if (!Number.isInteger(codePoint) || codePoint < 0) {
    throw new RangeError(`code-point offset ${codePoint} is not a non-negative integer`);
  }
  let index = 0;
  for (let count = 0; count < codePoint; count++) {
    if (index >= text.length) {
      throw new RangeError(
        `code-point offset ${codePoint} is beyond the end of the text (${count} code points)`,
      );
    }
    const unit = text.charCodeAt(index);
    const next = text.charCodeAt(index + 1);
    index += unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  return index;
}

// ---------------------------------------------------------------------------------------------------
// GUIDs, paths, dates, colours

const GUID =
  /^(?:\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))$/i;

/** The form every GUID takes in the model: lower case, no braces. Null for a value that is not a GUID. */
export function normalizeGuid(value: string): string | null {
  const match = GUID.exec(value.trim());
  return match ? (match[1] ?? match[2]!).toLowerCase() : null;
}

const NAME_NAMESPACE = Buffer.from('6f1d3c2a9b8e4d5fa0c7e1b2d3f4a5b6', 'hex');

/** A name-based (version 5 style) GUID: the same name gives the same GUID, so output is deterministic. */
export function nameGuid(name: string): string {
  const hash = createHash('sha1').update(NAME_NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * NAME of an internal://NAME path, the file sources/NAME of the archive; null for anything else (absolute://,
 * relative://, file:, http:, a bare name) and for a NAME that could leave the folder: one with / or \, "..",
 * a drive letter or a control character, also once percent-decoded.
 */
export function internalPathName(path: string): string | null {
  const match = /^internal:\/\/(.+)$/is.exec(path.trim());
  if (!match) return null;
  const name = match[1]!;
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // A stray "%" (a file named "50% done.txt") is a plain character, not an escape.
  }
  for (const candidate of [name, decoded]) {
    // eslint-disable-next-line no-control-regex -- a control character in a file name is refused
    if (/[/\\]|\.\.|^[A-Za-z]:|[\u0000-\u001f\u007f]/.test(candidate)) return null;
  }
  return name;
}

const DATE_TIME = /^-?(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))?$/;

function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(
    Number,
  ) as number[];
  const zoneOk = m[9] === undefined || (Number(m[9]) <= 14 && Number(m[10]) <= 59);
  // Days in the month, leap years included (day 0 of the next month is the last of this one).
  const monthDays = new Date(Date.UTC(2000 + (year! % 400), month!, 0)).getUTCDate();
  return (
    year !== 0 &&
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= monthDays &&
    (hour! <= 23 || (hour === 24 && minute === 0 && second === 0 && !m[7])) &&
    minute! <= 59 &&
    second! <= 59 &&
    zoneOk
  );
}

/** An xsd:dateTime as written; "2024-05-02 10:11:12" (QualCoder's database form) gets its T; else null. */
function readDateTime(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (isDateTime(trimmed)) return trimmed;
  const spaced = trimmed.replace(/^(\d{4}-\d{2}-\d{2})[ _](\d)/, '$1T$2');
  return isDateTime(spaced) ? spaced : undefined;
}

/** #RGB or #RRGGBB as #RRGGBB in upper case; null otherwise. */
function normalizeColor(value: string): string | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return null;
  const hex = match[1]!.length === 3 ? [...match[1]!].map((c) => c + c).join('') : match[1]!;
  return `#${hex.toUpperCase()}`;
}

// ---------------------------------------------------------------------------------------------------
// Writer

function cannotWrite(message: string): DossierError {
  return new DossierError('invalid_input', `Cannot write the REFI-QDA project: ${message}`);
}

/**
 * Characters XML 1.0 cannot carry: C0 controls other than tab, LF and CR and the non-characters U+FFFE/U+FFFF
 * are dropped; a lone surrogate becomes U+FFFD.
 */
function xmlSafe(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex -- these are the characters XML 1.0 cannot hold
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
  );
}

/** Anything escapeText or escapeAttribute would change; most names and all GUIDs and numbers have none. */
// eslint-disable-next-line no-control-regex -- control characters are among what needs escaping
const NEEDS_ESCAPING = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Element text. CR is a reference, or a reader would turn CRLF into LF. */
function escapeText(value: string): string {
  if (!NEEDS_ESCAPING.test(value)) return value;
  return xmlSafe(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#xD;');
}

/** An attribute value. Tab, LF and CR are references, or a reader would turn each into a space. */
function escapeAttribute(value: string): string {
  if (!NEEDS_ESCAPING.test(value)) return value;
  return xmlSafe(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

type Attributes = [string, string | number | boolean | undefined][];

/** Builds the document line by line, two spaces per level. */
class XmlOut {
  private readonly lines: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  private depth = 0;

  private tag(name: string, attributes: Attributes): string {
    const written = attributes
      .filter((a): a is [string, string | number | boolean] => a[1] !== undefined)
      .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
      .join('');
    return `<${name}${written}`;
  }

  open(name: string, attributes: Attributes = []): void {
    this.lines.push(`${'  '.repeat(this.depth)}${this.tag(name, attributes)}>`);
    this.depth++;
  }

  close(name: string): void {
    this.depth--;
    this.lines.push(`${'  '.repeat(this.depth)}</${name}>`);
  }

  empty(name: string, attributes: Attributes = []): void {
    this.lines.push(`${'  '.repeat(this.depth)}${this.tag(name, attributes)}/>`);
  }

  text(name: string, value: string, attributes: Attributes = []): void {
    this.lines.push(`${'  '.repeat(this.depth)}${this.tag(name, attributes)}>${escapeText(value)}</${name}>`);
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }
}

/** Checks the model the way the reader checks a file, so that what is written can be read back. */
class WriteGuids {
  private readonly seen = new Map<string, string>();

  guid(value: string, what: string): string {
    const guid = normalizeGuid(value);
    if (guid === null) throw cannotWrite(`the GUID of ${what} ("${value}") is not a GUID.`);
    return guid;
  }

  optional(value: string | undefined, what: string): string | undefined {
    return value === undefined ? undefined : this.guid(value, what);
  }

  unique(value: string, what: string): string {
    const guid = this.guid(value, what);
    const other = this.seen.get(guid);
    if (other !== undefined) throw cannotWrite(`${what} and ${other} have the same GUID ${guid}.`);
    this.seen.set(guid, what);
    return guid;
  }
}

function writeDate(value: string | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (isDateTime(trimmed)) return trimmed;
  const time = Date.parse(trimmed);
  if (Number.isNaN(time)) throw cannotWrite(`the date of ${what} ("${value}") is not a date.`);
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

function writePath(value: string | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  const name = internalPathName(value);
  if (name === null) throw cannotWrite(`${what} has the path "${value}"; only internal://NAME is written.`);
  return `internal://${name}`;
}

const nonEmpty = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * project.qde for a project: valid against the REFI-QDA Project schema, children in the order it requires,
 * GUIDs in lower case without braces, dates as xsd:dateTime. A text source's text is referenced by its
 * plainTextPath, internal://<guid>.txt unless the model gives another internal:// path; the zip layer stores
 * the text there (sources/NAME, see internalPathName); plainTextContent is not written. A highlight is a
 * PlainTextSelection with one Coding per code and a NoteRef per memo. A note is a Note with its text inline, or
 * with its plainTextPath and no inline text when the model gives one. Source variables are Text variables.
 * `unsupported` is not written (it describes an import). Codings and variables get GUIDs derived from what
 * they join, so the same model always gives the same string. Throws DossierError('invalid_input') for a model
 * the reader would refuse (a bad GUID or position, a reference to a missing code or note, a GUID used twice, a
 * path outside the archive).
 */
export function writeProjectQde(project: QdaProject): string {
  const ids = new WriteGuids();
  const out = new XmlOut();

  const users = project.users.map((u) => ({ ...u, guid: ids.unique(u.guid, `user "${u.name}"`) }));
  const codeGuids = new Set<string>();
  const checkCodes = (codes: readonly QdaCode[]): void => {
    for (const code of codes) {
      codeGuids.add(ids.unique(code.guid, `code "${code.name}"`));
      if (code.color !== undefined && normalizeColor(code.color) === null) {
        throw cannotWrite(`the colour of code "${code.name}" ("${code.color}") is not #RRGGBB.`);
      }
      checkCodes(code.children);
    }
  };
  checkCodes(project.codes);
  const noteGuids = new Set(project.notes.map((n) => ids.unique(n.guid, `note "${n.name}"`)));
  const noteRef = (guid: string, what: string): string => {
    const target = ids.guid(guid, `a note of ${what}`);
    if (!noteGuids.has(target))
      throw cannotWrite(`${what} refers to note ${target}, which is not in the project.`);
    return target;
  };
  for (const source of project.sources) {
    ids.unique(source.guid, `source "${source.name}"`);
    for (const s of source.selections) {
      const what = `selection ${s.guid} of source "${source.name}"`;
      ids.unique(s.guid, what);
      if (!Number.isSafeInteger(s.start) || !Number.isSafeInteger(s.end) || s.start < 0 || s.start > s.end) {
        throw cannotWrite(`${what} runs from ${s.start} to ${s.end}.`);
      }
      for (const code of s.codeGuids) {
        if (!codeGuids.has(ids.guid(code, `a code of ${what}`))) {
          throw cannotWrite(`${what} is coded with ${code}, which is not in the codebook.`);
        }
      }
    }
  }

  out.open('Project', [
    ['xmlns', QDA_NAMESPACE],
    ['name', project.name],
    ['origin', project.origin],
    ['creatingUserGUID', ids.optional(project.creatingUserGuid, 'the project’s creating user')],
    ['creationDateTime', writeDate(project.creationDateTime, 'the project')],
  ]);

  if (users.length > 0) {
    out.open('Users');
    for (const user of users)
      out.empty('User', [
        ['guid', user.guid],
        ['name', user.name],
      ]);
    out.close('Users');
  }

  if (project.codes.length > 0) {
    const writeCode = (code: QdaCode): void => {
      const attributes: Attributes = [
        ['guid', ids.guid(code.guid, `code "${code.name}"`)],
        ['name', code.name],
        ['isCodable', code.isCodable],
        ['color', code.color === undefined ? undefined : normalizeColor(code.color)!],
      ];
      const notes = code.noteGuids ?? [];
      if (!nonEmpty(code.description) && notes.length === 0 && code.children.length === 0) {
        out.empty('Code', attributes);
        return;
      }
      out.open('Code', attributes);
      if (nonEmpty(code.description)) out.text('Description', code.description);
      for (const note of notes) out.empty('NoteRef', [['targetGUID', noteRef(note, `code "${code.name}"`)]]);
      for (const child of code.children) writeCode(child);
      out.close('Code');
    };
    out.open('CodeBook');
    out.open('Codes');
    for (const code of project.codes) writeCode(code);
    out.close('Codes');
    out.close('CodeBook');
  }

  // Source variables are all written as Text variables, one per name, in order of first use.
  const variables = new Map<string, string>();
  for (const source of project.sources) {
    for (const variable of source.variables ?? []) {
      if (!variables.has(variable.name))
        variables.set(variable.name, nameGuid(`variable\u0000${variable.name}`));
    }
  }
  if (variables.size > 0) {
    out.open('Variables');
    for (const [name, guid] of variables)
      out.empty('Variable', [
        ['guid', guid],
        ['name', name],
        ['typeOfVariable', 'Text'],
      ]);
    out.close('Variables');
  }

  if (project.sources.length > 0) {
    out.open('Sources');
    for (const source of project.sources) {
      const guid = ids.guid(source.guid, `source "${source.name}"`);
      const what = `source "${source.name}"`;
      out.open('TextSource', [
        ['guid', guid],
        ['name', source.name],
        ['richTextPath', writePath(source.richTextPath, what)],
        ['plainTextPath', writePath(source.plainTextPath, what) ?? `internal://${guid}.txt`],
        ['creatingUser', ids.optional(source.creatingUser, `the creating user of ${what}`)],
        ['creationDateTime', writeDate(source.creationDateTime, what)],
        ['modifiedDateTime', writeDate(source.modifiedDateTime, what)],
      ]);
      if (nonEmpty(source.description)) out.text('Description', source.description);
      for (const s of source.selections) {
        const sWhat = `selection ${s.guid} of ${what}`;
        const sGuid = ids.guid(s.guid, sWhat);
        const user = ids.optional(s.creatingUser, `the creating user of ${sWhat}`);
        const date = writeDate(s.creationDateTime, sWhat);
        const attributes: Attributes = [
          ['guid', sGuid],
          ['name', s.name],
          ['startPosition', s.start],
          ['endPosition', s.end],
          ['creatingUser', user],
          ['creationDateTime', date],
        ];
        if (!nonEmpty(s.description) && s.codeGuids.length === 0 && s.noteGuids.length === 0) {
          out.empty('PlainTextSelection', attributes);
          continue;
        }
        out.open('PlainTextSelection', attributes);
        if (nonEmpty(s.description)) out.text('Description', s.description);
        for (const code of new Set(s.codeGuids.map((c) => normalizeGuid(c)!))) {
          out.open('Coding', [
            ['guid', nameGuid(`coding\u0000${sGuid}\u0000${code}`)],
            ['creatingUser', user],
            ['creationDateTime', date],
          ]);
          out.empty('CodeRef', [['targetGUID', code]]);
          out.close('Coding');
        }
        for (const note of new Set(s.noteGuids.map((n) => noteRef(n, sWhat))))
          out.empty('NoteRef', [['targetGUID', note]]);
        out.close('PlainTextSelection');
      }
      for (const note of source.noteGuids ?? []) out.empty('NoteRef', [['targetGUID', noteRef(note, what)]]);
      for (const variable of source.variables ?? []) {
        out.open('VariableValue');
        out.empty('VariableRef', [['targetGUID', variables.get(variable.name)!]]);
        out.text('TextValue', variable.value);
        out.close('VariableValue');
      }
      out.close('TextSource');
    }
    out.close('Sources');
  }

  if (project.notes.length > 0) {
    out.open('Notes');
    for (const note of project.notes) {
      const what = `note "${note.name}"`;
      const path = writePath(note.plainTextPath, what);
      out.open('Note', [
        ['guid', ids.guid(note.guid, what)],
        ['name', note.name],
        ['plainTextPath', path],
        ['creatingUser', ids.optional(note.creatingUser, `the creating user of ${what}`)],
        ['creationDateTime', writeDate(note.creationDateTime, what)],
      ]);
      if (nonEmpty(note.description)) out.text('Description', note.description);
      // The schema asks for the text inline or as a file, not both.
      if (path === undefined) out.text('PlainTextContent', note.text);
      out.close('Note');
    }
    out.close('Notes');
  }

  if (nonEmpty(project.description)) out.text('Description', project.description);
  for (const note of project.noteGuids ?? [])
    out.empty('NoteRef', [['targetGUID', noteRef(note, 'the project')]]);
  out.close('Project');
  return out.toString();
}

// ---------------------------------------------------------------------------------------------------
// Reader: XML to a small tree

function refused(message: string): DossierError {
  return new DossierError('import_refused', `This REFI-QDA project cannot be imported: ${message}`);
}

/** An element of the project namespace (or, childless, an element of another namespace). */
interface XNode {
  name: string;
  /** '' for the project namespace, else the element's namespace URI. */
  foreign: string;
  line: number;
  /** Unprefixed attributes (those of no namespace), by name. */
  attributes: Record<string, string>;
  children: XNode[];
  /** The text, for the elements in TEXT_ELEMENTS only. */
  text?: string[];
}

/** Elements whose text the reader needs; the text of others (whitespace between elements) is not kept. */
const TEXT_ELEMENTS = new Set([
  'Description',
  'PlainTextContent',
  'TextValue',
  'BooleanValue',
  'IntegerValue',
  'FloatValue',
  'DateValue',
  'DateTimeValue',
]);

/**
 * The first "&" that starts no reference, outside comments, CDATA sections and processing instructions, as
 * an index and a line and column; null if there is none.
 */
function bareAmpersand(xml: string): { index: number; line: number; column: number } | null {
  const pattern =
    /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|&(?!#[0-9]+;|#x[0-9a-fA-F]+;|[A-Za-z_:][\w.:-]*;)/g;
  for (const match of xml.matchAll(pattern)) {
    if (match[0] !== '&') continue;
    const before = xml.slice(0, match.index);
    return {
      index: match.index,
      line: before.split('\n').length,
      column: match.index - before.lastIndexOf('\n'),
    };
  }
  return null;
}

function parseTree(xml: string, maxNodes: number): XNode {
  const parser = new SaxesParser({ xmlns: true, position: true });
  // null: inside an element of another namespace, whose content is not kept.
  const stack: (XNode | null)[] = [];
  let root: XNode | null = null;
  let count = 0;

  parser.on('doctype', () => {
    throw refused(
      'it contains a DOCTYPE declaration. REFI-QDA projects have none, and Dossier does not read them ' +
        '(they can define entities that expand without end or fetch other files).',
    );
  });
  const text = xml.replace(/^\uFEFF/, '');
  parser.on('error', (error) => {
    // saxes reads a bare "&" as the start of an entity name and fails only at the end of the file: say where
    // the "&" is when it comes before the place saxes stopped.
    const ampersand = bareAmpersand(text);
    if (ampersand !== null && ampersand.index < parser.position) {
      throw refused(
        `the project.qde file is not well-formed XML: a bare "&" on line ${ampersand.line}, column ${ampersand.column} (it must be written &amp;).`,
      );
    }
    const reason = error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    throw refused(
      `the project.qde file is not well-formed XML: ${reason} on line ${parser.line}, column ${parser.column + 1}.`,
    );
  });
  parser.on('opentagstart', () => {
    count++;
    if (count > maxNodes) {
      throw refused(
        `it has more than ${maxNodes.toLocaleString('en-US')} elements, more than Dossier reads.`,
      );
    }
    if (stack.length >= MAX_DEPTH) {
      throw refused(`its elements are nested more than ${MAX_DEPTH} deep (line ${parser.line}).`);
    }
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stack.length === 0) {
      if (tag.local !== 'Project' || tag.uri !== QDA_NAMESPACE) {
        const where = tag.uri === '' ? 'in no namespace' : `in namespace "${tag.uri}"`;
        throw refused(
          `the root element is <${tag.local}> ${where}; a REFI-QDA project is <Project> in namespace "${QDA_NAMESPACE}".`,
        );
      }
    }
    const parent = stack.length === 0 ? undefined : stack[stack.length - 1];
    if (parent === null) {
      stack.push(null);
      return;
    }
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.uri === '') attributes[attribute.local] = attribute.value;
    }
    const foreign = tag.uri === QDA_NAMESPACE ? '' : tag.uri || '(no namespace)';
    const node: XNode = { name: tag.local, foreign, line: parser.line, attributes, children: [] };
    if (!foreign && TEXT_ELEMENTS.has(tag.local)) node.text = [];
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(foreign ? null : node);
  });
  const onText = (chunk: string): void => {
    const top = stack[stack.length - 1];
    top?.text?.push(chunk);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    stack.pop();
  });

  parser.write(text).close();
  if (!root) throw refused('the project.qde file has no root element.');
  return root;
}

// ---------------------------------------------------------------------------------------------------
// Reader: tree to model

const childrenNamed = (node: XNode, name: string): XNode[] =>
  node.children.filter((c) => c.foreign === '' && c.name === name);
const childNamed = (node: XNode, name: string): XNode | undefined =>
  node.children.find((c) => c.foreign === '' && c.name === name);
const textOf = (node: XNode | undefined): string | undefined =>
  node ? (node.text ?? []).join('') : undefined;

/** xsd:boolean, also in the "True"/"False" some .NET writers use. */
function readBoolean(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

/** How a selection's element names it in messages. */
function selectionLabel(node: XNode): string {
  return `the <${node.name}> on line ${node.line}`;
}

/** "A, B" for a list of codes, by name. */
function listNames(names: string[]): string {
  if (names.length === 0) return '';
  const quoted = names.map((n) => `"${n}"`);
  return quoted.length <= 5
    ? quoted.join(', ')
    : `${quoted.slice(0, 5).join(', ')} and ${quoted.length - 5} more`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

class Reader {
  private readonly guids = new Map<string, string>();
  private readonly codeNames = new Map<string, string>();
  private readonly codes = new Map<string, QdaCode>();
  private readonly noteGuids = new Set<string>();
  /** Bare PlainTextSelections in Notes (QualCoder's annotations), by note; a source's NoteRef claims them. */
  private readonly noteAnchors = new Map<string, { node: XNode; note: QdaNote }[]>();
  private readonly textSelections = new Map<string, QdaSelection>();
  /** Text sources by their GUID and, for a PDF read through its Representation, by the PDF's GUID too. */
  private readonly textSources = new Map<string, QdaTextSource>();
  private readonly variables = new Map<string, { name: string; type: string; used: boolean; line: number }>();
  readonly unsupported: QdaUnsupported[] = [];

  constructor(private readonly root: XNode) {}

  /**
   * The model's GUID for an identifier in the file: a GUID (braces and case as they come) in lower case; any
   * other non-empty identifier (some hand-made files use "c1") a GUID derived from it, the same everywhere
   * it is used, so references stay consistent.
   */
  id(raw: string): string {
    return normalizeGuid(raw) ?? nameGuid(`id\u0000${raw.trim().toLowerCase()}`);
  }

  /** A reference that may be absent or empty (QualCoder writes creatingUser="" when it knows no user). */
  ref(raw: string | undefined): string | undefined {
    return raw === undefined || raw.trim() === '' ? undefined : this.id(raw);
  }

  /** The GUID of an element that must have one, registered so that a second use is refused. */
  register(node: XNode, what: string): string {
    const raw = node.attributes['guid'];
    if (raw === undefined || raw.trim() === '') throw refused(`${what} on line ${node.line} has no guid.`);
    const guid = this.id(raw);
    const other = this.guids.get(guid);
    if (other !== undefined) {
      throw refused(`the GUID ${raw.trim()} is used twice, by ${other} and by ${what} on line ${node.line}.`);
    }
    this.guids.set(guid, `${what} on line ${node.line}`);
    return guid;
  }

  userRef(node: XNode): string | undefined {
    return this.ref(node.attributes['creatingUser']) ?? this.ref(node.attributes['modifyingUser']);
  }

  /** "coded "A", "B"" for a selection's codings, for the import report. */
  codedWith(codings: XNode[]): string {
    const names: string[] = [];
    for (const coding of codings) {
      const target = this.ref(childNamed(coding, 'CodeRef')?.attributes['targetGUID']);
      if (target !== undefined) names.push(this.codeNames.get(target) ?? target);
    }
    return names.length === 0 ? 'not coded' : `coded ${listNames(names)}`;
  }

  /**
   * A path the file names. Text Dossier would read must be inside the archive (anything else refuses the file);
   * a media file (`media`: a PDF, picture or recording Dossier never reads) may be linked elsewhere, as ATLAS.ti
   * and QualCoder link large recordings: it is listed as not imported, and never opened.
   */
  path(node: XNode, attribute: string, what: string, media = false): string | undefined {
    const value = node.attributes[attribute];
    if (value === undefined || value.trim() === '') return undefined;
    const name = internalPathName(value);
    if (name === null && media) {
      this.unsupported.push({
        kind: 'other',
        name: node.attributes['name'] ?? '',
        detail: `${what} is linked outside the project file ("${value.trim().slice(0, 200)}"); Dossier does not open files outside it`,
      });
      return undefined;
    }
    if (name === null) {
      throw refused(
        `${what} (line ${node.line}) points to "${value.trim()}", outside the project file. Dossier reads ` +
          'only files inside the .qdpx (internal://NAME, a name without folders).',
      );
    }
    return `internal://${name}`;
  }

  read(): QdaProject {
    const root = this.root;
    const users = childrenNamed(root, 'Users').flatMap((u) => childrenNamed(u, 'User'));
    const readUsers = users.map((node) => {
      const name = node.attributes['name'] ?? '';
      return { guid: this.register(node, `the user "${name}"`), name };
    });

    const codes = childrenNamed(root, 'CodeBook')
      .flatMap((book) => childrenNamed(book, 'Codes'))
      .flatMap((list) => childrenNamed(list, 'Code'))
      .map((node) => this.readCode(node));

    const notes = childrenNamed(root, 'Notes')
      .flatMap((list) => childrenNamed(list, 'Note'))
      .map((node) => this.readNote(node));

    this.checkReferences(root, 'the project');

    for (const list of childrenNamed(root, 'Variables')) {
      for (const node of childrenNamed(list, 'Variable')) {
        this.variables.set(this.ref(node.attributes['guid']) ?? `line ${node.line}`, {
          name: node.attributes['name'] ?? '',
          type: node.attributes['typeOfVariable'] ?? 'Text',
          used: false,
          line: node.line,
        });
      }
    }

    const sources: QdaTextSource[] = [];
    for (const list of childrenNamed(root, 'Sources')) {
      for (const node of list.children) {
        const source = this.readSource(node);
        if (source) sources.push(source);
      }
    }

    for (const [noteGuid, anchors] of this.noteAnchors) {
      for (const { node, note } of anchors) {
        this.unsupported.push({
          kind: 'selection',
          name: node.attributes['name'] || note.name || noteGuid,
          detail:
            `a passage (${node.attributes['startPosition']}–${node.attributes['endPosition']}) that note ` +
            `"${note.name || noteGuid}" annotates, in a source the file does not name`,
        });
      }
    }

    for (const list of childrenNamed(root, 'Cases'))
      for (const node of childrenNamed(list, 'Case')) this.readCase(node);
    for (const list of childrenNamed(root, 'Links'))
      for (const node of childrenNamed(list, 'Link')) this.readLink(node);
    for (const list of childrenNamed(root, 'Sets'))
      for (const node of childrenNamed(list, 'Set')) this.readSet(node);
    for (const list of childrenNamed(root, 'Graphs')) {
      for (const node of childrenNamed(list, 'Graph')) {
        this.unsupported.push({
          kind: 'graph',
          name: node.attributes['name'] || 'Graph',
          detail: `a graph with ${plural(childrenNamed(node, 'Vertex').length, 'vertex', 'vertices')} and ${plural(childrenNamed(node, 'Edge').length, 'edge')}`,
        });
      }
    }
    for (const variable of this.variables.values()) {
      if (!variable.used) {
        this.unsupported.push({
          kind: 'variable',
          name: variable.name,
          detail: `a ${variable.type} variable (line ${variable.line}) with no value on a text source`,
        });
      }
    }

    const project: QdaProject = {
      name: root.attributes['name'] ?? '',
      users: readUsers,
      codes,
      sources,
      notes,
      unsupported: this.unsupported,
    };
    const origin = root.attributes['origin'];
    if (origin !== undefined && origin !== '') project.origin = origin;
    const creator = this.ref(root.attributes['creatingUserGUID']);
    if (creator !== undefined) project.creatingUserGuid = creator;
    const created = readDateTime(root.attributes['creationDateTime']);
    if (created !== undefined) project.creationDateTime = created;
    const description = textOf(childNamed(root, 'Description'));
    if (nonEmpty(description)) project.description = description;
    const projectNotes = this.noteRefs(root);
    if (projectNotes.length > 0) project.noteGuids = projectNotes;
    return project;
  }

  /** The notes a node's NoteRefs name, once each (checkReferences has made sure they exist). */
  noteRefs(node: XNode): string[] {
    const notes = childrenNamed(node, 'NoteRef').map((n) => this.ref(n.attributes['targetGUID']));
    return [...new Set(notes.filter((n): n is string => n !== undefined))];
  }

  readCode(node: XNode): QdaCode {
    const name = node.attributes['name'] ?? '';
    const guid = this.register(node, `the code "${name}"`);
    this.codeNames.set(guid, name);
    const code: QdaCode = {
      guid,
      name,
      isCodable: readBoolean(node.attributes['isCodable']) ?? true,
      children: [],
    };
    const color = normalizeColor(node.attributes['color'] ?? '');
    if (color !== null) code.color = color;
    const description = textOf(childNamed(node, 'Description'));
    if (nonEmpty(description)) code.description = description;
    const notes = this.noteRefs(node);
    if (notes.length > 0) code.noteGuids = notes;
    this.codes.set(guid, code);
    code.children = childrenNamed(node, 'Code').map((child) => this.readCode(child));
    return code;
  }

  readNote(node: XNode): QdaNote {
    const name = node.attributes['name'] ?? '';
    const what = `the note "${name}"`;
    const guid = this.register(node, what);
    this.noteGuids.add(guid);
    const note: QdaNote = { guid, name, text: textOf(childNamed(node, 'PlainTextContent')) ?? '' };
    const path = this.path(node, 'plainTextPath', what);
    this.path(node, 'richTextPath', what);
    if (path !== undefined) note.plainTextPath = path;
    const description = textOf(childNamed(node, 'Description'));
    if (nonEmpty(description)) note.description = description;
    const user = this.userRef(node);
    if (user !== undefined) note.creatingUser = user;
    const date =
      readDateTime(node.attributes['creationDateTime']) ?? readDateTime(node.attributes['modifiedDateTime']);
    if (date !== undefined) note.creationDateTime = date;
    for (const selection of childrenNamed(node, 'PlainTextSelection')) {
      this.register(selection, `the selection in ${what}`);
      this.positions(selection);
      if (childrenNamed(selection, 'Coding').length === 0) {
        // QualCoder's annotation: the note's passage is in the source whose NoteRef names this note.
        const anchors = this.noteAnchors.get(guid) ?? [];
        anchors.push({ node: selection, note });
        this.noteAnchors.set(guid, anchors);
      } else {
        this.unsupported.push({
          kind: 'selection',
          name: selection.attributes['name'] || name,
          detail: `a passage of ${what}, ${this.codedWith(childrenNamed(selection, 'Coding'))}; Dossier codes documents, not notes`,
        });
      }
    }
    return note;
  }

  /** Every Coding's code and every NoteRef's note must exist, wherever they are in the file. */
  checkReferences(node: XNode, context: string): void {
    const named = node.attributes['name'];
    const kind = /^(?:Text|PDF|Picture|Audio|Video)Source$/.test(node.name)
      ? 'source'
      : ({ Code: 'code', Note: 'note', Case: 'case', Set: 'set', Graph: 'graph' } as Record<string, string>)[
          node.name
        ];
    const here = kind === undefined ? context : `the ${kind}${named ? ` "${named}"` : ''}`;
    for (const child of node.children) {
      if (child.foreign !== '') continue;
      if (child.name === 'NoteRef') {
        const raw = child.attributes['targetGUID'];
        const target = this.ref(raw);
        if (target === undefined || !this.noteGuids.has(target)) {
          throw refused(
            target === undefined
              ? `a NoteRef on line ${child.line} (in ${here}) has no targetGUID.`
              : `a NoteRef on line ${child.line} (in ${here}) refers to note ${raw!.trim()}, which is not among the file's Notes.`,
          );
        }
      } else if (child.name === 'Coding') {
        const codeRef = childNamed(child, 'CodeRef');
        const raw = codeRef?.attributes['targetGUID'];
        const target = this.ref(raw);
        if (target !== undefined && !this.codeNames.has(target)) {
          throw refused(
            `a coding on line ${codeRef!.line} (in ${here}) refers to code ${raw!.trim()}, which is not in the codebook.`,
          );
        }
      }
      this.checkReferences(child, here);
    }
  }

  /** startPosition and endPosition of a PlainTextSelection: non-negative integers, start <= end. */
  positions(node: XNode): [number, number] {
    const read = (attribute: string): number => {
      const value = node.attributes[attribute];
      const trimmed = value?.trim() ?? '';
      const number = /^\+?\d+$/.test(trimmed) ? Number(trimmed) : NaN;
      if (!Number.isSafeInteger(number)) {
        throw refused(
          value === undefined
            ? `${selectionLabel(node)} has no ${attribute}.`
            : `${selectionLabel(node)} has ${attribute}="${value}", which is not a position (a whole number, 0 or more).`,
        );
      }
      return number;
    };
    const start = read('startPosition');
    const end = read('endPosition');
    if (start > end) throw refused(`${selectionLabel(node)} starts at ${start}, after its end at ${end}.`);
    return [start, end];
  }

  readSelection(node: XNode, sourceName: string): QdaSelection {
    const guid = this.register(node, `the selection in source "${sourceName}"`);
    const [start, end] = this.positions(node);
    const codings = childrenNamed(node, 'Coding');
    const selection: QdaSelection = { guid, start, end, codeGuids: [], noteGuids: this.noteRefs(node) };
    const name = node.attributes['name'];
    if (nonEmpty(name)) selection.name = name;
    const codes = new Set<string>();
    const notes = new Set(selection.noteGuids);
    for (const coding of codings) {
      const target = this.ref(childNamed(coding, 'CodeRef')?.attributes['targetGUID']);
      if (target !== undefined) codes.add(target);
      for (const note of this.noteRefs(coding)) notes.add(note);
    }
    selection.codeGuids = [...codes];
    selection.noteGuids = [...notes];
    const user = this.userRef(node) ?? codings.map((c) => this.userRef(c)).find((u) => u !== undefined);
    if (user !== undefined) selection.creatingUser = user;
    const date =
      readDateTime(node.attributes['creationDateTime']) ??
      readDateTime(node.attributes['modifiedDateTime']) ??
      codings.map((c) => readDateTime(c.attributes['creationDateTime'])).find((d) => d !== undefined);
    if (date !== undefined) selection.creationDateTime = date;
    const description = textOf(childNamed(node, 'Description'));
    if (nonEmpty(description)) selection.description = description;
    this.textSelections.set(guid, selection);
    return selection;
  }

  /**
   * A TextSource, or the text Representation of a PDF: then named after the PDF, with the PDF's description
   * and notes, and the PDF's GUID when the Representation repeats it.
   */
  readTextSource(
    node: XNode,
    pdf?: { name: string; guid: string; description: string | undefined; notes: string[] },
  ): QdaTextSource {
    const sourceName = pdf ? pdf.name : (node.attributes['name'] ?? '');
    const what = pdf ? `the text of PDF "${sourceName}"` : `the text source "${sourceName}"`;
    const raw = node.attributes['guid'];
    const guid =
      pdf && raw !== undefined && raw.trim() !== '' && this.id(raw) === pdf.guid
        ? pdf.guid
        : this.register(node, what);
    const description = pdf?.description;
    const pdfNotes = pdf?.notes ?? [];
    const source: QdaTextSource = { guid, name: sourceName, selections: [] };
    const plainTextPath = this.path(node, 'plainTextPath', what);
    if (plainTextPath !== undefined) source.plainTextPath = plainTextPath;
    const content = textOf(childNamed(node, 'PlainTextContent'));
    if (content !== undefined) source.plainTextContent = content;
    const richTextPath = this.path(node, 'richTextPath', what);
    if (richTextPath !== undefined) source.richTextPath = richTextPath;
    const user = this.userRef(node);
    if (user !== undefined) source.creatingUser = user;
    const created = readDateTime(node.attributes['creationDateTime']);
    if (created !== undefined) source.creationDateTime = created;
    const modified = readDateTime(node.attributes['modifiedDateTime']);
    if (modified !== undefined) source.modifiedDateTime = modified;
    const ownDescription = textOf(childNamed(node, 'Description'));
    const text = nonEmpty(ownDescription) ? ownDescription : description;
    if (nonEmpty(text)) source.description = text;

    source.selections = childrenNamed(node, 'PlainTextSelection').map((s) =>
      this.readSelection(s, sourceName),
    );
    const sourceNotes: string[] = [];
    for (const note of [...this.noteRefs(node), ...pdfNotes]) {
      const anchors = this.noteAnchors.get(note);
      if (!anchors) {
        if (!sourceNotes.includes(note)) sourceNotes.push(note);
        continue;
      }
      this.noteAnchors.delete(note);
      for (const { node: anchor, note: annotation } of anchors) {
        const [start, end] = this.positions(anchor);
        const guid = this.id(anchor.attributes['guid']!);
        const selection: QdaSelection = { guid, start, end, codeGuids: [], noteGuids: [note] };
        const anchorName = anchor.attributes['name'];
        if (nonEmpty(anchorName)) selection.name = anchorName;
        const anchorUser = this.userRef(anchor) ?? annotation.creatingUser;
        if (anchorUser !== undefined) selection.creatingUser = anchorUser;
        const anchorDate = readDateTime(anchor.attributes['creationDateTime']) ?? annotation.creationDateTime;
        if (anchorDate !== undefined) selection.creationDateTime = anchorDate;
        this.textSelections.set(guid, selection);
        source.selections.push(selection);
      }
    }
    if (sourceNotes.length > 0) source.noteGuids = sourceNotes;
    for (const coding of childrenNamed(node, 'Coding')) {
      this.unsupported.push({
        kind: 'other',
        name: sourceName,
        detail: `the whole of ${what} is ${this.codedWith([coding])}; Dossier codes passages, not whole documents`,
      });
    }
    for (const value of childrenNamed(node, 'VariableValue')) this.addVariable(source, value, what);
    this.textSources.set(guid, source);
    return source;
  }

  /** A variable value on a text source; one on anything else is described for the report. */
  variableValue(node: XNode): { name: string; value: string; known: boolean } {
    const target = this.ref(childNamed(node, 'VariableRef')?.attributes['targetGUID']);
    const variable = target === undefined ? undefined : this.variables.get(target);
    const valueNode = node.children.find((c) => c.foreign === '' && c.name !== 'VariableRef');
    const raw = textOf(valueNode) ?? '';
    return {
      name: variable?.name ?? target ?? '',
      value: valueNode?.name === 'TextValue' ? raw : raw.trim(),
      known: variable !== undefined,
    };
  }

  addVariable(source: QdaTextSource, node: XNode, what: string): void {
    const { name, value, known } = this.variableValue(node);
    const target = this.ref(childNamed(node, 'VariableRef')?.attributes['targetGUID']);
    if (!known) {
      this.unsupported.push({
        kind: 'variable',
        name: name || 'Variable',
        detail: `the value "${value}" of ${what} for a variable the file does not define (line ${node.line})`,
      });
      return;
    }
    this.variables.get(target!)!.used = true;
    (source.variables ??= []).push({ name, value });
  }

  readSource(node: XNode): QdaTextSource | null {
    const name = node.attributes['name'] ?? '';
    const label = node.foreign ? `<${node.name}> (${node.foreign})` : node.name;
    switch (node.foreign ? '' : node.name) {
      case 'TextSource':
        return this.readTextSource(node);
      case 'PDFSource': {
        const what = `the PDF source "${name}"`;
        const pdfGuid = this.register(node, what);
        this.path(node, 'path', what, true);
        const regions = childrenNamed(node, 'PDFSelection');
        for (const region of regions) {
          this.register(region, `the PDF selection in "${name}"`);
          this.unsupported.push({
            kind: 'selection',
            name: region.attributes['name'] || `PDF region ${region.attributes['guid']?.trim() ?? ''}`,
            detail: `a region on page ${region.attributes['page'] ?? '?'} of PDF "${name}", ${this.codedWith(childrenNamed(region, 'Coding'))}; Dossier keeps text passages, not page regions`,
          });
        }
        const representation = childNamed(node, 'Representation');
        if (!representation) {
          this.unsupported.push({
            kind: 'pdf',
            name,
            detail: `a PDF with no text representation${regions.length ? ` and ${plural(regions.length, 'coded region')}` : ''}; Dossier imports text`,
          });
          return null;
        }
        const text = this.readTextSource(representation, {
          name: name || representation.attributes['name'] || '',
          guid: pdfGuid,
          description: textOf(childNamed(node, 'Description')),
          notes: this.noteRefs(node),
        });
        if (text.guid !== pdfGuid) this.textSources.set(pdfGuid, text);
        this.unsupported.push({
          kind: 'pdf',
          name,
          detail: 'a PDF imported as its text only; the PDF file and its page layout are not kept',
        });
        for (const value of childrenNamed(node, 'VariableValue'))
          this.addVariable(text, value, `the PDF "${name}"`);
        for (const coding of childrenNamed(node, 'Coding')) {
          this.unsupported.push({
            kind: 'other',
            name,
            detail: `the whole of PDF "${name}" is ${this.codedWith([coding])}; Dossier codes passages, not whole documents`,
          });
        }
        return text;
      }
      case 'PictureSource':
      case 'AudioSource':
      case 'VideoSource': {
        const kind =
          node.name === 'PictureSource' ? 'picture' : node.name === 'AudioSource' ? 'audio' : 'video';
        const noun = kind === 'audio' ? 'audio recording' : kind;
        const what = `the ${noun} "${name}"`;
        const mediaGuid = this.register(node, what);
        const path = this.path(node, 'path', what, true);
        const parts: string[] = [];
        const selectionName = `${kind === 'picture' ? 'Picture' : kind === 'audio' ? 'Audio' : 'Video'}Selection`;
        const selections = childrenNamed(node, selectionName);
        for (const selection of selections) {
          this.register(selection, `the selection in ${what}`);
          const a = selection.attributes;
          const where =
            kind === 'picture'
              ? `a region (${a['firstX']},${a['firstY']})–(${a['secondX']},${a['secondY']}) of picture "${name}"`
              : `the stretch from ${a['begin']} ms to ${a['end']} ms of ${kind} "${name}"`;
          this.unsupported.push({
            kind: 'selection',
            name: a['name'] || `${kind} selection ${a['guid']?.trim() ?? ''}`,
            detail: `${where}, ${this.codedWith(childrenNamed(selection, 'Coding'))}`,
          });
        }
        if (selections.length) parts.push(plural(selections.length, 'coded selection'));
        const transcripts = [...childrenNamed(node, 'Transcript'), ...childrenNamed(node, 'TextDescription')];
        for (const transcript of transcripts) {
          const tWhat = `the ${transcript.name === 'Transcript' ? 'transcript' : 'text description'} of ${what}`;
          const raw = transcript.attributes['guid'];
          // A transcript that repeats its recording's GUID is the same source, not a second use of the GUID.
          if (raw === undefined || raw.trim() === '' || this.id(raw) !== mediaGuid)
            this.register(transcript, tWhat);
          this.path(transcript, 'plainTextPath', tWhat);
          this.path(transcript, 'richTextPath', tWhat);
          const tSelections = [
            ...childrenNamed(transcript, 'TranscriptSelection'),
            ...childrenNamed(transcript, 'PlainTextSelection'),
          ];
          for (const selection of tSelections) {
            this.register(selection, `the selection in ${tWhat}`);
            this.unsupported.push({
              kind: 'selection',
              name:
                selection.attributes['name'] ||
                `transcript selection ${selection.attributes['guid']?.trim() ?? ''}`,
              detail: `a passage of ${tWhat}, ${this.codedWith(childrenNamed(selection, 'Coding'))}`,
            });
          }
          parts.push(
            `a ${transcript.name === 'Transcript' ? 'transcript' : 'text description'}${transcript.attributes['name'] ? ` "${transcript.attributes['name']}"` : ''}`,
          );
        }
        if (childrenNamed(node, 'VariableValue').length)
          parts.push(plural(childrenNamed(node, 'VariableValue').length, 'variable value'));
        this.unsupported.push({
          kind,
          name: name || transcripts[0]?.attributes['name'] || path || node.name,
          detail: `${kind === 'audio' ? 'an' : 'a'} ${noun}${path ? ` (${path})` : ''}${parts.length ? ` with ${parts.join(', ')}` : ''}; Dossier imports text sources`,
        });
        return null;
      }
      default:
        this.unsupported.push({
          kind: 'other',
          name: name || label,
          detail: `a source of a kind Dossier does not know (${label}, line ${node.line})`,
        });
        return null;
    }
  }

  /**
   * A Case. A nameless case with one SourceRef and nothing else but variable values is how MAXQDA and Quirkos
   * give a document its variables: those become the text source's variables. Any other case is reported.
   */
  readCase(node: XNode): void {
    const name = node.attributes['name'];
    const sources = childrenNamed(node, 'SourceRef');
    const values = childrenNamed(node, 'VariableValue');
    const target =
      sources.length === 1
        ? this.textSources.get(this.ref(sources[0]!.attributes['targetGUID']) ?? '')
        : undefined;
    if (
      !nonEmpty(name) &&
      target &&
      childrenNamed(node, 'SelectionRef').length === 0 &&
      childrenNamed(node, 'CodeRef').length === 0
    ) {
      for (const value of values) this.addVariable(target, value, `the source "${target.name}"`);
      return;
    }
    const parts = [
      plural(sources.length, 'source'),
      plural(childrenNamed(node, 'SelectionRef').length, 'selection'),
      plural(childrenNamed(node, 'CodeRef').length, 'code'),
    ];
    const valueText = values.map((v) => {
      const { name: variable, value } = this.variableValue(v);
      return `${variable} = ${value}`;
    });
    this.unsupported.push({
      kind: 'case',
      name: name || `Case ${node.attributes['guid']?.trim() ?? ''}`,
      detail: `a case with ${parts.join(', ')}${valueText.length ? `; ${valueText.join('; ')}` : ''}`,
    });
  }

  /**
   * A Link. NVivo ties a memo to a highlight (an annotation), a source or a code with a Link between the Note
   * and it: the note joins that item's notes. Any other link (ATLAS.ti's relations between codes) is reported.
   */
  readLink(node: XNode): void {
    const origin = this.ref(node.attributes['originGUID']);
    const target = this.ref(node.attributes['targetGUID']);
    const pairs: [string | undefined, string | undefined][] = [
      [origin, target],
      [target, origin],
    ];
    for (const [note, other] of pairs) {
      if (note === undefined || other === undefined || !this.noteGuids.has(note)) continue;
      const holder = this.textSelections.get(other) ?? this.textSources.get(other) ?? this.codes.get(other);
      if (holder) {
        const notes = (holder.noteGuids ??= []);
        if (!notes.includes(note)) notes.push(note);
        return;
      }
    }
    const describe = (guid: string | undefined): string => {
      if (guid === undefined) return 'nothing';
      if (this.codeNames.has(guid)) return `code "${this.codeNames.get(guid)}"`;
      return this.guids.get(guid)?.replace(/ on line \d+$/, '') ?? guid;
    };
    this.unsupported.push({
      kind: 'other',
      name: node.attributes['name'] || 'Link',
      detail: `a link from ${describe(origin)} to ${describe(target)} (line ${node.line})`,
    });
  }

  readSet(node: XNode): void {
    const members = (element: string): number => childrenNamed(node, element).length;
    const parts = [
      members('MemberCode') && plural(members('MemberCode'), 'code'),
      members('MemberSource') && plural(members('MemberSource'), 'source'),
      members('MemberNote') && plural(members('MemberNote'), 'note'),
    ].filter(Boolean);
    const description = textOf(childNamed(node, 'Description'));
    this.unsupported.push({
      kind: 'set',
      name: node.attributes['name'] ?? '',
      detail: `a set of ${parts.length ? parts.join(', ') : 'nothing'}${nonEmpty(description) ? ` ("${description}")` : ''}`,
    });
  }
}

/**
 * The project a project.qde describes. Refuses, with DossierError('import_refused') and a message saying what
 * is wrong: a DOCTYPE (before anything else: no entity is expanded, nothing is fetched), XML that is not
 * well-formed (with its line and column), a root other than <Project> in the REFI-QDA namespace, more than
 * maxNodes elements (2,000,000 by default) or nesting deeper than 200, a selection whose positions are not whole
 * numbers with start <= end, a coding of a code the codebook lacks, a NoteRef to a missing note, a GUID used
 * twice among users, codes, sources, selections and notes, and any path that leads outside the archive
 * (anything but internal://NAME). GUIDs come back in lower case without braces, references to them alike.
 */
export function parseProjectQde(xml: string, options: { maxNodes?: number } = {}): QdaProject {
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  if (!Number.isInteger(maxNodes) || maxNodes < 1)
    throw new RangeError(`maxNodes ${maxNodes} is not a positive integer`);
  return new Reader(parseTree(xml, maxNodes)).read();
}
