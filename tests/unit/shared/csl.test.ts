// Documents as references (shared/csl.ts): the five corpus articles become CSL-JSON items that are valid
// against the official schema, with the type, outlet, partial date, language and names a careful reader
// would give them, and nothing the text does not say.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  documentToCsl,
  inferReferenceType,
  parseAuthorName,
  partialDateToCsl,
  type ReferenceSource,
} from '../../../shared/csl';

const FIXTURES = join(process.cwd(), 'tests', 'fixtures');

interface Expected {
  documents: {
    file: string;
    metadata: Omit<ReferenceSource, 'id' | 'authors' | 'importedAt' | 'mediaType'>;
  }[];
}
const expected = JSON.parse(readFileSync(join(FIXTURES, 'corpus', 'expected.json'), 'utf8')) as Expected;
const corpus = expected.documents.map((d) => ({
  file: d.file,
  item: documentToCsl({
    ...d.metadata,
    id: d.file,
    authors: [],
    importedAt: '2026-11-27T10:00:00.000Z',
    mediaType: 'text/plain',
  }),
}));
const item = (file: string) => corpus.find((c) => c.file === file)!.item;

describe('documents as CSL-JSON items', () => {
  it('are valid against the official CSL-JSON schema', () => {
    const schema = JSON.parse(readFileSync(join(FIXTURES, 'schemas', 'csl-data.json'), 'utf8')) as object;
    const validate = new Ajv({ allowUnionTypes: true }).compile(schema);
    const items = corpus.map((c) => c.item);
    expect(validate(items), JSON.stringify(validate.errors)).toBe(true);
    // The validator does refuse what is not CSL.
    expect(validate([{ id: 'x', type: 'newspaper' }])).toBe(false);
  });

  it('keep the outlet, the date at its precision, the language and the access date', () => {
    expect(item('thanhnien-agreements.txt')).toMatchObject({
      type: 'article-newspaper',
      'container-title': 'Báo Thanh niên',
      issued: { 'date-parts': [[2024, 11, 8]] },
      accessed: { 'date-parts': [[2026, 11, 27]] },
      language: 'en',
    });
    expect(item('thanhnien-agreements.txt').URL).toMatch(/^https:\/\/thanhnien\.vn\//);
    // The Dutch article names no title: none is made up.
    const dutch = item('albaciudad-borisov-nl.txt');
    expect(dutch.title).toBeUndefined();
    expect(dutch).toMatchObject({ language: 'nl', issued: { 'date-parts': [[2022, 2, 16]] } });
    // TASS gives "December 16" without a year: the reference has no date rather than a guessed one.
    expect(item('tass-rogozin-trust.txt').issued).toBeUndefined();
    // No outlet and no address: a plain document.
    expect(item('maduro-russian-military-experts.txt').type).toBe('document');
  });

  it('date parts follow the precision known, circa kept', () => {
    expect(partialDateToCsl('2022-02')).toEqual({ 'date-parts': [[2022, 2]] });
    expect(partialDateToCsl('~1996')).toEqual({ 'date-parts': [[1996]], circa: true });
    expect(partialDateToCsl('--12-16')).toBeUndefined();
    expect(partialDateToCsl(null)).toBeUndefined();
  });

  it('infers the type from what is known, and a chosen type wins', () => {
    expect(inferReferenceType({ outlet: null, url: 'https://example.org', mediaType: 'text/html' })).toBe(
      'webpage',
    );
    expect(inferReferenceType({ outlet: null, url: null, mediaType: 'application/pdf' })).toBe('report');
    const source = {
      id: 'd',
      title: 'T',
      outlet: 'Nature',
      url: null,
      authors: [],
      published: null,
      language: null,
      importedAt: '2026-01-01T00:00:00Z',
      mediaType: 'application/pdf',
    };
    expect(documentToCsl({ ...source, referenceType: 'article-journal' }).type).toBe('article-journal');
  });
});

describe('author names', () => {
  it('splits people and keeps organisations whole', () => {
    expect(parseAuthorName('Nicolás Maduro')).toEqual({ family: 'Maduro', given: 'Nicolás' });
    expect(parseAuthorName('By Ursula von der Leyen')).toEqual({
      family: 'Leyen',
      given: 'Ursula',
      'non-dropping-particle': 'von der',
    });
    expect(parseAuthorName('Martin Luther King Jr.')).toEqual({
      family: 'King',
      given: 'Martin Luther',
      suffix: 'Jr.',
    });
    expect(parseAuthorName('Lavrov, Sergey')).toEqual({ family: 'Lavrov', given: 'Sergey' });
    expect(parseAuthorName('Martin Luther King, Jr.')).toEqual({
      family: 'King',
      given: 'Martin Luther',
      suffix: 'Jr.',
    });
    expect(parseAuthorName('Reuters')).toEqual({ literal: 'Reuters' });
    expect(parseAuthorName('Reuters Staff')).toEqual({ literal: 'Reuters Staff' });
    expect(parseAuthorName('Associated Press')).toEqual({ literal: 'Associated Press' });
    expect(parseAuthorName('TASS')).toEqual({ literal: 'TASS' });
  });

  it('reads names family first in the languages that write them so', () => {
    expect(parseAuthorName('Nguyễn Văn An', 'vi')).toEqual({ family: 'Nguyễn', given: 'Văn An' });
    expect(parseAuthorName('Nguyễn Văn An', 'en')).toEqual({ family: 'An', given: 'Nguyễn Văn' });
  });
});
