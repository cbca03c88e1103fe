import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anchorAll, anchorSelectors, describeRange, QUOTE_CONTEXT_CHARS } from '../../../shared/anchoring';
import type { TextRange } from '../../../shared/anchoring';

const corpusDir = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
const readCorpus = (name: string) => readFileSync(`${corpusDir}${name}.txt`, 'utf8');

const article = readCorpus('thanhnien-agreements');
const PASSAGE = 'the most sophisticated weapons and military equipment';

function rangeOf(text: string, passage: string, fromIndex = 0): TextRange {
  const start = text.indexOf(passage, fromIndex);
  if (start === -1) throw new Error(`fixture does not contain "${passage}"`);
  return { start, end: start + passage.length };
}

describe('describeRange', () => {
  it('records the passage with 32 characters of context from the real article', () => {
    const range = rangeOf(article, PASSAGE);
    const { position, quote } = describeRange(article, range);

    expect(position).toEqual({ type: 'TextPositionSelector', start: range.start, end: range.end });
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: PASSAGE,
      prefix: 'e Venezuelan armed forces with "',
      suffix: '," AFP reported, citing informat',
    });
    expect(quote.prefix).toHaveLength(QUOTE_CONTEXT_CHARS);
    expect(quote.suffix).toHaveLength(QUOTE_CONTEXT_CHARS);
  });

  it('truncates the context at the edges of the text', () => {
    const atStart = describeRange(article, { start: 0, end: 10 }).quote;
    expect(atStart.prefix).toBe('');
    expect(atStart.exact).toBe('Vietnam.vn');

    const nearStart = describeRange(article, { start: 5, end: 10 }).quote;
    expect(nearStart.prefix).toBe('Vietn');

    const end = article.length;
    const atEnd = describeRange(article, { start: end - 7, end }).quote;
    expect(atEnd.exact).toBe('Product');
    expect(atEnd.suffix).toBe('');
    expect(atEnd.prefix).toHaveLength(QUOTE_CONTEXT_CHARS);

    const nearEnd = describeRange(article, { start: end - 10, end: end - 3 }).quote;
    expect(nearEnd.suffix).toBe('uct');
  });

  it('refuses ranges that are out of bounds, empty or not whole characters', () => {
    expect(() => describeRange(article, { start: -1, end: 5 })).toThrow(RangeError);
    expect(() => describeRange(article, { start: 0, end: article.length + 1 })).toThrow(RangeError);
    expect(() => describeRange(article, { start: 10, end: 10 })).toThrow(RangeError);
    expect(() => describeRange(article, { start: 10, end: 5 })).toThrow(RangeError);
    expect(() => describeRange(article, { start: 1.5, end: 5 })).toThrow(RangeError);
    expect(() => describeRange('a😊b', { start: 0, end: 2 })).toThrow(RangeError);
  });
});

