// The title offered for an accepted suggestion: the sentence on one line, without its closing full stop, and
// at most 120 characters, cut at a word boundary with an ellipsis.
import { describe, expect, it } from 'vitest';
import { SUGGESTED_TITLE_MAX, suggestionTitle } from '../../../renderer/features/events/suggestionTitle';

const LONG =
  'The two countries signed an agreement on building a factory for assembling the Kalashnikov guns of series 100 in Venezuela in July 2006.';

describe('suggestionTitle', () => {
  it('keeps a short sentence whole, trimmed, on one line, without its full stop', () => {
    expect(suggestionTitle('  CARACAS, December 16.\n')).toBe('CARACAS, December 16');
    expect(suggestionTitle('Talks were held\n  on   Monday.')).toBe('Talks were held on Monday');
  });

  it('keeps an ellipsis and the stop of an abbreviation', () => {
    expect(suggestionTitle('Then, in 2013...')).toBe('Then, in 2013...');
    expect(suggestionTitle('Sanctions were introduced by the U.S.')).toBe(
      'Sanctions were introduced by the U.S.',
    );
  });

  it('cuts a long sentence at a word boundary and ends it with an ellipsis', () => {
    const title = suggestionTitle(LONG);
    expect(title.length).toBeLessThanOrEqual(SUGGESTED_TITLE_MAX);
    expect(title).toBe(
      'The two countries signed an agreement on building a factory for assembling the Kalashnikov guns of series 100 in…',
    );
    expect(LONG.startsWith(title.slice(0, -1))).toBe(true);
  });

  it('leaves no comma before the ellipsis', () => {
    const sentence = `${'word '.repeat(22)}Caracas, Moscow and Beijing agreed.`;
    const title = suggestionTitle(sentence);
    expect(title.length).toBeLessThanOrEqual(SUGGESTED_TITLE_MAX);
    expect(title).toMatch(/Caracas…$/);
  });

  it('cuts mid-word when the only word boundary is far back', () => {
    const title = suggestionTitle(`Short ${'x'.repeat(200)}`);
    expect(title).toHaveLength(SUGGESTED_TITLE_MAX);
    expect(title.endsWith('x…')).toBe(true);
  });
});
