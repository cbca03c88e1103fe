// Filtering keeps what it derives from each claim (its folded text, its date key) between filter changes; a
// claim edited, or a claimant renamed, must be matched by what it says now, not by what was kept.
import { describe, expect, it } from 'vitest';
import type { Claim, Entity } from '../../../shared/annotations';
import {
  claimLookups,
  EMPTY_CLAIM_FILTER,
  filterByStatus,
  filterClaims,
  type ClaimFilter,
} from '../../../renderer/features/claims/claimFilters';

const at = '2025-01-01T00:00:00.000Z';

function entity(id: string, name: string): Entity {
  return {
    id,
    kind: 'person',
    name,
    aliases: [],
    description: '',
    claimCount: 0,
    createdAt: at,
    updatedAt: at,
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

const filter = (changes: Partial<ClaimFilter>): ClaimFilter => ({ ...EMPTY_CLAIM_FILTER, ...changes });
const ids = (claims: Claim[]) => claims.map((c) => c.id);

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