describe('anchorSelectors', () => {
  const range = rangeOf(article, PASSAGE);
  const selectors = describeRange(article, range);

  it('trusts the position while the text is unchanged', () => {
    expect(anchorSelectors(article, selectors)).toEqual({ ...range, method: 'position', score: 1 });
  });

  it('finds the quote again after a paragraph is inserted before it', () => {
    const inserted = 'Editor’s note: this article was updated with comment from the Kremlin.\n\n';
    const at = article.indexOf('Russia and Venezuela signed');
    const updated = article.slice(0, at) + inserted + article.slice(at);

    const anchor = anchorSelectors(updated, selectors);
    expect(anchor).toEqual({
      start: range.start + inserted.length,
      end: range.end + inserted.length,
      method: 'quote',
      score: 1,
    });
    expect(updated.slice(anchor!.start, anchor!.end)).toBe(PASSAGE);
  });

  it('anchors by quote when there is no stored position', () => {
    expect(anchorSelectors(article, { quote: selectors.quote })).toMatchObject({ ...range, method: 'quote' });
  });

  it('tells repeated quotes apart by their context rather than by the old position', () => {
    const first = 'Officials in Caracas said the deal was signed. ';
    const second = 'Analysts in Moscow doubted the deal was signed. ';
    const original = first + second;
    const target = rangeOf(original, 'the deal was signed', first.length);
    const stored = describeRange(original, target);

    // The insertion moves the first occurrence onto the old offset of the second one, so a nearest-position
    // rule alone would pick the wrong sentence.
    const shift = target.start - original.indexOf('the deal was signed');
    const updated = 'x'.repeat(shift) + original;
    const anchor = anchorSelectors(updated, stored);

    expect(anchor).toMatchObject({ start: target.start + shift, end: target.end + shift, method: 'quote' });

    // With the context edited too, no occurrence matches it exactly; the closer one must still win.
    const reworded = updated.replace('Moscow doubted', 'Moscow disputed');
    expect(anchorSelectors(reworded, stored)).toMatchObject({
      start: target.start + shift + 1,
      method: 'quote',
    });
  });

  it('prefers the repeat nearest the old position when the context cannot decide', () => {
    const text = 'yes. '.repeat(40);
    const stored = describeRange(text, { start: 100, end: 103 });
    // Occurrences now sit at 4, 9, …, 99, 104, …; every one has the same context.
    const updated = 'no. ' + text;
    expect(anchorSelectors(updated, stored)).toMatchObject({ start: 99, end: 102, method: 'quote' });
  });

  it('keeps the old position when only the context around an unmoved quote was edited', () => {
    const edited = article.replace('AFP reported', 'AFP said');
    expect(anchorSelectors(edited, selectors)).toEqual({ ...range, method: 'position', score: 1 });
  });

  it('follows a quote whose typo was corrected, with a score below 1', () => {
    const typo = article.replace(PASSAGE, 'the most sophisticated weapons and militray equipment');
    const stored = describeRange(
      typo,
      rangeOf(typo, 'the most sophisticated weapons and militray equipment'),
    );

    const anchor = anchorSelectors(article, stored);
    expect(anchor).not.toBeNull();
    expect(anchor).toMatchObject({ ...range, method: 'fuzzy' });
    expect(anchor!.score).toBeLessThan(1);
    expect(anchor!.score).toBeGreaterThanOrEqual(0.75);
  });

  it.each([
    ['near', 2],
    ['far from', 200],
  ])('follows a long edited quote that also moved %s its old position', (_, repeats) => {
    // Earlier pages of a long report, so that the old position is deep inside the text.
    const earlier = 'Background reporting from the previous week, kept for reference. '.repeat(150);
    const original = earlier + article;
    const paragraph = rangeOf(original, 'Russian Deputy Prime Minister');
    const long = { start: paragraph.start, end: original.indexOf('\n', paragraph.start) };
    expect(long.end - long.start).toBeGreaterThan(200);
    const stored = describeRange(original, long);

    const filler = 'Unrelated wire copy about commodity prices and shipping schedules. '.repeat(repeats);
    const edited =
      earlier + filler + article.replace('Venezuelan state television', 'Venezuelan public television');
    const anchor = anchorSelectors(edited, stored);

    expect(anchor).toMatchObject({ method: 'fuzzy', start: long.start + filler.length });
    expect(edited.slice(anchor!.start, anchor!.end)).toContain('Venezuelan public television.');
  });

  it('gives up when the quote was deleted', () => {
    const without = article.replace(`"${PASSAGE},"`, '');
    expect(anchorSelectors(without, selectors)).toBeNull();
    expect(anchorSelectors(without, { quote: selectors.quote })).toBeNull();
  });

  it('gives up rather than guess a short quote into an unrelated place', () => {
    const text = 'The minister arrived in Caracas on Thursday.';
    const stored = describeRange(text, rangeOf(text, 'Caracas'));
    const rewritten = 'Talks continued in Havana while Caracus waited.';
    expect(anchorSelectors(rewritten, stored)).toBeNull();
  });

  it('ignores a stored position that no longer fits the text', () => {
    const stored = {
      ...selectors,
      position: { type: 'TextPositionSelector' as const, start: 9_000, end: 9_053 },
    };
    expect(anchorSelectors(article, stored)).toMatchObject({ ...range, method: 'quote' });
  });
});

