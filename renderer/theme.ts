// The colour theme: Light, Dark, or System (the default, following the operating system's setting). The
// choice is kept in this window's localStorage: a per-user display preference with nothing to merge or back
// up, which the desktop app's fixed origin (app://dossier) keeps across restarts. It is applied as
// data-theme="light" | "dark" on <html>, resolved from the system's setting for System and updated when that
// changes, so the stylesheets need one rule per palette. The host hears of the choice too (app.setTheme): the
// desktop app draws its menus, dialogs and window frame in it, and starts its next window in it.
import { useSyncExternalStore } from 'react';
import { THEME_CHOICES, type ThemeChoice } from '../shared/contract';
import { api } from './api';

export { THEME_CHOICES, type ThemeChoice };
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'dossier.theme';

const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // A browser with storage turned off still gets a theme, just not a remembered one.
    return null;
  }
}

export function readThemeChoice(): ThemeChoice {
  const stored = storage()?.getItem(THEME_STORAGE_KEY);
  return (THEME_CHOICES as readonly string[]).includes(stored ?? '') ? (stored as ThemeChoice) : 'system';
}

const darkQuery = (): MediaQueryList | null =>
  typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;

export function resolveTheme(choice: ThemeChoice): Theme {
  if (choice !== 'system') return choice;
  return darkQuery()?.matches ? 'dark' : 'light';
}

let choice: ThemeChoice = 'system';

function apply(): void {
  const root = window.document.documentElement;
  root.dataset.theme = resolveTheme(choice);
  root.dataset.themeChoice = choice;
  for (const listener of listeners) listener();
}

/** Applies the remembered theme and follows the system's setting; called once before the first render. */
export function startTheme(): void {
  choice = readThemeChoice();
  apply();
  tellHost();
  darkQuery()?.addEventListener('change', () => {
    if (choice === 'system') apply();
  });
  // Another window of the app changed it.
  window.addEventListener('storage', (event) => {
    if (event.key !== THEME_STORAGE_KEY) return;
    choice = readThemeChoice();
    apply();
  });
}

export function setThemeChoice(next: ThemeChoice): void {
  choice = next;
  if (next === 'system') storage()?.removeItem(THEME_STORAGE_KEY);
  else storage()?.setItem(THEME_STORAGE_KEY, next);
  apply();
  tellHost();
}

function tellHost(): void {
  // The page is themed whatever the host makes of it; a host that cannot take it loses nothing else.
  api['app.setTheme']({ theme: choice }).catch(() => undefined);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, () => choice);
}

/** The theme in effect (System resolved), for drawings that need colours as values. */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, () => resolveTheme(choice));
}
