// The claims table's rules: which claims a filter lets through, how columns sort, and what the counts say.
import { describe, expect, it } from 'vitest';
import type { Claim, ClaimPassage, Entity, Tag } from '../../../shared/annotations';
import {
  claimLookups,
  countByStatus,
  dateBound,
  documentsOfClaims,
  EMPTY_CLAIM_FILTER,
  filterByStatus,
  filterClaims,
  isFiltered,
  prepareClaimSearch,
  readSearch,
  sortClaims,
  tagPath,
  tagWithDescendants,
  UNKNOWN_CLAIMANT,
  type ClaimFilter,
} from '../../../renderer/features/claims/claimFilters';

const at = '2025-01-01T00:00:00.000Z';

function tag(id: string, name: string, parentId: string | null = null): Tag {
  return {
    id,
    parentId,
    name,
    color: 'gray',
    description: '',
    highlightCount: 0,
    claimCount: 0,
    createdAt: at,
    updatedAt: at,
  };
}

function entity(id: string, name: string, aliases: string[] = []): Entity {
  return { id, kind: 'person', name, aliases, description: '', claimCount: 0, createdAt: at, updatedAt: at };
}

function passage(documentId: string, documentTitle: string, language: string | null = null): ClaimPassage {
  return {
    highlightId: `h-${documentId}-${Math.random()}`,
    documentId,
    quote: 'quoted',
    start: 0,
    page: null,
    documentTitle,
    outlet: null,
    language,
    published: null,
    orphaned: false,
  };
}

