// A result's snippet becomes text and marked parts, never HTML.
import { describe, expect, it } from 'vitest';
import { MATCH_END, MATCH_START } from '../../../shared/search';
import { splitSnippet } from '../../../renderer/features/search/snippet';

const mark = (text: string) => `${MATCH_START}${text}${MATCH_END}`;

describe('splitSnippet', () => {
  it('splits text and matches in order', () => {
    expect(splitSnippet(`…assemble about 25,000 ${mark('Kalashnikov')} rifles, ${mark('kalash')}`)).toEqual([
      { text: '…assemble about 25,000 ', match: false },
      { text: 'Kalashnikov', match: true },
      { text: ' rifles, ', match: false },
      { text: 'kalash', match: true },
    ]);
  });

  it('keeps markup as text', () => {
    expect(splitSnippet(`<b>${mark('<img src=x>')}</b>`)).toEqual([
      { text: '<b>', match: false },
      { text: '<img src=x>', match: true },
      { text: '</b>', match: false },
    ]);
  });

  it('copes with an empty snippet, adjacent matches, an unclosed mark and a stray end', () => {
    expect(splitSnippet('')).toEqual([]);
    expect(splitSnippet(`${mark('Báo')}${mark('Thanh')}`)).toEqual([{ text: 'BáoThanh', match: true }]);
    expect(splitSnippet(`a ${MATCH_START}niên`)).toEqual([
      { text: 'a ', match: false },
      { text: 'niên', match: true },
    ]);
    expect(splitSnippet(`a${MATCH_END}b`)).toEqual([{ text: 'ab', match: false }]);
  });
});
