// Suggested events on the corpus: every event expected.json dates (the dates the text supports) is among the
// suggestions, with the sentence it comes from; nothing is dated beyond what the text and the publication
// date support, and a weekday is offered as uncertain.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../../electron/services/ingest/index';
import { suggestEvents } from '../../../../electron/services/event-suggestions';
import { importText, makeApp } from '../../helpers/app';

const corpusFolder = new URL('../../../fixtures/corpus/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', corpusFolder), 'utf8')) as {
  documents: {
    file: string;
    metadata: { published: string | null; language: string | null };
    events: { title: string; date: string | null }[];
  }[];
};

async function suggestionsFor(file: string) {
  const doc = await ingestFile(file, readFileSync(new URL(file, corpusFolder)), {
    maxFileBytes: 10 * 1024 * 1024,
  });
  return suggestEvents(doc.text, doc.blocks, {
    published: doc.metadata.published?.value ?? null,
    language: doc.metadata.language?.value ?? null,
    url: doc.metadata.url?.value ?? null,
  });
}

describe('event suggestions on the corpus', () => {
  for (const { file, events } of expected.documents) {
    it(`${file}: every dated event is suggested at the date the text supports`, async () => {
      const suggestions = await suggestionsFor(file);
      for (const event of events.filter((e) => e.date !== null)) {
        const match = suggestions.find((s) => s.date === event.date && s.certain);
        expect(
          match,
          `${event.title} (${event.date}) among ${JSON.stringify(suggestions.map((s) => s.date))}`,
        ).toBeDefined();
        expect(match!.sentence.length).toBeGreaterThan(match!.dateText.length);
      }
    });
  }

  it('resolves "November 7" in an article of 8 November 2024 to 7 November 2024, saying why', async () => {
    const suggestions = await suggestionsFor('thanhnien-agreements.txt');
    const visit = suggestions.find((s) => s.date === '2024-11-07')!;
    expect(visit.sentence).toContain('signed several agreements on November 7');
    expect(visit.reason).toBe('Year from the publication date (8 November 2024)');
  });

  it('keeps a month-day date without a year when the article has none', async () => {
    const suggestions = await suggestionsFor('foxnews-rodriguez-lavrov.txt');
    expect(suggestions.find((s) => s.date === '--02-24')?.sentence).toContain(
      'invasion of Ukraine on February 24',
    );
    // "met on Thursday" with no publication date cannot be placed.
    const thursday = suggestions.find((s) => /Thursday/.test(s.dateText))!;
    expect(thursday).toMatchObject({ date: null, certain: false });
  });

  it('reads a weekday as the one before publication, uncertain', () => {
    const text = 'The ministers met on Thursday in Caracas.';
    const [s] = suggestEvents(text, [{ type: 'paragraph', start: 0, end: text.length }], {
      published: '2024-11-08',
      language: 'en',
    });
    expect(s).toMatchObject({ date: '2024-11-07', certain: false, dateText: 'Thursday' });
  });

  it('leaves the year open when the day comes after publication, and skips boilerplate', () => {
    const text = 'Talks are planned for December 20.\n\nSubscribe on Monday, 5 January 2025!';
    const blocks = [
      { type: 'paragraph' as const, start: 0, end: 34 },
      { type: 'paragraph' as const, start: 36, end: text.length, boilerplate: true },
    ];
    const suggestions = suggestEvents(text, blocks, { published: '2024-11-08', language: 'en' });
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({ date: '--12-20', certain: false });
  });
});

describe('events.suggest', () => {
  it('suggests from a document of the project, or from a passage of it, and creates nothing', async () => {
    const { app, call } = makeApp();
    const doc = await importText(
      call,
      'tass.txt',
      readFileSync(new URL('tass-rogozin-trust.txt', corpusFolder), 'utf8'),
    );
    const all = await call('events.suggest', { documentId: doc.id });
    expect(all.map((s) => s.date)).toEqual(expect.arrayContaining(['--12-16', '2006-07']));
    const detail = await call('documents.get', { id: doc.id });
    const at = detail.text.indexOf('in July 2006');
    const some = await call('events.suggest', { documentId: doc.id, start: at, end: at + 12 });
    expect(some.map((s) => s.date)).toEqual(['2006-07']);
    expect(await call('history.state', {})).toEqual({ undo: null, redo: null });
    app.close();
  });
});
