// Session: what the main side told us at start-up (project, capabilities) and the messages shown to the user.
import type { StateCreator } from 'zustand';
import type { AppInfo, RecentProject } from '../../shared/contract';
import { api } from '../api';
import { DossierError } from '../../shared/errors';
import type { DossierState } from './index';
import { errorMessage } from './index';

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void };
}

export interface SessionSlice {
  appInfo: AppInfo | null;
  startupError: string | null;
  recentProjects: RecentProject[];
  toasts: Toast[];
  start(): Promise<void>;
  /** Another project (or another version of this one) is open: forget what was chosen, and load it. */
  restart(): Promise<void>;
  loadRecentProjects(): Promise<void>;
  openProject(how: { path: string; mode: 'open' | 'create' } | { dialog: 'open' | 'create' }): Promise<void>;
  showToast(toast: Omit<Toast, 'id'>): void;
  dismissToast(id: number): void;
  /** The citation style and language last chosen in the export dialog; Copy citation uses them too. */
  citationStyle: { style: string; locale: string | null };
  setCitationStyle(choice: { style: string; locale: string | null }): void;
}

let nextToastId = 1;

export const createSessionSlice: StateCreator<DossierState, [], [], SessionSlice> = (set, get) => ({
  appInfo: null,
  startupError: null,
  recentProjects: [],
  toasts: [],
  citationStyle: { style: 'apa', locale: null },
  setCitationStyle(citationStyle) {
    set({ citationStyle });
  },

  async start() {
    try {
      const firstStart = get().appInfo === null;
      const appInfo = await api['app.info']({});
      set({ appInfo, startupError: null });
      // The project to open was damaged and another one opened instead: offer its latest backup.
      if (firstStart) void get().offerDamagedRestore();
      await get().loadDocuments();
      void get().loadRecentProjects();
      // The codebook, entities, claims and events feed pickers and views everywhere; load them in the background.
      void Promise.all([
        get().loadTags(),
        get().loadEntities(),
        get().loadClaims(),
        get().loadEvents(),
        get().loadOrphans(),
        get().refreshHistory(),
        get().loadSavedSearches(),
      ]);
    } catch (error) {
      set({ startupError: errorMessage(error) });
    }
  },

  async restart() {
    get().closeDocument();
    // Nothing chosen in the old project means anything in the new one.
    get().cancelReattach();
    get().selectClaim(null);
    get().selectEvent(null);
    get().clearClaimFilter();
    // Searches and merge conflicts belong to their project.
    set({ searchQuery: '', recentSearches: [], searchOpen: false, conflicts: [], conflictsLoaded: false });
    await get().start();
  },

  async loadRecentProjects() {
    try {
      set({ recentProjects: await api['projects.recent']({}) });
    } catch {
      // The list is a convenience: without it the menu simply shows no recent projects.
    }
  },

  async openProject(how) {
    try {
      const project =
        'dialog' in how
          ? await api[how.dialog === 'open' ? 'projects.openDialog' : 'projects.createDialog']({})
          : await api[how.mode === 'open' ? 'projects.open' : 'projects.create']({ path: how.path });
      if (!project) return;
      await get().restart();
    } catch (error) {
      // A damaged project: the dialog that says so offers its latest backup instead of a toast.
      if (
        error instanceof DossierError &&
        error.code === 'project_error' &&
        (await get().offerDamagedRestore())
      )
        return;
      get().showToast({ message: errorMessage(error), tone: 'error' });
    }
  },

  showToast(toast) {
    const id = nextToastId++;
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }] }));
    window.setTimeout(() => get().dismissToast(id), toast.action ? 10_000 : 6_000);
  },

  dismissToast(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
});
