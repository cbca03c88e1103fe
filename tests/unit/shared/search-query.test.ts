// The query language: how a typed query reads, what FTS5 is asked (always quoted words, never the user's
// text as FTS5 syntax), the filters and their values, and the messages for what cannot be read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../../shared/annotations';
import { dayNumber } from '../../../shared/date-spans';
import {
  foldTarget,
  matchesQuery,
  type QueryNode,
  parseSearchQuery,
  SearchQueryError,
  toFtsExpression,
} from '../../../shared/search-query';
import { rowText, typedQuery } from '../helpers/queries';

const fts = (query: string, options: { prefixLast?: boolean } = {}) => {
  const { text } = parseSearchQuery(query, options);
  return text ? toFtsExpression(text) : null;
};

const problem = (query: string) => {
  try {
    parseSearchQuery(query);
  } catch (error) {
    expect(error).toBeInstanceOf(SearchQueryError);
    return (error as Error).message;
  }
  throw new Error(`expected "${query}" to be refused`);
};

describe('words, phrases and operators', () => {
  it('joins words with AND, keeps phrases and prefixes', () => {
    expect(fts('kalashnikov rifles')).toBe('("kalashnikov" AND "rifles")');
    expect(fts('"assault rifles" factory')).toBe('("assault rifles" AND "factory")');
    expect(fts('kalash*')).toBe('"kalash"*');
    expect(fts('"single"')).toBe('"single"');
  });

  it('reads OR looser than AND, NOT and -word as leaving out, parentheses as grouping', () => {
    expect(fts('a b OR c')).toBe('(("a" AND "b") OR "c")');
    expect(fts('a (b OR c)')).toBe('("a" AND ("b" OR "c"))');
    expect(fts('venezuela -rogozin')).toBe('("venezuela" NOT "rogozin")');
    expect(fts('venezuela NOT rogozin NOT ramirez')).toBe('(("venezuela" NOT "rogozin") NOT "ramirez")');
    expect(fts('a b -c')).toBe('(("a" AND "b") NOT "c")');
    expect(fts('a AND b')).toBe('("a" AND "b")');
    // Lower-case "or" and "not" are words; a hyphen inside a word is part of it.
    expect(fts('war or peace')).toBe('("war" AND "or" AND "peace")');
    expect(fts('Jean-Pierre')).toBe('"Jean-Pierre"');
  });

  it('never passes FTS5 syntax through: quotes are doubled, punctuation stays inside strings', () => {
    expect(fts('NEAR(a b)')).toBe('("NEAR" AND "a" AND "b")');
    // A quote always starts or ends a phrase, so none reaches FTS5 inside a string.
    expect(fts('say "he said ""no"""')).toBe('("say" AND "he said" AND "no")');
    expect(fts('title:foo')).toBe('"title:foo"');
    expect(fts('^start col:x')).toBe('("^start" AND "col:x")');
    expect(fts('* ^ ()')).toBeNull();
  });

  it('reads odd input sensibly: an unclosed quote or parenthesis, a stray one, a dangling OR', () => {
    expect(fts('"assault rifles')).toBe('"assault rifles"');
    expect(fts('(a OR b')).toBe('("a" OR "b")');
    expect(fts('a ) b')).toBe('("a" AND "b")');
    expect(fts('OR a')).toBe('"a"');
    expect(fts('a OR')).toBe('"a"');
  });

  it('makes the last word a prefix while typing, not once a space follows', () => {
    expect(fts('venezuela kalash', { prefixLast: true })).toBe('("venezuela" AND "kalash"*)');
    expect(fts('venezuela kalash ', { prefixLast: true })).toBe('("venezuela" AND "kalash")');
    expect(fts('"assault rif', { prefixLast: true })).toBe('"assault rif"');
  });

  it('lists the words to mark, folded, without those left out', () => {
    expect(parseSearchQuery('Nicolás "Báo Thanh" -Maduro OR Caracas').terms).toEqual([
      'nicolas',
      'bao thanh',
      'caracas',
    ]);
  });

  it('refuses a search that only leaves out', () => {
    expect(problem('-rogozin')).toMatch(/add something to search for/);
    expect(problem('NOT a')).toMatch(/add something/);
    expect(problem('a OR -b')).toMatch(/only leave out from the rest/);
    // With filters, leaving out is enough: the filtered rows but those.
    expect(parseSearchQuery('status:disputed -rifle').text).toEqual({
      type: 'not',
      child: { type: 'term', text: 'rifle', prefix: false },
    });
  });
});

