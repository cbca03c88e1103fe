// Single-file web captures (.mhtml, .mht): a MIME multipart/related message whose root part is the page's
// HTML and whose other parts are its images, styles and frames. Only the HTML matters here, so this is a small
// MIME reader (headers, boundaries, transfer encodings, charsets) that finds that part and hands it to the
// HTML reader; the rest of the message is never decoded.
import { Buffer } from 'node:buffer';
import type { FieldEvidence } from '../../../shared/domain';
import { DossierError } from '../../../shared/errors';
import { decodeHtml, decodeWithLabel, normaliseLineEndings } from './decode';
import { readHtmlText } from './html';
import { webUrl } from './html-metadata';
import type { ReadDocument } from './types';

/** Real captures nest two or three levels (related > alternative > html); a limit keeps hostile files cheap. */
const MAX_DEPTH = 8;
const MAX_PARTS = 10_000;
const MAX_HEADER_CHARS = 64 * 1024;

interface MimePart {
  headers: Map<string, string>;
  /** The raw body, one character per byte (latin1), so binary parts survive splitting untouched. */
  body: string;
}

interface ContentType {
  type: string;
  params: Map<string, string>;
}

export function readMhtml(bytes: Uint8Array): ReadDocument {
  if (bytes.length === 0) throw refused('The file is empty');
  const message = parsePart(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'));
  const html = findHtmlPart(message);
  if (!html) {
    throw refused(
      'This .mhtml file holds no web page (no HTML part was found); save the page again from the browser',
    );
  }
  const partBytes = decodeTransfer(html);
  const charset = contentType(html).params.get('charset');
  const declared = charset ? decodeWithLabel(charset, partBytes) : null;
  const text = declared ? normaliseLineEndings(declared.text).normalize('NFC') : decodeHtml(partBytes).text;

  const location = pageLocation(message, html);
  const read = readHtmlText(text, location ? { documentUrl: location.value } : {});
  // The capture's address is what the browser had loaded: second to anything the page says of itself.
  if (!read.metadata.url && location) {
    read.metadata.url = { value: location.value, evidence: location.evidence };
  }
  return read;
}

function pageLocation(
  message: MimePart,
  html: MimePart,
): { value: string; evidence: FieldEvidence } | undefined {
  const snapshot = webUrl(message.headers.get('snapshot-content-location'));
  if (snapshot) {
    return { value: snapshot, evidence: { source: 'html', detail: 'MHTML Snapshot-Content-Location' } };
  }
  const location = webUrl(html.headers.get('content-location'));
  if (location) return { value: location, evidence: { source: 'html', detail: 'MHTML Content-Location' } };
  return undefined;
}

/**
 * The page is the root part: the one named by the `start` parameter (its Content-ID), else the first part
 * of the type the `type` parameter names, else the first text/html part anywhere, in document order.
 */
function findHtmlPart(message: MimePart): MimePart | undefined {
  let budget = MAX_PARTS;
  const search = (part: MimePart, depth: number): MimePart | undefined => {
    const type = contentType(part);
    if (type.type === 'text/html') return part;
    if (!type.type.startsWith('multipart/') || depth >= MAX_DEPTH) return undefined;
    const boundary = type.params.get('boundary');
    if (!boundary) return undefined;
    const children = splitMultipart(part.body, boundary).slice(0, Math.max(0, budget));
    budget -= children.length;
    const parts = children.map(parsePart);
    const start = type.params.get('start')?.trim();
    const root = type.params.get('type')?.trim().toLowerCase();
    const preferred =
      (start && parts.find((p) => p.headers.get('content-id')?.trim() === start)) ||
      (root && parts.find((p) => contentType(p).type === root)) ||
      undefined;
    for (const child of preferred ? [preferred, ...parts] : parts) {
      const found = search(child, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return search(message, 0);
}

/** Headers end at the first blank line; a line starting with white space continues the one before. */
function parsePart(raw: string): MimePart {
  // A part that opens with a blank line has no headers at all.
  const blank = /^\r?\n|\r?\n\r?\n/.exec(raw.slice(0, MAX_HEADER_CHARS));
  const headerText = blank ? raw.slice(0, blank.index) : '';
  const body = blank ? raw.slice(blank.index + blank[0].length) : raw;
  const headers = new Map<string, string>();
  for (const line of headerText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // The first occurrence wins, as for Content-Type in mail readers.
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function contentType(part: MimePart): ContentType {
  // RFC 2045: a part without Content-Type is plain text.
  const header = part.headers.get('content-type') ?? 'text/plain';
  const [type = '', ...rest] = splitParams(header);
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq <= 0) continue;
    const value = param.slice(eq + 1).trim();
    const unquoted = /^"(.*)"$/s.exec(value)?.[1]?.replace(/\\(.)/g, '$1') ?? value;
    params.set(param.slice(0, eq).trim().toLowerCase(), unquoted);
  }
  return { type: type.trim().toLowerCase(), params };
}

/** Splits `a; b="x;y"; c` at semicolons outside quotes. */
function splitParams(header: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const char = header[i];
    if (char === '"' && header[i - 1] !== '\\') quoted = !quoted;
    if (char === ';' && !quoted) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  pieces.push(current);
  return pieces;
}

/** The parts between `--boundary` lines; the preamble before the first and the epilogue after `--boundary--` go. */
function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  const delimiter = `--${boundary}`;
  let position = findDelimiter(body, delimiter, 0);
  while (position !== -1 && parts.length < MAX_PARTS) {
    const lineEnd = body.indexOf('\n', position);
    if (body.startsWith('--', position + delimiter.length) || lineEnd === -1) break;
    const next = findDelimiter(body, delimiter, lineEnd + 1);
    // The CRLF before a delimiter belongs to the delimiter, not to the part.
    const end = next === -1 ? body.length : next - (body[next - 2] === '\r' ? 2 : 1);
    parts.push(body.slice(lineEnd + 1, Math.max(lineEnd + 1, end)));
    position = next;
  }
  return parts;
}

/** A delimiter counts only at the start of a line. */
function findDelimiter(body: string, delimiter: string, from: number): number {
  for (let at = body.indexOf(delimiter, from); at !== -1; at = body.indexOf(delimiter, at + 1)) {
    if (at === 0 || body[at - 1] === '\n') return at;
  }
  return -1;
}

function decodeTransfer(part: MimePart): Uint8Array {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return Buffer.from(part.body, 'latin1'); // 7bit, 8bit, binary: the bytes as they are
}

/** `=` at a line's end joins it to the next (a soft break); `=XX` is a byte in hex. */
function decodeQuotedPrintable(body: string): Uint8Array {
  const joined = body.replace(/=[ \t]*\r?\n/g, '');
  const bytes = new Uint8Array(joined.length);
  let length = 0;
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === '=' ? joined.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes[length++] = parseInt(hex, 16);
      i += 2;
    } else {
      bytes[length++] = joined.charCodeAt(i) & 0xff;
    }
  }
  return bytes.subarray(0, length);
}

function refused(message: string): DossierError {
  return new DossierError('import_refused', message);
}
