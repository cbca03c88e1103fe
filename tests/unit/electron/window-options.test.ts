// The desktop window's hardening: the options Electron receives, and that no link, redirect or window.open
// can take the window elsewhere or hand the operating system anything but a web or mail address. Electron's
// BrowserWindow and webContents are replaced by fakes that record what main.ts would give them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  WINDOW_BACKGROUND,
  createMainWindow,
  externalLinkTarget,
  guardWindowContents,
  isAllowedNavigation,
  type GuardedContents,
  type MainWindowOptions,
  type NavigationEvent,
} from '../../../electron/window-options';

class FakeBrowserWindow {
  constructor(readonly options: MainWindowOptions) {}
}

type NavigationEventName = 'will-navigate' | 'will-frame-navigate' | 'will-redirect';

/** Records the listeners and the window-open handler the guards attach. */
class FakeContents implements GuardedContents {
  readonly listeners = new Map<string, ((event: NavigationEvent) => void)[]>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;

  on(event: string, listener: (event: NavigationEvent) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }

  /** Emits the event as Electron would; true when a listener cancelled it. */
  emit(event: NavigationEventName | 'will-attach-webview', url: string): boolean {
    const details = { url, preventDefault: vi.fn() };
    for (const listener of this.listeners.get(event) ?? []) listener(details);
    return details.preventDefault.mock.calls.length > 0;
  }
}

function guarded() {
  const contents = new FakeContents();
  const offered: string[] = [];
  guardWindowContents(contents, (url) => offered.push(url));
  return { contents, offered };
}

/** Schemes that start programs, read files, run script or reach network shares. */
const DANGEROUS_SCHEMES = [
  'javascript:alert(1)',
  'JavaScript:alert(document.domain)',
  'javascript://app.dossier/%0aalert(1)',
  'file:///etc/passwd',
  'FILE:///C:/Windows/System32/calc.exe',
  'file://attacker.example/share/payload.exe',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'smb://attacker.example/share',
  'SMB://10.0.0.1/c$',
  'vbscript:msgbox(1)',
  'ms-msdt:/id PCWDiagnostic /skip force',
  'ms-msdt:-id%20PCWDiagnostic',
  'search-ms:query=invoice&crumb=location:\\\\attacker.example\\share',
  'ms-officecmd:{"id":1}',
  'dossier-evil://open?file=/etc/passwd',
  'dossier:open',
  'ftp://attacker.example/',
  'blob:app://dossier/3f2a1c9e-0000-4000-8000-000000000000',
  'filesystem:app://dossier/temporary/x.html',
  'view-source:app://dossier/index.html',
  'about:blank',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
];

describe('the window options', () => {
  it('are exactly the hardened set: isolated, sandboxed, no Node, no webviews, web security on', () => {
    const window = createMainWindow(FakeBrowserWindow, '/app/dist/electron/preload.cjs');
    expect(window.options).toEqual({
      width: 1280,
      height: 840,
      show: false,
      title: 'Dossier',
      backgroundColor: '#f7f5f0',
      webPreferences: {
        preload: '/app/dist/electron/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        enableWebSQL: false,
        safeDialogs: true,
        disableBlinkFeatures: 'Auxclick',
        spellcheck: false,
      },
    });
  });

  it('enable no Blink feature and pass nothing to the renderer’s command line', () => {
    const { webPreferences } = createMainWindow(FakeBrowserWindow, '/p.cjs').options;
    expect(webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(webPreferences).not.toHaveProperty('additionalArguments');
    expect(webPreferences).not.toHaveProperty('partition');
  });
});

describe('navigation guard', () => {
  it('lets the window move between its own pages', () => {
    for (const url of [
      'app://dossier/index.html',
      'app://dossier/',
      'app://dossier/documents/42?view=notes#x',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(true);
    }
  });

  it.each(DANGEROUS_SCHEMES)('refuses %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'app://dossier.evil.example/index.html',
    'app://dossier@evil.example/index.html',
    'app://evil.example@dossier/index.html',
    'app://dossier:8080/index.html',
    'app://DOSSIER/index.html',
    'app://evil.example/?next=app://dossier/',
    'app://evil.example/#app://dossier/',
    'app:dossier/index.html',
    'app:///dossier/index.html',
    'http://dossier/index.html',
    'https://app.dossier/',
    'app://xn--dossir-fva/index.html',
  ])('refuses the look-alike %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it.each([
    ' app://dossier/index.html',
    'app://dossier/index.html ',
    'app://dossier/\nindex.html',
    'app://dossier/\tindex.html',
    '\u0000app://dossier/index.html',
    'app://dossier/\u202eindex.html',
    'app://dossi\u00e9r/index.html',
    '',
  ])('refuses a URL with whitespace, control or non-ASCII characters (%j)', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('is attached to navigations, frame navigations and redirects, and cancels those that leave', () => {
    const { contents } = guarded();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
      expect(contents.emit(event, 'app://dossier/index.html'), event).toBe(false);
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)']) {
        expect(contents.emit(event, url), `${event} ${url}`).toBe(true);
      }
    }
  });

  it('refuses every webview', () => {
    const { contents } = guarded();
    expect(contents.emit('will-attach-webview', 'app://dossier/index.html')).toBe(true);
    expect(contents.emit('will-attach-webview', 'https://evil.example/')).toBe(true);
  });
});

