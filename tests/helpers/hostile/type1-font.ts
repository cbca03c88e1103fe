// A minimal Type 1 font program written from scratch (Adobe Type 1 Font Format, chapters 6 and 7): a
// cleartext font dictionary, then the private dictionary and one box-shaped glyph per capital letter, eexec-
// and charstring-encrypted. It exists so the CVE-2024-4367 document embeds a real font program, as the
// original exploit did: pdf.js compiled its glyph outlines into functions, and the PDF font dictionary's
// /FontMatrix went into them unchecked. The program declares no FontMatrix of its own, since pdf.js prefers
// the program's to the dictionary's.

const EEXEC_KEY = 55665;
const CHARSTRING_KEY = 4330;

/** Type 1 encryption (section 7.1); the first `lenIV` plaintext bytes are padding. */
function encrypt(plain: Uint8Array, key: number): Uint8Array {
  const out = new Uint8Array(plain.length);
  let r = key;
  for (let i = 0; i < plain.length; i++) {
    const c = plain[i]! ^ (r >> 8);
    out[i] = c;
    r = ((c + r) * 52845 + 22719) & 0xffff;
  }
  return out;
}

/** Charstring number encoding (section 6.2). */
function number(value: number): number[] {
  if (value >= -107 && value <= 107) return [value + 139];
  if (value >= 108 && value <= 1131) return [247 + ((value - 108) >> 8), (value - 108) & 0xff];
  if (value >= -1131 && value <= -108) return [251 + ((-value - 108) >> 8), (-value - 108) & 0xff];
  return [255, (value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

const HSBW = 13;
const RMOVETO = 21;
const RLINETO = 5;
const CLOSEPATH = 9;
const ENDCHAR = 14;

function charstring(...program: (number | { op: number })[]): Uint8Array {
  const bytes: number[] = [0, 0, 0, 0]; // lenIV padding
  for (const item of program) {
    if (typeof item === 'number') bytes.push(...number(item));
    else bytes.push(item.op);
  }
  return encrypt(Uint8Array.from(bytes), CHARSTRING_KEY);
}

const op = (code: number) => ({ op: code });
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The font as PDF embeds it in /FontFile: cleartext (Length1) then binary eexec section (Length2); the
 * trailing zeros and cleartomark (Length3) are left out, as PDF allows. `notice` is written into the font's
 * Notice string: pdf.js never evaluates it.
 */
export function type1FontProgram(notice: string): { bytes: Uint8Array; length1: number; length2: number } {
  const escaped = notice.replace(/[\\()]/g, (c) => `\\${c}`);
  const cleartext = Buffer.from(
    [
      '%!PS-AdobeFont-1.0: HostileType1 001.000',
      '10 dict begin',
      `/FontInfo 2 dict dup begin /Notice (${escaped}) readonly def /FullName (Hostile Type 1) readonly def end readonly def`,
      '/FontName /HostileType1 def',
      '/Encoding StandardEncoding def',
      '/PaintType 0 def',
      '/FontType 1 def',
      '/FontBBox {0 0 600 700} readonly def',
      'currentdict end',
      'currentfile eexec',
      '',
    ].join('\n'),
    'latin1',
  );

  const boxEnd = charstring(
    0,
    600,
    op(HSBW),
    50,
    0,
    op(RMOVETO),
    500,
    0,
    op(RLINETO),
    0,
    700,
    op(RLINETO),
    -500,
    0,
    op(RLINETO),
    op(CLOSEPATH),
    op(ENDCHAR),
  );
  const notdef = charstring(0, 600, op(HSBW), op(ENDCHAR));
  const glyphs: [string, Uint8Array][] = [
    ['.notdef', notdef],
    ...[...LETTERS].map((l): [string, Uint8Array] => [l, boxEnd]),
  ];

  const parts: Buffer[] = [
    Buffer.from(
      [
        'dup /Private 8 dict dup begin',
        '/RD {string currentfile exch readstring pop} executeonly def',
        '/ND {noaccess def} executeonly def',
        '/NP {noaccess put} executeonly def',
        '/MinFeature {16 16} def',
        '/password 5839 def',
        '/BlueValues [] def',
        '/Subrs 0 array',
        'ND',
        `2 index /CharStrings ${glyphs.length} dict dup begin`,
        '',
      ].join('\n'),
      'latin1',
    ),
  ];
  for (const [name, data] of glyphs) {
    parts.push(
      Buffer.from(`/${name} ${data.length} RD `, 'latin1'),
      Buffer.from(data),
      Buffer.from(' ND\n', 'latin1'),
    );
  }
  parts.push(
    Buffer.from(
      [
        'end',
        'end',
        'readonly put',
        'noaccess put',
        'dup /FontName get exch definefont pop',
        'mark currentfile closefile',
        '',
      ].join('\n'),
      'latin1',
    ),
  );
  // eexec also starts with four padding bytes.
  const encrypted = encrypt(Buffer.concat([Buffer.from([0, 0, 0, 0]), ...parts]), EEXEC_KEY);
  return {
    bytes: new Uint8Array(Buffer.concat([cleartext, encrypted])),
    length1: cleartext.length,
    length2: encrypted.length,
  };
}
