// The desktop window's hardening, without Electron so it is unit-tested under Node: the options the window is
// created with, and what it may navigate to, open, or hand to the operating system. main.ts passes in
// Electron's BrowserWindow and webContents. The options are written out at the `new BrowserWindow` call on
// purpose: that is where Electronegativity (`npm run lint:electron`) looks for them.
import { isAppUrl } from './ipc-trust';

/** The web preferences the window sets, each to a fixed value (see createMainWindow). */
type BooleanPreference =
  | 'contextIsolation'
  | 'sandbox'
  | 'nodeIntegration'
  | 'nodeIntegrationInWorker'
  | 'nodeIntegrationInSubFrames'
  | 'webSecurity'
  | 'allowRunningInsecureContent'
  | 'experimentalFeatures'
  | 'webviewTag'
  | 'navigateOnDragDrop'
  | 'enableWebSQL'
  | 'safeDialogs'
  | 'spellcheck';

/** The options the window is created with: a part of Electron's BrowserWindowConstructorOptions. */
export interface MainWindowOptions {
  width: number;
  height: number;
  show: boolean;
  title: string;
  backgroundColor: string;
  webPreferences: Record<BooleanPreference, boolean> & { preload: string; disableBlinkFeatures: string };
}

/** The page's background (--bg in renderer/styles.css) in each theme, which the window shows before it. */
export const WINDOW_BACKGROUND = { light: '#f7f5f0', dark: '#17191c' } as const;

/**
 * Creates the one window Dossier has: isolated, sandboxed, without Node, its preload the only bridge. `dark`:
 * the theme is dark, so the window is too before the page paints.
 */
export function createMainWindow<W>(
  BrowserWindow: new (options: MainWindowOptions) => W,
  preloadPath: string,
  dark = false,
): W {
  return new BrowserWindow({
    width: 1280,
    height: 840,
    show: false,
    title: 'Dossier',
    backgroundColor: dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
    webPreferences: {
      // The preload is reviewed: it exposes one IPC invoke per contract operation and a listener for the
      // native menu's fixed commands, nothing else (electron/preload.ts; the handlers check the sender).
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
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
      // A middle click (auxclick) is one more way to open windows; nothing in Dossier needs it.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
}

/** The parts of a navigation event the guards read (Electron's details event has them). */
export interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/** The parts of Electron's webContents the guards attach to. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * The window only ever shows our own pages: any navigation or redirect elsewhere (a link, `location =`, a
 * form, a meta refresh) is cancelled, no webview may be attached, and no new window is ever created. A
 * window.open of a web or mail address is offered to the user to open outside Dossier, after confirmation.
 */
export function guardWindowContents(
  contents: GuardedContents,
  offerToOpenOutside: (url: string) => void,
): void {
  const stayInApp = (details: NavigationEvent) => {
    if (!isAllowedNavigation(details.url)) details.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const outside = externalLinkTarget(url);
    if (outside !== null) offerToOpenOutside(outside);
    return { action: 'deny' };
  });
}

/** A page of our own (app://dossier/…), and nothing that merely looks like one. */
export function isAllowedNavigation(url: string): boolean {
  return isPrintableAscii(url) && isAppUrl(url);
}

/** Query fields a mail link may fill in; others (attach=, for one) ask some mail programs to read files. */
const MAIL_FIELDS = new Set(['to', 'cc', 'bcc', 'subject', 'body']);

/**
 * The address to hand to the operating system for a link, or null. Only web pages (http, https) and mail
 * (mailto) qualify: every other scheme (file:, smb:, javascript:, data:, ms-msdt:, …) can start a program or
 * reach a file. A web address may carry no user name (http://dossier@evil.example is evil.example) and
 * must not point into this machine or its network, where a link could talk to a router or a local service.
 * The result is the parsed, re-serialised URL, so what the user is shown is exactly what is opened.
 */
export function externalLinkTarget(raw: string): string | null {
  // Chromium hands over serialised URLs (punycode hosts, percent-encoded paths): anything else is forged.
  if (!isPrintableAscii(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') {
    if (url.pathname === '') return null;
    for (const field of url.searchParams.keys()) if (!MAIL_FIELDS.has(field.toLowerCase())) return null;
    return url.href;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (isLocalHost(url.hostname)) return null;
  return url.href;
}

function isPrintableAscii(text: string): boolean {
  return /^[\x21-\x7e]+$/.test(text);
}

const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa'];

/** This machine or a private network, by name or address (as the URL parser normalised it). */
function isLocalHost(hostname: string): boolean {
  const name = hostname.replace(/\.$/, '');
  if (name.startsWith('[')) return isLocalIPv6(name.slice(1, -1));
  const ipv4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(name);
  if (ipv4) return isLocalIPv4(Number(ipv4[1]), Number(ipv4[2]));
  // A single label (localhost, intranet, router) is never a public web site.
  return !name.includes('.') || LOCAL_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

function isLocalIPv4(a: number, b: number): boolean {
  return (
    a === 0 || // this network
    a === 10 ||
    a === 127 || // loopback
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224 // multicast, reserved, broadcast
  );
}

function isLocalIPv6(address: string): boolean {
  const first = address.split(':')[0] ?? '';
  // ::, ::1 and the IPv4-mapped ::ffff:a.b.c.d all start with an empty (or zero) group; fc00::/7 is
  // private and fe80::/10 link-local.
  return /^0*$/.test(first) || /^f[cd]/i.test(first) || /^fe[89ab]/i.test(first);
}
