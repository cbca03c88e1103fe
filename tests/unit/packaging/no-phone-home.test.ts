// Dossier never calls home (issue 10): no auto-update, no telemetry, no crash reports sent, and no network
// call from the code built into the app except those reviewed below, which stay on the machine. The checker
// itself is tested first, on code that does each of those things, so that a clean result means something.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDependencies, scanSource, type AllowedCall } from './phone-home';

/** The reviewed network calls of the app's code: each stays on this machine. */
const ALLOWED: AllowedCall[] = [
  {
    file: 'renderer/api.ts',
    call: /^fetch\(`\/api\//,
    why: 'same-origin path: the page of `dossier serve` asking its own server on 127.0.0.1',
  },
  {
    file: 'electron/main.ts',
    call: /^net\.fetch\(pathToFileURL\(/,
    why: 'a file:// URL: the app:// protocol handler reading the renderer build from disk',
  },
];

/** The code built into the app: the main side, the renderer and what they share. */
function appSources(): { file: string; source: string }[] {
  return ['electron', 'renderer', 'shared'].flatMap((dir) =>
    (readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => /\.(ts|tsx|js|mjs|cjs)$/.test(f) && !f.endsWith('.d.ts'))
      .map((f) => {
        const file = join(dir, f).replaceAll('\\', '/');
        return { file, source: readFileSync(file, 'utf8') };
      }),
  );
}

describe('the phone-home checker', () => {
  it('finds update and telemetry modules, imported or required', () => {
    const rules = scanSource(
      'electron/x.ts',
      [
        "import { autoUpdater as updater } from 'electron-updater';",
        "import * as Sentry from '@sentry/electron/main';",
        "const mixpanel = require('mixpanel');",
        "const posthog = await import('posthog-node');",
      ].join('\n'),
    ).map((f) => `${f.line} ${f.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        '1 update module',
        '2 telemetry module',
        '3 telemetry module',
        '4 telemetry module',
      ]),
    );
  });

  it('finds Electron’s own updater and crash reports sent to a server, not those kept on the machine', () => {
    const found = scanSource(
      'electron/main.ts',
      [
        "autoUpdater.setFeedURL({ url: 'https://updates.example.org' });",
        "crashReporter.start({ submitURL: 'https://crash.example.org' });",
        "crashReporter.start({ uploadToServer: false, submitURL: '' });",
      ].join('\n'),
    );
    expect(found.map((f) => `${f.line} ${f.rule}`)).toEqual(['1 auto-update', '2 crash report upload']);
  });

  it('finds every kind of network call, and lets through only the reviewed ones', () => {
    const source = [
      'await fetch(`/api/${name}`, { method: "POST" });',
      "await fetch('https://stats.example.org/ping');",
      "net.request('https://example.org');",
      "https.get('https://example.org', () => {});",
      "import { request } from 'node:https';",
      "new WebSocket('wss://example.org');",
      "navigator.sendBeacon('/collect', data);",
      'const xhr = new XMLHttpRequest();',
    ].join('\n');
    const found = scanSource('renderer/api.ts', source, ALLOWED);
    expect(found.map((f) => f.line).sort()).toEqual([2, 3, 4, 5, 6, 7, 8]);
    // The reviewed call is only allowed in its own file.
    expect(scanSource('renderer/other.ts', source, ALLOWED).map((f) => f.line)).toContain(1);
  });

  it('reads code, not comments', () => {
    const source = [
      '// No autoUpdater and no fetch("https://example.org") here: Dossier is offline.',
      '/* crashReporter.start({}) is never called */',
      "const site = 'https://example.org'; // a link shown to the user, never fetched",
    ].join('\n');
    expect(scanSource('electron/x.ts', source)).toEqual([]);
  });

  it('finds telemetry among the shipped dependencies and what they install, not among development tools', () => {
    const found = scanDependencies(
      { dependencies: { react: '^19', '@sentry/electron': '^6' } },
      {
        packages: {
          '': {},
          'node_modules/react': {},
          'node_modules/some-lib/node_modules/electron-updater': {},
          'node_modules/@bugsnag/js': { dev: true },
        },
      },
    );
    expect(found.map((f) => `${f.file} ${f.text}`)).toEqual([
      'package.json @sentry/electron',
      'package-lock.json node_modules/some-lib/node_modules/electron-updater',
    ]);
  });
});

describe('Dossier', () => {
  it('contains no update, telemetry or crash-upload call, and no network call but the reviewed ones', () => {
    const sources = appSources();
    expect(sources.length).toBeGreaterThan(50);
    const found = sources.flatMap(({ file, source }) => scanSource(file, source, ALLOWED));
    expect(found).toEqual([]);
    // Each reviewed call still exists: a rule for code that is gone would allow the next call there unseen.
    for (const allowed of ALLOWED) {
      const source = sources.find((s) => s.file === allowed.file)?.source ?? '';
      const calls = [...source.matchAll(/\b(net\.)?fetch\s*\(/g)].map((m) =>
        source.slice(m.index, m.index + 200),
      );
      expect(
        calls.some((c) => allowed.call.test(c)),
        `${allowed.file}: ${allowed.why}`,
      ).toBe(true);
    }
  });

  it('ships no update or telemetry module among its dependencies', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Parameters<
      typeof scanDependencies
    >[1];
    expect(Object.keys(lock.packages ?? {}).length).toBeGreaterThan(100);
    expect(scanDependencies(pkg, lock)).toEqual([]);
  });
});
