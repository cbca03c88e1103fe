// Real articles saved from the web, through the whole import pipeline. Every quote a researcher would
// highlight must be found verbatim and sit inside one block that is not hidden as boilerplate; the page
// furniture the corpus names must be hidden; and the facts a careful reader establishes from the text alone
// (expected.json) must come out exactly, with nothing invented where the text is silent.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFile, type IngestedDocument } from '../../../../../electron/services/ingest/index';
import type { Block } from '../../../../../shared/domain';

interface ExpectedDocument {
  file: string;
  metadata: Record<'title' | 'outlet' | 'url' | 'published' | 'language', string | null>;
  boilerplate_examples: string[];
  quotes: string[];
}

const corpusFolder = new URL('../../../../fixtures/corpus/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', corpusFolder), 'utf8')) as {
  documents: ExpectedDocument[];
};

const ingested = new Map<string, IngestedDocument>(
  await Promise.all(
    expected.documents.map(
      async ({ file }) =>
        [
          file,
          await ingestFile(file, readFileSync(new URL(file, corpusFolder)), {
            maxFileBytes: 10 * 1024 * 1024,
          }),
        ] as const,
    ),
  ),
);

function ingestedFile(file: string): IngestedDocument {
  const doc = ingested.get(file);
  if (!doc) throw new Error(`${file} was not ingested`);
  return doc;
}

/** The blocks that wholly contain the passage's first occurrence. */
function holders(doc: IngestedDocument, passage: string): Block[] {
  const start = doc.text.indexOf(passage);
  expect(start, passage).toBeGreaterThanOrEqual(0);
  return doc.blocks.filter((block) => block.start <= start && start + passage.length <= block.end);
}

describe('the news corpus', () => {
  it('has five articles to check', () => {
    expect(expected.documents).toHaveLength(5);
  });

  for (const { file, quotes, metadata, boilerplate_examples: furniture } of expected.documents) {
    describe(file, () => {
      const doc = ingestedFile(file);

      it('finds every quote verbatim inside a single block that is not boilerplate', () => {
        for (const quote of quotes) {
          const [holder, ...others] = holders(doc, quote);
          expect(holder, quote).toBeDefined();
          expect(others, quote).toEqual([]);
          expect(holder?.boilerplate, quote).toBeUndefined();
        }
      });

      it('marks the page furniture as boilerplate, but never the title', () => {
        for (const example of furniture) {
          expect(holders(doc, example)[0]?.boilerplate, example).toBe(true);
        }
        if (metadata.title) expect(holders(doc, metadata.title)[0]?.boilerplate).toBeUndefined();
      });

      it('establishes title, outlet, URL, date and language exactly as a careful reader does', () => {
        const found = Object.fromEntries(
          (['title', 'outlet', 'url', 'published', 'language'] as const).map((field) => [
            field,
            doc.metadata[field]?.value ?? null,
          ]),
        );
        expect(found).toEqual(metadata);
        expect(doc.metadata.authors).toBeUndefined();
      });

      it('says where each value came from, quoting what was read', () => {
        for (const value of Object.values(doc.metadata)) {
          expect(value.evidence.detail.length).toBeGreaterThan(0);
          expect(value.evidence.detail.length).toBeLessThanOrEqual(500);
          if (value.evidence.source !== 'detected') {
            expect(doc.text.replace(/\s+/g, ' ')).toContain(value.evidence.detail);
          }
        }
      });

      it('has increasing, non-overlapping blocks: one per non-empty line, a trailing rule apart', () => {
        const lines = doc.text
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '')
          .flatMap((line) => {
            const rule = /^(.*\S)\s+([~*=_#•·–—-]{3,})$/u.exec(line);
            return rule?.[1] && rule[2] ? [rule[1], rule[2]] : [line];
          });
        expect(doc.blocks.map((block) => doc.text.slice(block.start, block.end))).toEqual(lines);
        doc.blocks.forEach((block, i) => {
          expect(block.end).toBeGreaterThan(block.start);
          const previous = doc.blocks[i - 1];
          if (previous) expect(block.start).toBeGreaterThan(previous.end);
        });
      });

      it('has no block that begins or ends with whitespace', () => {
        for (const block of doc.blocks) {
          const blockText = doc.text.slice(block.start, block.end);
          expect(blockText).toBe(blockText.trim());
        }
      });
    });
  }

  it('keeps the thanhnien weapons pledge inside one block', () => {
    const doc = ingestedFile('thanhnien-agreements.txt');
    expect(holders(doc, 'the most sophisticated weapons and military equipment')).toHaveLength(1);
  });

  it('reads the evidence the way a researcher would check it', () => {
    const thanhnien = ingestedFile('thanhnien-agreements.txt').metadata;
    expect(thanhnien.published?.evidence).toEqual({
      source: 'outlet-line',
      detail: 'Báo Thanh niênBáo Thanh niên08/11/2024',
    });
    expect(thanhnien.url?.evidence.source).toBe('source-line');
    const tass = ingestedFile('tass-rogozin-trust.txt').metadata;
    expect(tass.published?.evidence).toEqual({ source: 'dateline', detail: 'CARACAS, December 16. /TASS/.' });
    expect(ingestedFile('foxnews-rodriguez-lavrov.txt').metadata.outlet?.evidence.source).toBe('text');
    expect(ingestedFile('albaciudad-borisov-nl.txt').metadata.language?.evidence).toMatchObject({
      source: 'detected',
      detail: expect.stringMatching(/^franc: nld/) as unknown,
    });
  });

  it('takes no date from the body: "signed several agreements on November 7" is an event', () => {
    const doc = ingestedFile('thanhnien-agreements.txt');
    expect(doc.text).toContain('on November 7');
    expect(doc.metadata.published?.value).not.toMatch(/-11-07$/);
  });
});
