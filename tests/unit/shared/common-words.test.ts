// The common words decide which phrases a search looks up as word pairs (shared/common-words.ts). A word
// added to them makes such phrases miss rows indexed before it was: the list is part of the index's format,
// held here to its fingerprint. If this fails because you changed the list on purpose: a word removed needs
// nothing more; a word added needs a schema migration that rebuilds the index. Then update the fingerprint.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { searchWords } from '../../../shared/annotations';
import { COMMON_WORDS, isCommonWord } from '../../../shared/common-words';

describe('common words', () => {
  it('are the list schema 11 indexes pairs of', () => {
    const list = [...COMMON_WORDS].sort().join(' ');
    expect(createHash('sha256').update(list).digest('hex').slice(0, 16)).toBe('793d0c54e9a370be');
  });

  it('are single words, folded as search folds them', () => {
    for (const word of COMMON_WORDS) expect(searchWords(word)).toEqual([word]);
    expect(isCommonWord('segun')).toBe(true);
    expect(isCommonWord('según')).toBe(false);
    expect(isCommonWord('cua')).toBe(true);
    expect(isCommonWord('kalashnikov')).toBe(false);
  });
});
