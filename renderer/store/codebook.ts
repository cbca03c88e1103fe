// The codebook (hierarchical tags) and the entities (people, organisations, places) of the project. Lists are
// loaded once and reloaded after each change, so counts of uses are always the main side's.
import type { StateCreator } from 'zustand';
import type { Entity, HistoryArea, Tag } from '../../shared/annotations';
import type { OpInput } from '../../shared/contract';
import { api } from '../api';
import type { DossierState } from './index';
import { errorMessage } from './index';

export interface TagTargets {
  highlightIds?: string[];
  claimIds?: string[];
}

export interface CodebookSlice {
  /**
   * Why the last codebook or entity change failed (null after a success). The toast says it too, but a modal
   * dialog hides the toasts behind it, so a dialog that stays open on failure shows this message itself.
   */
  codebookError: string | null;
  tags: Tag[];
  tagsLoaded: boolean;
  loadTags(): Promise<void>;
  /** Resolves to the new tag, or null (the error is shown as a toast). */
  createTag(input: OpInput<'tags.create'>): Promise<Tag | null>;
  /** The missing levels of a typed path in one step; resolves to the deepest, or null. */
  createTagPath(input: OpInput<'tags.createPath'>): Promise<Tag | null>;
  updateTag(input: OpInput<'tags.update'>): Promise<boolean>;
  mergeTags(sourceId: string, targetId: string): Promise<boolean>;
  deleteTag(id: string): Promise<boolean>;
  applyTag(tagId: string, targets: TagTargets): Promise<boolean>;
  removeTag(tagId: string, targets: TagTargets): Promise<boolean>;

  entities: Entity[];
  entitiesLoaded: boolean;
  loadEntities(): Promise<void>;
  createEntity(input: OpInput<'entities.create'>): Promise<Entity | null>;
  updateEntity(input: OpInput<'entities.update'>): Promise<boolean>;
  mergeEntities(sourceId: string, targetId: string): Promise<boolean>;
  deleteEntity(id: string): Promise<boolean>;
}

export const createCodebookSlice: StateCreator<DossierState, [], [], CodebookSlice> = (set, get) => {
  /** Runs a change, reports a failure as a toast, and reloads the areas it touches. */
  async function change<T>(run: () => Promise<T>, areas: HistoryArea[]): Promise<T | null> {
    set({ codebookError: null });
    let result: T;
    try {
      result = await run();
    } catch (error) {
      const message = errorMessage(error);
      set({ codebookError: message });
      get().showToast({ message, tone: 'error' });
      return null;
    }
    try {
      await get().afterAction(areas);
    } catch (error) {
      // The change is made; only the reload failed. Say so, but don't report the change as failed.
      get().showToast({ message: errorMessage(error), tone: 'error' });
    }
    return result;
  }
  const ok = (value: unknown) => value !== null;

  return {
    codebookError: null,
    tags: [],
    tagsLoaded: false,
    async loadTags() {
      try {
        set({ tags: await api['tags.list']({}), tagsLoaded: true });
      } catch (error) {
        get().showToast({ message: errorMessage(error), tone: 'error' });
      }
    },
    createTag: (input) => change(() => api['tags.create'](input), ['tags']),
    createTagPath: (input) => change(() => api['tags.createPath'](input), ['tags']),
    updateTag: async (input) => ok(await change(() => api['tags.update'](input), ['tags'])),
    mergeTags: async (sourceId, targetId) =>
      ok(await change(() => api['tags.merge']({ sourceId, targetId }), ['tags', 'highlights', 'claims'])),
    deleteTag: async (id) =>
      ok(await change(() => api['tags.delete']({ id }), ['tags', 'highlights', 'claims'])),
    applyTag: async (tagId, targets) =>
      ok(await change(() => api['tags.apply']({ tagId, ...targets }), ['tags', 'highlights', 'claims'])),
    removeTag: async (tagId, targets) =>
      ok(await change(() => api['tags.remove']({ tagId, ...targets }), ['tags', 'highlights', 'claims'])),

    entities: [],
    entitiesLoaded: false,
    async loadEntities() {
      try {
        set({ entities: await api['entities.list']({}), entitiesLoaded: true });
      } catch (error) {
        get().showToast({ message: errorMessage(error), tone: 'error' });
      }
    },
    createEntity: (input) => change(() => api['entities.create'](input), ['entities']),
    updateEntity: async (input) => ok(await change(() => api['entities.update'](input), ['entities'])),
    mergeEntities: async (sourceId, targetId) =>
      ok(await change(() => api['entities.merge']({ sourceId, targetId }), ['entities', 'claims'])),
    deleteEntity: async (id) =>
      ok(await change(() => api['entities.delete']({ id }), ['entities', 'claims'])),
  };
};