describe('filters', () => {
  it('reads every field, quoted values, and several of one field', () => {
    const { text, filters } = parseSearchQuery(
      'type:claim type:events status:Disputed status:refuted tag:"Small arms" claimant:Nicolás outlet:TASS lang:NL rifles',
    );
    expect(text).toEqual({ type: 'term', text: 'rifles', prefix: false });
    expect(filters).toEqual({
      types: ['claim', 'event'],
      statuses: ['disputed', 'refuted'],
      tags: ['small arms'],
      claimants: ['nicolas'],
      outlets: ['tass'],
      languages: ['nl'],
      date: null,
    });
  });

  it('reads tag paths', () => {
    expect(parseSearchQuery('tag:"Military/ Small arms"').filters.tags).toEqual(['military / small arms']);
  });

  it('reads dates and ranges as the days they cover, either end open', () => {
    const date = (q: string) => parseSearchQuery(q).filters.date;
    expect(date('date:2022')).toEqual({ from: dayNumber(2022, 1, 1), to: dayNumber(2022, 12, 31) });
    expect(date('date:2022..2024')).toEqual({ from: dayNumber(2022, 1, 1), to: dayNumber(2024, 12, 31) });
    expect(date('date:2022-03..')).toEqual({ from: dayNumber(2022, 3, 1), to: null });
    expect(date('date:..2024-06-30')).toEqual({ from: null, to: dayNumber(2024, 6, 30) });
    // Two date filters must both hold.
    expect(date('date:2020..2024 date:2023..2030')).toEqual({
      from: dayNumber(2023, 1, 1),
      to: dayNumber(2024, 12, 31),
    });
  });

  it('says what is wrong with a filter', () => {
    expect(problem('status:maybe')).toBe(
      'status: must be one of unverified, supported, disputed, refuted, unclear (not “maybe”)',
    );
    expect(problem('type:memo')).toMatch(/^type: must be one of passage, document, claim/);
    expect(problem('date:yesterday')).toMatch(/^date: needs a date with a year/);
    expect(problem('date:--12-16')).toMatch(/^date: needs a date with a year/);
    expect(problem('date:2024..2022')).toMatch(/comes before its start/);
    expect(problem('date:1..2..3')).toMatch(/^date:/);
    expect(problem('tag:')).toBe('tag: needs a value, as tag:something');
  });

  it('filters alone are a search; a word with a colon that is not a field is a word', () => {
    expect(parseSearchQuery('status:disputed').text).toBeNull();
    expect(fts('10:30 meeting')).toBe('("10:30" AND "meeting")');
  });
});

