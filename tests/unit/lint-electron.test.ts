// `npm run lint:electron` runs Electronegativity offline and fails on medium or high findings. This proves it
// still reads the code and still fails: on a window without isolation, on an unreviewed openExternal and on a
// missing navigation guard, while the hardened pattern of electron/window-options.ts passes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/temp';

const SCRIPT = join(process.cwd(), 'scripts', 'electronegativity.mjs');

function scan(mainSource: string): { status: number | null; output: string } {
  const root = tempDir();
  mkdirSync(join(root, 'electron'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ devDependencies: { electron: '^45.5.0' } }));
  writeFileSync(join(root, 'electron', 'main.ts'), mainSource);
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer', 'index.html'), PAGE);
  const run = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

const PAGE = `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'">`;

const GUARDS = `
contents.on('will-navigate', (event: { preventDefault(): void }) => event.preventDefault());
contents.setWindowOpenHandler(() => ({ action: 'deny' }));
session.setPermissionRequestHandler((_c: unknown, _p: string, callback: (ok: boolean) => void) => callback(false));
`;

const OPEN_LINK = 'shell.openExternal(url);';

/** The pattern of electron/window-options.ts and main.ts, in small; the reviewed openExternal is marked. */
const HARDENED = `
declare const BrowserWindow: new (options: object) => unknown;
declare const contents: any, session: any, shell: any, url: string;
export const window = new BrowserWindow({
  webPreferences: {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    disableBlinkFeatures: 'Auxclick',
  },
});
${GUARDS}
${OPEN_LINK} // eng-disable OPEN_EXTERNAL_JS_CHECK
`;

// Each scan starts a Node process that loads the scanner's own TypeScript and ESLint: a few seconds.
const SCAN_TIMEOUT = 60_000;

describe('npm run lint:electron', () => {
  it(
    'passes the hardened window',
    () => {
      const { status, output } = scan(HARDENED);
      expect(output).toMatch(/0 of medium or high severity, 0 unreadable files/);
      expect(status).toBe(0);
    },
    SCAN_TIMEOUT,
  );

  it(
    'fails a window without context isolation or sandbox',
    () => {
      const { status, output } = scan(
        HARDENED.replace('contextIsolation: true', 'contextIsolation: false').replace(
          'sandbox: true',
          'sandbox: false',
        ),
      );
      expect(output).toContain('CONTEXT_ISOLATION_JS_CHECK');
      expect(output).toContain('SANDBOX_JS_CHECK');
      expect(status).toBe(1);
    },
    SCAN_TIMEOUT,
  );

  it(
    'fails an openExternal that is not marked as reviewed',
    () => {
      const { status, output } = scan(HARDENED.replace(' // eng-disable OPEN_EXTERNAL_JS_CHECK', ''));
      expect(output).toContain('OPEN_EXTERNAL_JS_CHECK');
      expect(status).toBe(1);
    },
    SCAN_TIMEOUT,
  );

  it(
    'fails a window whose navigation is not limited',
    () => {
      const { status, output } = scan(HARDENED.replace(GUARDS, ''));
      expect(output).toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
      expect(status).toBe(1);
    },
    SCAN_TIMEOUT,
  );
});