describe('offsets are UTF-16 code units throughout', () => {
  it('counts Vietnamese letters as one unit and emoji as two', () => {
    const viet = rangeOf(article, 'Việt Nam');
    expect(viet).toEqual({ start: 31, end: 39 });
    expect(describeRange(article, viet).quote.prefix).toBe('Vietnam.vn - Nền tảng quảng bá ');

    const text = 'Hà Nội 🇻🇳 mùa thu 😊 — phố cổ vắng người';
    const target = rangeOf(text, 'phố cổ');
    expect(target.start).toBe(text.indexOf('—') + 2);
    expect(target.start).toBe([...text.slice(0, target.start)].length + 3); // 🇻🇳 is two surrogate pairs, 😊 one
    const stored = describeRange(text, target);
    expect(stored.quote.exact).toBe('phố cổ');

    const updated = '🎉 ' + text;
    expect(anchorSelectors(updated, stored)).toMatchObject({
      start: target.start + 3,
      end: target.end + 3,
      method: 'quote',
    });
  });

  it('keeps emoji whole when the context window would cut one in half', () => {
    const text = 'a😊' + 'b'.repeat(QUOTE_CONTEXT_CHARS - 1) + 'QUOTE';
    const start = text.indexOf('QUOTE');
    const { quote } = describeRange(text, { start, end: start + 5 });
    // 32 units back lands between the halves of 😊; the prefix starts after it instead.
    expect(quote.prefix).toBe('b'.repeat(QUOTE_CONTEXT_CHARS - 1));

    const suffixText = 'QUOTE' + 'b'.repeat(QUOTE_CONTEXT_CHARS - 1) + '😊c';
    expect(describeRange(suffixText, { start: 0, end: 5 }).quote.suffix).toBe(
      'b'.repeat(QUOTE_CONTEXT_CHARS - 1),
    );
  });

  it('anchors a quote containing emoji through an edit', () => {
    const text = 'Readers reacted 😡 to the announcement of new arms shipments 🚀 to the region.';
    const target = rangeOf(text, 'announcement of new arms shipments 🚀');
    const stored = describeRange(text, target);
    const edited = text.replace('new arms', 'fresh arms');
    const anchor = anchorSelectors(edited, stored);
    expect(anchor).toMatchObject({ method: 'fuzzy', start: target.start });
    expect(edited.slice(anchor!.start, anchor!.end)).toBe('announcement of fresh arms shipments 🚀');
  });
});

describe('performance', () => {
  it('re-anchors 5,000 highlights in an unchanged 1.2 MB text quickly', () => {
    const names = [
      'albaciudad-borisov-nl',
      'foxnews-rodriguez-lavrov',
      'maduro-russian-military-experts',
      'tass-rogozin-trust',
      'thanhnien-agreements',
    ];
    const sources = names.map(readCorpus);
    const parts: string[] = [];
    let length = 0;
    for (let i = 0; length < 1_200_000; i++) {
      const part = `§${i} ${sources[i % sources.length]}\n`;
      parts.push(part);
      length += part.length;
    }
    const text = parts.join('');

    const all = Array.from({ length: 5_000 }, (_, i) => {
      const start = Math.floor((i * (text.length - 200)) / 5_000);
      return describeRange(text, { start, end: start + 20 + (i % 150) });
    });

    const began = performance.now();
    const anchors = all.map((selectors) => anchorSelectors(text, selectors));
    const elapsed = performance.now() - began;

    expect(anchors.every((anchor) => anchor?.method === 'position')).toBe(true);
    expect(elapsed).toBeLessThan(500);
  });
});

describe('anchorAll', () => {
  const passages = [
    'Russia and Venezuela signed several agreements on November 7',
    PASSAGE,
    '17 agreements would be "signed and consolidate the path of cooperation and integration"',
    'production has fallen to around one million barrels',
  ];
  const stored = passages.map((p) => describeRange(article, rangeOf(article, p)));

  it('finds every highlight after an insertion shifted them, in the order given', () => {
    const shifted = `An editor's note added at the top of the article.\n\n${article}`;
    const reversed = [...stored].reverse();
    const anchors = anchorAll(shifted, reversed);
    expect(anchors.map((a) => (a ? shifted.slice(a.start, a.end) : null))).toEqual([...passages].reverse());
    expect(anchors.every((a) => a?.method === 'quote')).toBe(true);
  });

  it('agrees with anchoring one by one: an edited quote is fuzzy, a deleted one is orphaned', () => {
    const edited = article
      .replace('signed several agreements', 'signed a number of agreements')
      .replace('production has fallen to around one million barrels', 'output dropped');
    const together = anchorAll(edited, stored);
    const alone = stored.map((s) => anchorSelectors(edited, s));
    expect(together).toEqual(alone);
    expect(together[0]?.method).toBe('fuzzy');
    expect(edited.slice(together[0]!.start, together[0]!.end)).toContain('signed a number of agreements');
    expect(together[1]).toMatchObject({ ...rangeOf(edited, PASSAGE), method: 'quote' });
    expect(together[3]).toBeNull();
  });
});

describe('where an edited quote is looked for', () => {
  it('takes the passage edited in place over a closer copy of its words elsewhere', () => {
    const quote = 'production has fallen to around one million barrels';
    const stored = describeRange(article, rangeOf(article, quote));
    const edited =
      article.replace(quote, 'production has dropped to around one million barrels') +
      '\n\nElsewhere: production has fallen to around two million barrels, a report said.';
    const anchor = anchorSelectors(edited, stored);
    expect(anchor?.method).toBe('fuzzy');
    expect(edited.slice(anchor!.start, anchor!.end)).toBe(
      'production has dropped to around one million barrels',
    );
  });
});
