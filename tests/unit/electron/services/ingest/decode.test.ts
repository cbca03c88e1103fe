// Files reach Dossier in whatever encoding the browser, Word or an old Windows tool saved them in; the
// researcher must see the same words either way, or be told plainly why the file was refused.
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../../../electron/services/ingest/decode';
import { DossierError } from '../../../../../shared/errors';

const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, endian: 'le' | 'be', withBom: boolean): Uint8Array {
  const units = [...(withBom ? [0xfeff] : []), ...Array.from(text, (char) => char.charCodeAt(0))];
  const bytes = new Uint8Array(units.length * 2);
  const view = new DataView(bytes.buffer);
  units.forEach((unit, i) => view.setUint16(i * 2, unit, endian === 'le'));
  return bytes;
}

function refusal(bytes: Uint8Array): DossierError {
  try {
    decodeText(bytes);
  } catch (error) {
    if (error instanceof DossierError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('decodeText', () => {
  it('reads UTF-8', () => {
    expect(decodeText(utf8('Nicolás Maduro — “good friend”'))).toEqual({
      text: 'Nicolás Maduro — “good friend”',
      encoding: 'utf-8',
    });
  });

  it('drops a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Caracas')]);
    expect(decodeText(bytes)).toEqual({ text: 'Caracas', encoding: 'utf-8' });
  });

  it('reads UTF-16 little- and big-endian files by their byte order mark', () => {
    expect(decodeText(utf16('Señor Lavrov', 'le', true))).toEqual({
      text: 'Señor Lavrov',
      encoding: 'utf-16le',
    });
    expect(decodeText(utf16('Señor Lavrov', 'be', true))).toEqual({
      text: 'Señor Lavrov',
      encoding: 'utf-16be',
    });
  });

  it('recognises UTF-16 without a byte order mark', () => {
    expect(decodeText(utf16('Moscow and Caracas', 'le', false)).text).toBe('Moscow and Caracas');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    // "Café said “yes”" as saved by an old Windows editor.
    const bytes = new Uint8Array([...utf8('Caf'), 0xe9, ...utf8(' said '), 0x93, ...utf8('yes'), 0x94]);
    expect(decodeText(bytes)).toEqual({ text: 'Café said “yes”', encoding: 'windows-1252' });
  });

  it('turns Windows and old Mac line endings into newlines', () => {
    expect(decodeText(utf8('one\r\ntwo\rthree\n')).text).toBe('one\ntwo\nthree\n');
  });

  it('composes accents so that the same word is always the same string', () => {
    expect(decodeText(utf8('Cafe\u0301')).text).toBe('Caf\u00e9');
  });

  it('refuses an empty file', () => {
    const error = refusal(new Uint8Array());
    expect(error.code).toBe('import_refused');
    expect(error.message).toBe('The file is empty');
  });

  it('refuses a file with nothing but blank space', () => {
    expect(refusal(utf8(' \r\n\t\n  ')).message).toMatch(/only blank space/);
    expect(refusal(new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x0a])).message).toMatch(/only blank space/);
  });

  it('refuses binary data', () => {
    const withNul = new Uint8Array([...utf8('header'), 0x00, 0x01, 0x02, ...utf8('more')]);
    expect(refusal(withNul).message).toBe('This looks like a binary file, not text');
    const controls = new Uint8Array(
      Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41 + (i % 26))),
    );
    expect(refusal(controls).message).toBe('This looks like a binary file, not text');
  });

  it('tolerates the odd control character in real text', () => {
    const text = 'A long paragraph of ordinary prose with one stray form of junk\u0007 in the middle of it.';
    expect(decodeText(utf8(text)).text).toBe(text);
  });
});
