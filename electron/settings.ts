// Per-user settings kept beside the projects: the recent-projects list and the last project used. Small JSON,
// validated on read (a damaged file falls back to defaults) and written atomically (temp file + rename).
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ThemeChoice } from '../shared/contract';
import { writeFileAtomic } from './services/atomic-write';

const MAX_RECENT = 10;

const SettingsSchema = z.object({
  lastProject: z.string().nullable().default(null),
  recentProjects: z
    .array(z.object({ path: z.string(), name: z.string(), lastOpenedAt: z.string() }))
    .default([]),
  /** The window's theme, so that the desktop app's first frame and native parts match it at the next start. */
  theme: ThemeChoice.default('system'),
});
export type Settings = z.infer<typeof SettingsSchema>;

export class SettingsStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'settings.json');
  }

  read(): Settings {
    try {
      return SettingsSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      return SettingsSchema.parse({});
    }
  }

  rememberProject(path: string, name: string, openedAt: string): void {
    const settings = this.read();
    const others = settings.recentProjects.filter((p) => p.path !== path);
    this.write({
      ...settings,
      lastProject: path,
      recentProjects: [{ path, name, lastOpenedAt: openedAt }, ...others].slice(0, MAX_RECENT),
    });
  }

  rememberTheme(theme: Settings['theme']): void {
    const settings = this.read();
    if (settings.theme !== theme) this.write({ ...settings, theme });
  }

  recentProjects(): { path: string; name: string; lastOpenedAt: string; exists: boolean }[] {
    return this.read().recentProjects.map((p) => ({ ...p, exists: existsSync(p.path) }));
  }

  private write(settings: Settings): void {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileAtomic(this.file, JSON.stringify(settings, null, 2));
  }
}
