// Turns a text file's bytes into one normalised string. Files saved from browsers, Word and old Windows tools
// arrive in several encodings and line-ending styles; every later step (blocks, offsets, hashes, highlights)
// needs the same string for the same words, so the differences are settled here, once.
import { DossierError } from '../../../shared/errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** Above this share of control characters the "text" is really binary data (or a badly broken file). */
const MAX_CONTROL_CHARACTER_SHARE = 0.05;
/** BOM-less UTF-16 is recognised from the zero high bytes of ASCII characters in the first few KB. */
const UTF16_SNIFF_BYTES = 4096;

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw refused('The file is empty');
  const decoded = decodeBytes(bytes);
  const text = normaliseLineEndings(decoded.text).normalize('NFC');
  if (controlCharacterShare(text) > MAX_CONTROL_CHARACTER_SHARE) {
    throw refused('This looks like a binary file, not text');
  }
  if (text.trim() === '') throw refused('The file contains only blank space, no text');
  return { text, encoding: decoded.encoding };
}

/** A web page's decoded text; `encoding` is the WHATWG name of whatever decoded it (`shift_jis`, `iso-8859-2`...). */
export interface DecodedHtml {
  text: string;
  encoding: string;
}

/** HTML lets a page name its encoding, but only within the first 1024 bytes (the HTML standard's pre-scan). */
const HTML_PRESCAN_BYTES = 1024;

/**
 * Decodes a web page the way a browser would: a BOM first, then the page's own `<meta charset>` or
 * `http-equiv="Content-Type"` declaration, then UTF-8 when the bytes are valid UTF-8, else Windows-1252.
 */
export function decodeHtml(bytes: Uint8Array): DecodedHtml {
  if (bytes.length === 0) throw refused('The file is empty');
  const declared = decodeByBom(bytes) ?? decodeByDeclaredCharset(bytes);
  const decoded = declared ?? decodeBytes(bytes);
  return { text: normaliseLineEndings(decoded.text).normalize('NFC'), encoding: decoded.encoding };
}

/**
 * Decodes with an encoding named by a label (a `charset=` from a page or a MIME header); null when no
 * decoder knows the label, so the caller falls back to sniffing.
 */
export function decodeWithLabel(label: string, bytes: Uint8Array): DecodedHtml | null {
  try {
    const decoder = new TextDecoder(label.trim(), { fatal: false, ignoreBOM: false });
    return { text: decoder.decode(bytes), encoding: decoder.encoding };
  } catch {
    return null;
  }
}

function decodeByDeclaredCharset(bytes: Uint8Array): DecodedHtml | null {
  const head = decodeWith('windows-1252', bytes.subarray(0, HTML_PRESCAN_BYTES));
  // Both `<meta charset="x">` and `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
  const match = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head.replace(/<!--[\s\S]*?-->/g, ''));
  if (!match?.[1]) return null;
  let encoding: string;
  try {
    encoding = new TextDecoder(match[1]).encoding;
  } catch {
    return null; // a label no decoder knows: sniff instead
  }
  // A page whose ASCII declaration could be read is not UTF-16; browsers take it as UTF-8 (HTML standard).
  return decodeWithLabel(encoding.startsWith('utf-16') ? 'utf-8' : encoding, bytes);
}

function decodeBytes(bytes: Uint8Array): DecodedText {
  const byBom = decodeByBom(bytes);
  if (byBom) return byBom;

  const utf16 = sniffUtf16WithoutBom(bytes);
  if (utf16) return { text: decodeWith(utf16, bytes), encoding: utf16 };

  // Text never contains NUL; binary formats almost always do (git uses the same test).
  if (bytes.includes(0)) throw refused('This looks like a binary file, not text');

  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
      encoding: 'utf-8',
    };
  } catch {
    // Not UTF-8, so a single-byte legacy file; Windows-1252 is what such files from the West almost always
    // are, and as a superset of Latin-1 it is the safest guess for the rest.
    return { text: decodeWith('windows-1252', bytes), encoding: 'windows-1252' };
  }
}

/** The BOM says what the file is; after it, damaged bytes become U+FFFD rather than a guess at another encoding. */
function decodeByBom(bytes: Uint8Array): DecodedText | null {
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw refused(
      'This file is saved as UTF-32, which Dossier cannot read; save it as UTF-8 and import it again',
    );
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf]))
    return { text: decodeWith('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  if (startsWith(bytes, [0xff, 0xfe]))
    return { text: decodeWith('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff]))
    return { text: decodeWith('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  return null;
}

function decodeWith(encoding: TextEncodingName, bytes: Uint8Array): string {
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(bytes);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((byte, i) => bytes[i] === byte);
}

/** Mostly-ASCII UTF-16 shows a zero in every other byte, on the same side; binary data shows no such rhythm. */
function sniffUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairCount = Math.floor(Math.min(bytes.length, UTF16_SNIFF_BYTES) / 2);
  if (pairCount < 2 || bytes.length % 2 !== 0) return null;
  let zeroHighByteLE = 0;
  let zeroHighByteBE = 0;
  for (let i = 0; i < pairCount; i++) {
    const first = bytes[2 * i] ?? 0;
    const second = bytes[2 * i + 1] ?? 0;
    if (first !== 0 && second === 0) zeroHighByteLE++;
    if (first === 0 && second !== 0) zeroHighByteBE++;
  }
  if (zeroHighByteLE / pairCount >= 0.4 && zeroHighByteBE / pairCount <= 0.02) return 'utf-16le';
  if (zeroHighByteBE / pairCount >= 0.4 && zeroHighByteLE / pairCount <= 0.02) return 'utf-16be';
  return null;
}

export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** C0/C1 controls other than tab, newline, vertical tab and form feed, DEL, and U+FFFD from undecodable bytes. */
function controlCharacterShare(text: string): number {
  if (text.length === 0) return 0;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isControl =
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c) ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0xfffd;
    if (isControl) controls++;
  }
  return controls / text.length;
}

function refused(message: string): DossierError {
  return new DossierError('import_refused', message);
}
