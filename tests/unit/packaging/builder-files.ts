// What electron-builder.yml packages, read the way electron-builder reads it: its own YAML parser, JSON schema
// and file patterns (minimatch, in order, the last pattern that applies deciding), taken from app-builder-lib
// itself so that the tests judge the file by electron-builder's rules rather than by a copy of them.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const builderLibJson = require.resolve('app-builder-lib/package.json');
/** Resolves modules as app-builder-lib does: the versions electron-builder itself runs with. */
export const fromBuilderLib = createRequire(builderLibJson);

interface MinimatchInstance {
  negate: boolean;
  match(path: string, partial?: boolean): boolean;
}
const { Minimatch } = fromBuilderLib('minimatch') as {
  Minimatch: new (pattern: string, options: { dot: boolean }) => MinimatchInstance;
};
const yaml = fromBuilderLib('js-yaml') as { load(text: string): unknown };

export type BuilderConfig = Record<string, unknown> & {
  files?: string[];
  asarUnpack?: string[];
};

export function readBuilderConfig(path = 'electron-builder.yml'): BuilderConfig {
  return yaml.load(readFileSync(path, 'utf8')) as BuilderConfig;
}

/** electron-builder's configuration schema (it validates every build against it). */
export function builderSchema(): object {
  return JSON.parse(readFileSync(join(dirname(builderLibJson), 'scheme.json'), 'utf8')) as object;
}

/**
 * Whether electron-builder packages a file (a path relative to the project) under these `files` patterns:
 * the app's own files when a pattern includes them; a dependency's files (node_modules) unless one excludes
 * them, since electron-builder adds the production dependencies itself.
 */
export function isPackaged(path: string, patterns: readonly string[]): boolean {
  let match = path.startsWith('node_modules/');
  for (const pattern of patterns.map((p) => new Minimatch(p, { dot: true }))) {
    if (match !== pattern.negate) continue;
    match = pattern.match(path);
  }
  return match;
}

/** Whether a file is matched by one of the asarUnpack patterns (kept outside the archive). */
export function isUnpacked(path: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => new Minimatch(p, { dot: true }).match(path));
}

/** Electron's binary from the electron package, when it has been downloaded (playwright.config.ts does the same). */
export function electronBinary(): string | null {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
