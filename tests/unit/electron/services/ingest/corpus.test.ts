// Real articles saved from the web: every quote a researcher would highlight must be found verbatim in the
// canonical text and sit inside one block, or highlights and claims cannot anchor to it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../../../electron/services/ingest/index';

const corpusFolder = new URL('../../../../fixtures/corpus/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', corpusFolder), 'utf8')) as {
  documents: { file: string; quotes: string[]; metadata: { title: string | null } }[];
};

function ingestCorpusFile(file: string) {
  return ingestFile(file, readFileSync(new URL(file, corpusFolder)), { maxFileBytes: 10 * 1024 * 1024 });
}

describe('the news corpus', () => {
  it('has five articles to check', () => {
    expect(expected.documents).toHaveLength(5);
  });

  for (const { file, quotes } of expected.documents) {
    describe(file, () => {
      const doc = ingestCorpusFile(file);

      it('finds every quote verbatim inside a single block', () => {
        for (const quote of quotes) {
          const start = doc.text.indexOf(quote);
          expect(start, quote).toBeGreaterThanOrEqual(0);
          const end = start + quote.length;
          const holder = doc.blocks.find((block) => block.start <= start && end <= block.end);
          expect(holder, quote).toBeDefined();
        }
      });

      it('has increasing, non-overlapping blocks, one per non-empty line', () => {
        const lines = doc.text
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '');
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
    const doc = ingestCorpusFile('thanhnien-agreements.txt');
    const quote = 'the most sophisticated weapons and military equipment';
    const start = doc.text.indexOf(quote);
    expect(start).toBeGreaterThanOrEqual(0);
    const holders = doc.blocks.filter((block) => block.start <= start && start + quote.length <= block.end);
    expect(holders).toHaveLength(1);
  });

  it('titles each article by its headline, and a headline-less one by its file name (never invented)', () => {
    for (const { file, metadata } of expected.documents) {
      const title = ingestCorpusFile(file).title;
      expect(title, file).toBe(metadata.title ?? file.replace(/\.txt$/, ''));
    }
  });
});