describe('new-window guard', () => {
  it('never creates a window, for any URL, its own pages included', () => {
    const { contents } = guarded();
    for (const url of ['app://dossier/index.html', 'https://example.com/', ...DANGEROUS_SCHEMES]) {
      expect(contents.openHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
  });

  it('offers only web and mail addresses to open outside, each as parsed', () => {
    const { contents, offered } = guarded();
    for (const url of [
      ...DANGEROUS_SCHEMES,
      'app://dossier/index.html',
      'http://dossier@evil.example/',
      'http://localhost:3000/',
      'https://example.com/story',
      'HTTPS://EXAMPLE.COM/Story',
      'mailto:editor@example.com',
    ]) {
      contents.openHandler?.({ url });
    }
    expect(offered).toEqual([
      'https://example.com/story',
      'https://example.com/Story',
      'mailto:editor@example.com',
    ]);
  });
});

describe('openExternal allow-list', () => {
  it.each([
    ['https://example.com/a?b=c#d', 'https://example.com/a?b=c#d'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://WWW.EXAMPLE.COM/Path', 'https://www.example.com/Path'],
    ['https://example.com:8443/x', 'https://example.com:8443/x'],
    ['https://xn--80ak6aa92e.com/', 'https://xn--80ak6aa92e.com/'],
    ['https://example.com/%E2%80%AEtxt.exe', 'https://example.com/%E2%80%AEtxt.exe'],
    ['mailto:editor@example.com', 'mailto:editor@example.com'],
    [
      'mailto:editor@example.com?subject=Tip&cc=desk@example.com',
      'mailto:editor@example.com?subject=Tip&cc=desk@example.com',
    ],
  ])('opens %s as %s', (raw, expected) => {
    expect(externalLinkTarget(raw)).toBe(expected);
  });

  it.each(DANGEROUS_SCHEMES)('refuses the scheme of %s', (url) => {
    expect(externalLinkTarget(url)).toBeNull();
  });

  it.each(['app://dossier/index.html', 'APP://dossier/index.html'])('refuses our own pages, %s', (url) => {
    expect(externalLinkTarget(url)).toBeNull();
  });

  it.each([
    'http://app@evil.example/',
    'https://dossier.app@evil.example/login',
    'https://user:password@example.com/',
    'https://example.com@evil.example/',
  ])('refuses a user name that hides the real host, %s', (url) => {
    expect(externalLinkTarget(url)).toBeNull();
  });

  it.each([
    'http://localhost/',
    'http://LOCALHOST:8080/',
    'http://localhost./',
    'http://api.localhost/',
    'http://127.0.0.1:41234/?token=x',
    'http://127.1/',
    'http://0177.0.0.1/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://0.0.0.0:8080/',
    'http://[::1]/',
    'http://[::]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://[fe80::1]/',
    'http://[fd12:3456::1]/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.1/apply.cgi',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://255.255.255.255/',
    'http://printer.local/',
    'http://db.internal/',
    'http://nas.home.arpa/',
    'http://intranet/',
  ])('refuses an address on this machine or its network, %s', (url) => {
    expect(externalLinkTarget(url)).toBeNull();
  });

  it.each([
    ['http://127.0.0.1.evil.example/', 'http://127.0.0.1.evil.example/'],
    ['http://localhost.evil.example/', 'http://localhost.evil.example/'],
    ['https://dossier.evil.example/', 'https://dossier.evil.example/'],
    ['http://172.32.0.1/', 'http://172.32.0.1/'],
  ])('reads a look-alike host for what it is: %s is a public address', (raw, expected) => {
    expect(externalLinkTarget(raw)).toBe(expected);
  });

  it.each([
    ' https://example.com/',
    'https://example.com/ ',
    'https://example.com/a b',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'https://exa\nmple.com/',
    '\u0000https://example.com/',
    'https://example.com/\u0007',
    'https://example.com/\u007f',
    'https://例え.jp/',
    'https://exаmple.com/',
    'https://example.com/\u202etxt.exe',
    '',
  ])('refuses whitespace, control and non-ASCII characters (%j)', (url) => {
    expect(externalLinkTarget(url)).toBeNull();
  });

  it.each([
    'mailto:editor@example.com?attach=/etc/passwd',
    'mailto:editor@example.com?Attachment=~/.ssh/id_rsa',
    'mailto:editor@example.com?subject=x&attach=C:\\secrets.docx',
    'mailto:?body=hello',
    'not a url',
    'https://',
    '//evil.example/',
  ])('refuses %s', (url) => {
    expect(externalLinkTarget(url)).toBeNull();
  });
});

describe('the window before its page paints', () => {
  it('has the page background of the theme in use', () => {
    const css = readFileSync(join(process.cwd(), 'renderer', 'styles.css'), 'utf8');
    const light = /:root \{[^}]*?--bg: (#[0-9a-f]{6});/.exec(css)?.[1];
    const dark = /:root\[data-theme='dark'\] \{[^}]*?--bg: (#[0-9a-f]{6});/.exec(css)?.[1];
    expect(WINDOW_BACKGROUND).toEqual({ light, dark });
    expect(createMainWindow(FakeBrowserWindow, '/p.cjs', true).options.backgroundColor).toBe(dark);
    expect(createMainWindow(FakeBrowserWindow, '/p.cjs').options.backgroundColor).toBe(light);
  });
});