function claim(id: string, fields: Partial<Claim> = {}): Claim {
  return {
    id,
    statement: `Statement ${id}`,
    claimantId: null,
    claimDate: null,
    status: 'unverified',
    rationale: '',
    note: '',
    tagIds: [],
    passages: [],
    eventLinks: [],
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

const tags = [
  tag('t-russia', 'Russia'),
  tag('t-military', 'Military', 't-russia'),
  tag('t-advisers', 'Advisers', 't-military'),
  tag('t-trade', 'Trade'),
];
const entities = [
  entity('e-lavrov', 'Sergey Lavrov', ['Sergei Lavrov', 'Лавров']),
  entity('e-maduro', 'Nicolás Maduro'),
];
const lookups = claimLookups(tags, entities);
const filter = (changes: Partial<ClaimFilter>): ClaimFilter => ({ ...EMPTY_CLAIM_FILTER, ...changes });
const ids = (claims: Claim[]) => claims.map((c) => c.id);

describe('filterClaims', () => {
  const claims = [
    claim('a', {
      statement: 'Russian advisers arrived in Caracas',
      claimantId: 'e-maduro',
      status: 'supported',
      claimDate: '2019-03-25',
      tagIds: ['t-advisers'],
      passages: [passage('d1', 'Maduro on Russian experts', 'es'), passage('d2', 'TASS: Rogozin', 'en-GB')],
    }),
    claim('b', {
      statement: 'Trade will double',
      claimantId: 'e-lavrov',
      status: 'disputed',
      claimDate: '2019',
      tagIds: ['t-trade'],
      passages: [passage('d2', 'TASS: Rogozin')],
    }),
    claim('c', { statement: 'No one knows', status: 'unclear', claimDate: '--12-16', tagIds: ['t-russia'] }),
    claim('d', { statement: 'Undated', status: 'supported' }),
  ];

  it('lets everything through when no filter is set', () => {
    expect(ids(filterClaims(claims, EMPTY_CLAIM_FILTER, lookups))).toEqual(['a', 'b', 'c', 'd']);
    expect(isFiltered(EMPTY_CLAIM_FILTER)).toBe(false);
  });

  it('searches the statement and the claimant’s name and aliases, ignoring case and accents', () => {
    expect(ids(filterClaims(claims, filter({ search: 'nicolas' }), lookups))).toEqual(['a']);
    expect(ids(filterClaims(claims, filter({ search: 'SERGEI' }), lookups))).toEqual(['b']);
    expect(ids(filterClaims(claims, filter({ search: 'лавров' }), lookups))).toEqual(['b']);
    expect(ids(filterClaims(claims, filter({ search: 'advisers caracas' }), lookups))).toEqual(['a']);
    expect(ids(filterClaims(claims, filter({ search: 'caracas lavrov' }), lookups))).toEqual([]);
  });

  it('reads the search box in the query language: operators and filters', () => {
    const search = (query: string) => ids(filterClaims(claims, filter({ search: query }), lookups));
    expect(search('trade OR advisers')).toEqual(['a', 'b']);
    expect(search('status:supported -undated')).toEqual(['a']);
    expect(search('tag:military')).toEqual(['a']);
    expect(search('tag:russia')).toEqual(['a', 'c']);
    expect(search('claimant:lavrov')).toEqual(['b']);
    expect(search('date:2019-03')).toEqual(['a', 'b']);
    expect(search('"arrived in caracas"')).toEqual(['a']);
    // The languages of the claim's sources: "en" takes "en-GB" in.
    expect(search('lang:es')).toEqual(['a']);
    expect(search('lang:en')).toEqual(['a']);
    expect(search('lang:nl')).toEqual([]);
    // What cannot be read filters nothing (the box says why).
    expect(search('status:maybe')).toEqual(['a', 'b', 'c', 'd']);
    expect(readSearch('status:maybe')).toEqual({ error: expect.stringMatching(/^status: must be one of/) });
  });

  it('filters by any of several statuses, or leaves status out for counting', () => {
    expect(ids(filterClaims(claims, filter({ statuses: ['supported'] }), lookups))).toEqual(['a', 'd']);
    expect(ids(filterClaims(claims, filter({ statuses: ['disputed', 'unclear'] }), lookups))).toEqual([
      'b',
      'c',
    ]);
    expect(
      filterClaims(claims, filter({ statuses: ['refuted'] }), lookups, { ignoreStatus: true }),
    ).toHaveLength(4);
  });

  it('includes the children of the chosen tag, at any depth', () => {
    expect(ids(filterClaims(claims, filter({ tagId: 't-russia' }), lookups))).toEqual(['a', 'c']);
    expect(ids(filterClaims(claims, filter({ tagId: 't-military' }), lookups))).toEqual(['a']);
    expect(ids(filterClaims(claims, filter({ tagId: 't-trade' }), lookups))).toEqual(['b']);
  });

  it('filters by claimant, including claims whose claimant is unknown', () => {
    expect(ids(filterClaims(claims, filter({ claimantId: 'e-lavrov' }), lookups))).toEqual(['b']);
    expect(ids(filterClaims(claims, filter({ claimantId: UNKNOWN_CLAIMANT }), lookups))).toEqual(['c', 'd']);
  });

  it('filters by a document any passage comes from', () => {
    expect(ids(filterClaims(claims, filter({ documentId: 'd2' }), lookups))).toEqual(['a', 'b']);
    expect(ids(filterClaims(claims, filter({ documentId: 'd1' }), lookups))).toEqual(['a']);
  });

  it('compares dates by their sort key, includes the whole span of a coarse bound, drops undated claims', () => {
    expect(ids(filterClaims(claims, filter({ dateFrom: '2019' }), lookups))).toEqual(['a', 'b']);
    expect(ids(filterClaims(claims, filter({ dateTo: '2019' }), lookups))).toEqual(['a', 'b']);
    expect(ids(filterClaims(claims, filter({ dateFrom: '2019-03' }), lookups))).toEqual(['a']);
    expect(ids(filterClaims(claims, filter({ dateTo: '2019-02' }), lookups))).toEqual(['b']);
    expect(ids(filterClaims(claims, filter({ dateFrom: '2019-03-26' }), lookups))).toEqual([]);
    expect(
      ids(filterClaims(claims, filter({ dateFrom: '2019-03-25', dateTo: '2019-03-25' }), lookups)),
    ).toEqual(['a']);
  });

  it('ignores a date bound it cannot read, and says why', () => {
    expect(dateBound('March', 'from')).toEqual({ error: expect.stringContaining('year') });
    expect(dateBound('--12-16', 'to')).toHaveProperty('error');
    expect(dateBound('  ', 'from')).toEqual({ key: null });
    expect(dateBound('2019-02', 'to')).toEqual({ key: '2019-02-99' });
    expect(dateBound('~2019', 'from')).toEqual({ key: '2019-00-00' });
    expect(filterClaims(claims, filter({ dateFrom: 'soon' }), lookups)).toHaveLength(4);
  });
});

describe('the tag tree', () => {
  it('collects descendants and names a tag by its path', () => {
    expect([...tagWithDescendants(lookups, 't-russia')].sort()).toEqual([
      't-advisers',
      't-military',
      't-russia',
    ]);
    expect(tagPath(lookups, 't-advisers')).toBe('Russia / Military / Advisers');
  });

  it('survives a cycle', () => {
    const looped = claimLookups([tag('x', 'X', 'y'), tag('y', 'Y', 'x')], []);
    expect([...tagWithDescendants(looped, 'x')].sort()).toEqual(['x', 'y']);
    expect(tagPath(looped, 'x')).toBe('Y / X');
  });
});

describe('sortClaims', () => {
  const claims = [
    claim('a', { statement: 'beta', claimDate: '2024-11-08', updatedAt: '2025-01-03T00:00:00.000Z' }),
    claim('b', { statement: 'Alpha', claimDate: '2024', claimantId: 'e-maduro', status: 'refuted' }),
    claim('c', { statement: 'gamma', claimDate: '--12-16', claimantId: 'e-lavrov', status: 'supported' }),
    claim('d', { statement: 'Ñandú', updatedAt: '2025-01-02T00:00:00.000Z' }),
  ];
  const sorted = (
    column: Parameters<typeof sortClaims>[1]['column'],
    direction: 'ascending' | 'descending',
  ) => ids(sortClaims(claims, { column, direction }, lookups));

  it('sorts statements as people read them', () => {
    expect(sorted('statement', 'ascending')).toEqual(['b', 'a', 'c', 'd']);
    expect(sorted('statement', 'descending')).toEqual(['d', 'c', 'a', 'b']);
  });

  it('sorts partial dates chronologically, coarse before fine, year-unknown after, undated last both ways', () => {
    expect(sorted('date', 'ascending')).toEqual(['b', 'a', 'c', 'd']);
    expect(sorted('date', 'descending')).toEqual(['c', 'a', 'b', 'd']);
  });

  it('sorts claimants by name with unknown claimants last', () => {
    expect(sorted('claimant', 'ascending')).toEqual(['b', 'c', 'a', 'd']);
    expect(sorted('claimant', 'descending')).toEqual(['c', 'b', 'a', 'd']);
  });

  it('sorts statuses in their order and breaks ties by the latest edit', () => {
    expect(sorted('status', 'ascending')).toEqual(['a', 'd', 'c', 'b']);
    expect(sorted('updated', 'descending')).toEqual(['a', 'd', 'b', 'c']);
  });

  it('gives the same table whether the claims are filtered and then sorted, or sorted once and then filtered', () => {
    // The view sorts the whole list once per column and filters that (ClaimsView.tsx): the order must not
    // depend on which claims passed, so ties are broken down to the id.
    const many = Array.from({ length: 40 }, (_, i) =>
      claim(`c${String(i).padStart(2, '0')}`, {
        statement: ['beta', 'Alpha', 'gamma', 'Ñandú'][i % 4]!,
        claimDate: [null, '2024', '2024-11-08', '--12-16'][i % 3]!,
        claimantId: [null, 'e-maduro', 'e-lavrov'][i % 3]!,
        status: (['supported', 'disputed', 'refuted'] as const)[i % 3]!,
        updatedAt: `2025-01-0${1 + (i % 5)}T00:00:00.000Z`,
      }),
    );
    for (const column of ['statement', 'claimant', 'date', 'status', 'sources', 'tags', 'updated'] as const) {
      for (const direction of ['ascending', 'descending'] as const) {
        const sort = { column, direction };
        for (const chosen of [filter({ statuses: ['disputed'] }), filter({ search: 'alpha OR gamma' })]) {
          const sortedThenFiltered = filterClaims(sortClaims(many, sort, lookups), chosen, lookups);
          expect(ids(sortedThenFiltered), `${column} ${direction}`).toEqual(
            ids(sortClaims(filterClaims(many, chosen, lookups), sort, lookups)),
          );
          expect(sortedThenFiltered.length).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe('counts and sources', () => {
  it('counts each status, zero included', () => {
    expect(countByStatus([claim('a', { status: 'supported' }), claim('b', { status: 'supported' })])).toEqual(
      {
        unverified: 0,
        supported: 2,
        disputed: 0,
        refuted: 0,
        unclear: 0,
      },
    );
  });

  it('lists each supporting document once, by title', () => {
    const claims = [
      claim('a', { passages: [passage('d2', 'Zeta'), passage('d1', 'alpha'), passage('d2', 'Zeta')] }),
      claim('b', { passages: [passage('d3', 'Beta')] }),
    ];
    expect(documentsOfClaims(claims)).toEqual([
      { documentId: 'd1', title: 'alpha' },
      { documentId: 'd3', title: 'Beta' },
      { documentId: 'd2', title: 'Zeta' },
    ]);
  });
});

// Filtering keeps what it derives from each claim (its folded text, its date key) between filter changes; a
// claim edited, or a claimant renamed, must be matched by what it says now, not by what was kept.
describe('filtering the same claims again', () => {
  it('finds an edited claim by its new words and date, not the ones it had', () => {
    const lookups = claimLookups([], []);
    const before = claim('a', { statement: 'Advisers arrived in Caracas', claimDate: '2019-03' });
    expect(ids(filterClaims([before], filter({ search: 'caracas' }), lookups))).toEqual(['a']);
    expect(ids(filterClaims([before], filter({ dateFrom: '2019' }), lookups))).toEqual(['a']);
    // The store replaces an edited claim with a new object.
    const after = { ...before, statement: 'Advisers left Havana', claimDate: '2015' };
    expect(ids(filterClaims([after], filter({ search: 'caracas' }), lookups))).toEqual([]);
    expect(ids(filterClaims([after], filter({ search: 'havana' }), lookups))).toEqual(['a']);
    expect(ids(filterClaims([after], filter({ dateFrom: '2019' }), lookups))).toEqual([]);
  });

  it("finds a claim by its claimant's new name once the claimant is renamed", () => {
    const said = claim('a', { claimantId: 'e-1' });
    const old = claimLookups([], [entity('e-1', 'Sergey Lavrov')]);
    expect(ids(filterClaims([said], filter({ search: 'lavrov' }), old))).toEqual(['a']);
    const renamed = claimLookups([], [entity('e-1', 'Maria Zakharova')]);
    expect(ids(filterClaims([said], filter({ search: 'lavrov' }), renamed))).toEqual([]);
    expect(ids(filterClaims([said], filter({ search: 'zakharova' }), renamed))).toEqual(['a']);
  });
});

describe('preparing a list for its first search in idle time', () => {
  const many = Array.from({ length: 1_000 }, (_, i) =>
    claim(`c${i}`, {
      statement: `${['Caracas', 'Moscow', 'Havana'][i % 3]} said ${i % 7 === 0 ? 'advisers' : 'nothing'}`,
      claimantId: i % 2 === 0 ? 'e-lavrov' : null,
    }),
  );

  it('goes a slice at a time while there is time, then finds what a search of the unprepared list finds', () => {
    const list = [...many];
    let calls = 0;
    // One slice per call, as a short idle period allows.
    while (!prepareClaimSearch(list, lookups, () => false)) calls += 1;
    expect(calls).toBeGreaterThan(1);
    expect(prepareClaimSearch(list, lookups, () => false)).toBe(true);
    for (const search of ['havana advisers', 'lavr', '"moscow said"', 'caracas OR havana -nothing']) {
      expect(ids(filterClaims(list, filter({ search }), lookups)), search).toEqual(
        ids(filterClaims([...many], filter({ search }), lookups)),
      );
    }
  });

  it('starts again when a claimant or tag is renamed, so the new names are searched', () => {
    const list = [...many];
    while (!prepareClaimSearch(list, lookups, () => true));
    const renamed = claimLookups(tags, [entity('e-lavrov', 'Maria Zakharova'), entities[1]!]);
    expect(prepareClaimSearch(list, renamed, () => false)).toBe(false);
    while (!prepareClaimSearch(list, renamed, () => true));
    expect(filterClaims(list, filter({ search: 'zakharova' }), renamed)).toHaveLength(500);
    expect(filterClaims(list, filter({ search: 'lavrov' }), renamed)).toHaveLength(0);
  });
});

describe('filterByStatus', () => {
  const claims = [
    claim('a', { status: 'supported' }),
    claim('b', { status: 'disputed' }),
    claim('c', { status: 'refuted' }),
  ];

  it('keeps the chosen statuses, in order, and every claim when none is chosen', () => {
    expect(ids(filterByStatus(claims, ['refuted', 'supported']))).toEqual(['a', 'c']);
    expect(ids(filterByStatus(claims, []))).toEqual(['a', 'b', 'c']);
  });

  it('gives what filterClaims gives with the status filter', () => {
    const chosen = filter({ statuses: ['disputed'] });
    const lookups = claimLookups([], []);
    expect(filterByStatus(claims, chosen.statuses)).toEqual(filterClaims(claims, chosen, lookups));
  });
});