describe('matching rows in the window by the same rules', () => {
  const claim = {
    kind: 'claim' as const,
    text: 'Moscow was ready to support the Venezuelan armed forces with the most sophisticated weapons',
    statuses: ['disputed' as const],
    claimants: ['Dmitry Chernyshenko', 'Chernyshenko'],
    tagPaths: ['Military / Small arms'],
    outlets: ['Báo Thanh niên'],
    span: { first: dayNumber(2024, 11, 8), last: dayNumber(2024, 11, 8) },
  };
  const matches = (query: string) => matchesQuery(parseSearchQuery(query), claim);

  it('matches words as whole words, prefixes, phrases, OR and NOT, folded', () => {
    expect(matches('VENEZUELAN weapons')).toBe(true);
    expect(matches('venezuela')).toBe(false);
    expect(matches('venezuela*')).toBe(true);
    expect(matches('"armed forces"')).toBe(true);
    expect(matches('"forces armed"')).toBe(false);
    expect(matches('tanks OR weapons')).toBe(true);
    expect(matches('weapons -moscow')).toBe(false);
  });

  it('applies every filter', () => {
    expect(matches('status:disputed')).toBe(true);
    expect(matches('status:supported')).toBe(false);
    expect(matches('claimant:chernyshenko weapons')).toBe(true);
    expect(matches('claimant:maduro')).toBe(false);
    expect(matches('tag:military')).toBe(true);
    expect(matches('tag:"small arms"')).toBe(true);
    expect(matches('tag:"military / small arms"')).toBe(true);
    expect(matches('tag:arms')).toBe(false);
    expect(matches('outlet:"thanh nien"')).toBe(true);
    expect(matches('date:2024-11')).toBe(true);
    expect(matches('date:..2023')).toBe(false);
    expect(matches('type:claim')).toBe(true);
    expect(matches('type:event')).toBe(false);
    expect(matches('lang:nl')).toBe(false);
  });
});

describe('what review found', () => {
  it('joins a group of the same operator to its parent, so a group of exclusions leaves them out', () => {
    expect(fts('a (-b -c)')).toBe('(("a" NOT "b") NOT "c")');
    expect(fts('a (b c)')).toBe('("a" AND "b" AND "c")');
  });

  it('refuses NOT inside OR, and NOT of NOT, rather than reading them wrong', () => {
    expect(problem('alpha (-beta OR gamma)')).toMatch(/only leave out from the rest/);
    expect(problem('alpha -(-beta)')).toMatch(/only leave out from the rest/);
  });

  it('reads pasted control characters as spaces, and does not make one letter a prefix', () => {
    expect(fts('alpha\u0000beta')).toBe('("alpha" AND "beta")');
    expect(fts('a', { prefixLast: true })).toBe('"a"');
    expect(fts('ka', { prefixLast: true })).toBe('"ka"*');
  });

  it('folds letters without a separable accent as the index does', () => {
    const target = { kind: 'document' as const, text: 'Łukasz crossed the Øresund' };
    expect(matchesQuery(parseSearchQuery('lukasz oresund'), target)).toBe(true);
  });
});

describe('matching a long list with one query', () => {
  // The rules read plainly, row by row: the compiled matcher, which folds the query once and reads a row's
  // word order only when a phrase's words are all there, must agree with them on every row.
  const wordsOf = (text: string) =>
    foldForSearch(text)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  function plainly(node: QueryNode, text: string): boolean {
    const rowWords = wordsOf(text);
    const phrase = (words: string[]) => ` ${rowWords.join(' ')} `.includes(` ${words.join(' ')} `);
    switch (node.type) {
      case 'term': {
        const words = wordsOf(node.text);
        if (words.length === 0) return true;
        if (words.length > 1) return phrase(words);
        return node.prefix ? rowWords.some((w) => w.startsWith(words[0]!)) : rowWords.includes(words[0]!);
      }
      case 'phrase':
        return phrase(wordsOf(node.text));
      case 'and':
        return node.children.every((c) => plainly(c, text));
      case 'or':
        return node.children.some((c) => plainly(c, text));
      case 'not':
        return !plainly(node.child, text);
    }
  }

  it('agrees with the rules read plainly, for every row of a list, with the query read once', () => {
    fc.assert(
      fc.property(typedQuery, fc.array(rowText, { minLength: 1, maxLength: 20 }), (typed, texts) => {
        const parsed = parseSearchQuery(typed, { prefixLast: true });
        for (const row of texts) {
          const target = { kind: 'claim' as const, text: row, folded: foldTarget(row) };
          expect(matchesQuery(parsed, target), `${typed} on "${row}"`).toBe(plainly(parsed.text!, row));
        }
      }),
      { numRuns: 500 },
    );
  });
});
