// Claims: a statement attributed to a claimant, made at a date, supported by passages, with a verdict. The
// list is the claims view's table; the chosen claim is edited inline and saved at once.
import type { StateCreator } from 'zustand';
import type { Claim, HistoryArea, OrphanedHighlight } from '../../shared/annotations';
import type { OpInput } from '../../shared/contract';
import type { PassageInput } from '../../shared/contract-annotations';
import { api } from '../api';
import type { DossierState } from './index';
import { errorMessage } from './index';
import {
  DEFAULT_CLAIM_SORT,
  EMPTY_CLAIM_FILTER,
  type ClaimFilter,
  type ClaimSort,
} from '../features/claims/claimFilters';

export type ClaimChanges = Omit<OpInput<'claims.update'>, 'id'>;

export interface ClaimsSlice {
  claims: Claim[];
  claimsLoaded: boolean;
  selectedClaimId: string | null;
  loadClaims(): Promise<void>;
  selectClaim(id: string | null): void;
  /** Creates a claim and selects it; resolves to it, or null (the error is shown as a toast). */
  createClaim(input: OpInput<'claims.create'>): Promise<Claim | null>;
  /** Rejects with the main side's message so an inline field can show it beside itself. */
  updateClaim(id: string, changes: ClaimChanges): Promise<void>;
  addPassage(claimId: string, passage: PassageInput): Promise<Claim | null>;
  removePassage(claimId: string, highlightId: string): Promise<void>;
  deleteClaim(id: string): Promise<void>;
  /** The claims view's filters and sort order, kept while the user visits other views. */
  claimFilter: ClaimFilter;
  setClaimFilter(changes: Partial<ClaimFilter>): void;
  clearClaimFilter(): void;
  claimSort: ClaimSort;
  setClaimSort(sort: ClaimSort): void;

  orphans: OrphanedHighlight[];
  orphansLoaded: boolean;
  loadOrphans(): Promise<void>;
}

export const createClaimsSlice: StateCreator<DossierState, [], [], ClaimsSlice> = (set, get) => {
  const replace = (claim: Claim) =>
    set((s) => ({
      claims: s.claims.some((c) => c.id === claim.id)
        ? s.claims.map((c) => (c.id === claim.id ? claim : c))
        : [claim, ...s.claims],
    }));
  const fail = (error: unknown) => get().showToast({ message: errorMessage(error), tone: 'error' });

  return {
    claims: [],
    claimsLoaded: false,
    selectedClaimId: null,

    async loadClaims() {
      try {
        set({ claims: await api['claims.list']({}), claimsLoaded: true });
      } catch (error) {
        fail(error);
      }
    },

    selectClaim(id) {
      set({ selectedClaimId: id });
    },

    async createClaim(input) {
      try {
        const claim = await api['claims.create'](input);
        replace(claim);
        set({ selectedClaimId: claim.id });
        await get().afterAction(
          ['claims', 'highlights', 'tags', 'entities'],
          [claim.passages[0]?.documentId ?? ''],
        );
        return claim;
      } catch (error) {
        fail(error);
        return null;
      }
    },

    async updateClaim(id, changes) {
      const claim = await api['claims.update']({ id, ...changes });
      replace(claim);
      // A new claimant changes how many claims entities have made; a new status, what the timeline's
      // status filter finds among linked events.
      const areas: HistoryArea[] = [];
      if (changes.claimantId !== undefined) areas.push('entities');
      if (changes.status !== undefined && claim.eventLinks.length > 0) areas.push('events');
      if (areas.length > 0) await get().afterAction(areas);
      else await get().refreshHistory();
    },

    async addPassage(claimId, passage) {
      try {
        const claim = await api['claims.addPassage']({ claimId, passage });
        replace(claim);
        await get().afterAction(['highlights'], 'documentId' in passage ? [passage.documentId] : undefined);
        return claim;
      } catch (error) {
        fail(error);
        return null;
      }
    },

    async removePassage(claimId, highlightId) {
      try {
        replace(await api['claims.removePassage']({ claimId, highlightId }));
        await get().afterAction(['highlights']);
      } catch (error) {
        fail(error);
      }
    },

    async deleteClaim(id) {
      try {
        await api['claims.delete']({ id });
        set((s) => ({
          claims: s.claims.filter((c) => c.id !== id),
          selectedClaimId: s.selectedClaimId === id ? null : s.selectedClaimId,
        }));
        // Its events lose a claim from their counts.
        await get().afterAction(['highlights', 'tags', 'events']);
      } catch (error) {
        fail(error);
      }
    },

    claimFilter: EMPTY_CLAIM_FILTER,
    setClaimFilter(changes) {
      set((s) => ({ claimFilter: { ...s.claimFilter, ...changes } }));
    },
    clearClaimFilter() {
      set({ claimFilter: EMPTY_CLAIM_FILTER });
    },
    claimSort: DEFAULT_CLAIM_SORT,
    setClaimSort(sort) {
      set({ claimSort: sort });
    },

    orphans: [],
    orphansLoaded: false,
    async loadOrphans() {
      try {
        set({ orphans: await api['orphans.list']({}), orphansLoaded: true });
      } catch (error) {
        fail(error);
      }
    },
  };
};
