// Who may talk to the local HTTP server and what it may reach (design.md §2, Jupyter's model). Any web page
// the user visits can send requests to 127.0.0.1, so before a route runs we check that the request was
// addressed to us (Host, against DNS rebinding), that a state-changing request comes from our own page
// (Origin, against CSRF), and that it carries the token only the person who started `dossier serve` has
// seen; and a URL path may only ever name a file inside the built renderer.
import { timingSafeEqual } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';

/**
 * The cookie is named per port: cookies are not scoped by port, so two `dossier serve` windows open at once
 * (two projects) would otherwise overwrite each other's token (Jupyter does the same).
 */
export function tokenCookieName(port: number): string {
  return `dossier_token_${port}`;
}

/** The token travels in URLs and cookies unescaped, so it is limited to characters neither has to quote. */
const TOKEN_SHAPE = /^[A-Za-z0-9._~-]+$/;

export function assertUsableToken(token: string): void {
  if (!TOKEN_SHAPE.test(token)) {
    throw new Error('The server token must be non-empty and use only letters, digits and . _ ~ -');
  }
}

/** Constant-time, so the time a refusal takes says nothing about how much of a guess was right. */
export function tokensEqual(candidate: string, token: string): boolean {
  const presented = Buffer.from(candidate, 'utf8');
  const expected = Buffer.from(token, 'utf8');
  // timingSafeEqual throws on unequal lengths; the token's length is not the secret, its bytes are.
  if (presented.length !== expected.length) return false;
  return timingSafeEqual(presented, expected);
}

/** The names our own pages can be reached by; a rebinding attacker's page carries its own name in Host. */
function ownAuthorities(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** One header's value, or undefined when it is absent or (suspiciously) repeated. */
function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const values = req.headersDistinct[name];
  return values?.length === 1 ? values[0] : undefined;
}

export function isAddressedToUs(req: IncomingMessage, port: number): boolean {
  const host = singleHeader(req, 'host')?.toLowerCase();
  return host !== undefined && ownAuthorities(port).includes(host);
}

export function isSafeMethod(method: string | undefined): boolean {
  return method === 'GET' || method === 'HEAD';
}

/**
 * True when a state-changing request was sent by some other site's page. Browsers always attach Origin to
 * cross-origin POSTs (and `null` from sandboxed frames and file:// pages); scripts like curl send none and
 * are held to the token alone. Sec-Fetch-Site `same-site` is refused too: another app on a different
 * localhost port is the same site but not us.
 */
export function isForeignWrite(req: IncomingMessage, port: number): boolean {
  if (isSafeMethod(req.method)) return false;
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return true;
  if (req.headersDistinct.origin === undefined) return false;
  const origin = singleHeader(req, 'origin');
  return origin === undefined || !ownAuthorities(port).some((authority) => origin === `http://${authority}`);
}

function cookieValues(req: IncomingMessage, name: string): string[] {
  const header = req.headers.cookie;
  if (!header) return [];
  const values: string[] = [];
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    if (pair.slice(0, separator).trim() === name) values.push(pair.slice(separator + 1).trim());
  }
  return values;
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** Whether the request carries the token in a header (this port's cookie, or a bearer token). */
export function hasValidCredential(req: IncomingMessage, token: string, port: number): boolean {
  const candidates = cookieValues(req, tokenCookieName(port));
  const bearer = bearerToken(req);
  if (bearer !== undefined) candidates.push(bearer);
  return candidates.some((candidate) => tokensEqual(candidate, token));
}

export function tokenCookie(token: string, port: number): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Where to send a browser once the token from the query is in its cookie: same place, minus the token. */
export function locationWithoutToken(pathname: string, query: URLSearchParams): string {
  const rest = new URLSearchParams(query);
  rest.delete('token');
  const search = rest.size > 0 ? `?${rest.toString()}` : '';
  // A path like //evil.example or /\evil.example would make a relative Location leave this server.
  return pathname.replace(/^[/\\]+/, '/') + search;
}

/** Headers every response carries: nothing may frame us, leak our URLs, guess types or embed our files. */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Content types of the files a renderer build contains; anything else is served as octet-stream. */
export const STATIC_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticTarget =
  | { kind: 'file'; filePath: string; size: number }
  | { kind: 'refused' }
  | { kind: 'directory' }
  | { kind: 'missing' };

/**
 * Maps a URL path to a file inside the root, or refuses. Both the lexical path and the real path (after
 * symlinks) must stay inside the root; `..` is refused outright, in either slash direction, after decoding.
 */
export async function resolveStaticFile(root: string, decodedPath: string): Promise<StaticTarget> {
  if (decodedPath.includes('\0')) return { kind: 'refused' };
  if (decodedPath.split(/[/\\]/).includes('..')) return { kind: 'refused' };
  const relative = decodedPath === '/' ? 'index.html' : `.${decodedPath}`;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return { kind: 'missing' };
  }
  const candidate = path.resolve(realRoot, relative);
  if (!isInside(realRoot, candidate)) return { kind: 'refused' };
  let realCandidate: string;
  try {
    realCandidate = await realpath(candidate);
  } catch {
    return { kind: 'missing' };
  }
  if (!isInside(realRoot, realCandidate)) return { kind: 'refused' };
  const stats = await stat(realCandidate);
  if (stats.isDirectory()) return { kind: 'directory' };
  if (!stats.isFile()) return { kind: 'missing' };
  return { kind: 'file', filePath: realCandidate, size: stats.size };
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  const escapes = relative === '..' || relative.startsWith(`..${path.sep}`);
  return relative !== '' && !escapes && !path.isAbsolute(relative);
}
