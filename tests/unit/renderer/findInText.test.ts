// Find in the open document: case- and diacritics-insensitive matches that land on the right characters of the
// canonical text, in the corpus's Vietnamese and Dutch articles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_MATCHES,
  findInText,
  foldQuery,
  foldWithOffsets,
} from '../../../renderer/features/search/findInText';

const corpus = (file: string) =>
  readFileSync(join(process.cwd(), 'tests', 'fixtures', 'corpus', file), 'utf8');
const THANH_NIEN = corpus('thanhnien-agreements.txt');
const DUTCH = corpus('albaciudad-borisov-nl.txt');

function found(text: string, query: string): string[] {
  return findInText(foldWithOffsets(text), query).map((m) => text.slice(m.start, m.end));
}

describe('findInText', () => {
  it('finds Vietnamese words without their diacritics, mapped back to the accented text', () => {
    expect(found(THANH_NIEN, 'thanh nien')).toContain('Thanh niên');
    // The outlet's name twice, and the address that spells it without accents.
    expect(found(THANH_NIEN, 'nien')).toEqual(['niên', 'niên', 'nien']);
    expect(found(THANH_NIEN, 'vu khi tinh vi')).toEqual(['vũ khí tinh vi']);
    // đ folds to d as it does in the index.
    expect(found('Đà Nẵng và đường', 'da nang')).toEqual(['Đà Nẵng']);
    expect(found('Đà Nẵng và đường', 'duong')).toEqual(['đường']);
  });

  it('finds Dutch text case-insensitively, accents folded both ways', () => {
    expect(found(DUTCH, 'nicolas')).toEqual(['Nicolás', 'Nicolás']);
    expect(found(DUTCH, 'NICOLÁS MADURO')).toEqual(['Nicolás Maduro', 'Nicolás Maduro']);
    const borisov = found(DUTCH, 'borisov');
    expect(borisov.length).toBeGreaterThan(1);
    expect(new Set(borisov)).toEqual(new Set(['Borisov']));
  });

  it('gives every match in reading order, without overlaps', () => {
    const text = 'aaaa Aa';
    expect(findInText(foldWithOffsets(text), 'aa')).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
      { start: 5, end: 7 },
    ]);
    const matches = findInText(foldWithOffsets(DUTCH), 'maduro');
    for (let i = 1; i < matches.length; i++)
      expect(matches[i]!.start).toBeGreaterThanOrEqual(matches[i - 1]!.end);
  });

  it('matches a phrase across any whitespace, and keeps offsets right after it', () => {
    const text = 'the  Kalashnikov\n\tfactory is in Maracay';
    expect(found(text, 'kalashnikov factory')).toEqual(['Kalashnikov\n\tfactory']);
    expect(found(text, '  MARACAY ')).toEqual(['Maracay']);
  });

  it('maps decomposed accents, astral characters and ligatures to whole source characters', () => {
    const decomposed = 'Nicola\u0301s and Jose\u0301';
    expect(found(decomposed, 'nicolas')).toEqual(['Nicola\u0301s']);
    expect(found(decomposed, 'jose')).toEqual(['Jose\u0301']);
    expect(found('🇻🇪 Caracas 😀 caracas', 'caracas')).toEqual(['Caracas', 'caracas']);
    expect(found('the ﬁnal word', 'final')).toEqual(['ﬁnal']);
  });

  it('finds nothing for an empty query, and stops counting at the limit', () => {
    expect(found(DUTCH, '   ')).toEqual([]);
    expect(found(DUTCH, 'zzzqqq')).toEqual([]);
    expect(findInText(foldWithOffsets('a'.repeat(MAX_MATCHES + 50)), 'a')).toHaveLength(MAX_MATCHES);
  });

  it('folds a query as the text is folded', () => {
    expect(foldQuery('  Báo   Thanh\nNiên ')).toBe('bao thanh nien');
  });
});
