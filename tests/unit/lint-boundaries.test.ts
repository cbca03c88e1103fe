// The process boundaries of design.md are enforced by ESLint; this proves the rules bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('process boundaries', () => {
  it('the renderer imports neither Node built-ins, the main side, nor electron', async () => {
    expect(
      await messagesFor(
        'renderer/x.ts',
        `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`,
      ),
    ).toHaveLength(1);
    expect(await messagesFor('renderer/x.ts', `import fs from 'fs';\nexport const r = fs;\n`)).toHaveLength(
      1,
    );
    expect(
      await messagesFor(
        'renderer/x.ts',
        `import { DossierApp } from '../electron/app';\nexport const r = DossierApp;\n`,
      ),
    ).toHaveLength(1);
    expect(
      await messagesFor(
        'renderer/x.ts',
        `import { ipcRenderer } from 'electron';\nexport const r = ipcRenderer;\n`,
      ),
    ).toHaveLength(1);
    expect(
      await messagesFor(
        'renderer/x.ts',
        `import { contract } from '../shared/contract';\nexport const r = contract;\n`,
      ),
    ).toEqual([]);
  });

  it('no back doors: dynamic imports of built-ins, or the main side by its folder', async () => {
    expect(await messagesFor('renderer/x.ts', `export const load = () => import('node:fs');\n`)).toHaveLength(
      1,
    );
    expect(
      await messagesFor('shared/x.ts', `export const load = () => import('child_process');\n`),
    ).toHaveLength(1);
    expect(
      await messagesFor('renderer/x.ts', `import * as main from '../electron';\nexport const r = main;\n`),
    ).toHaveLength(1);
    expect(
      await messagesFor('renderer/x.ts', `export const load = () => import('./features/reader/Reader');\n`),
    ).toEqual([]);
  });

  it('shared/ imports neither side nor Node built-ins', async () => {
    expect(
      await messagesFor('shared/x.ts', `import { join } from 'node:path';\nexport const r = join;\n`),
    ).toHaveLength(1);
    expect(
      await messagesFor('shared/x.ts', `import { api } from '../renderer/api';\nexport const r = api;\n`),
    ).toHaveLength(1);
    expect(
      await messagesFor(
        'shared/x.ts',
        `import { Project } from '../electron/project';\nexport const r = Project;\n`,
      ),
    ).toHaveLength(1);
  });

  it('only the shell files import electron', async () => {
    expect(
      await messagesFor('electron/services/x.ts', `import { app } from 'electron';\nexport const r = app;\n`),
    ).toHaveLength(1);
    expect(
      await messagesFor('electron/main.ts', `import { app } from 'electron';\nexport const r = app;\n`),
    ).toEqual([]);
    expect(
      await messagesFor(
        'electron/preload.ts',
        `import { contextBridge } from 'electron';\nexport const r = contextBridge;\n`,
      ),
    ).toEqual([]);
  });
});
