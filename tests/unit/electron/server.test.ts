// The local server is the one transport any web page on this machine can reach, so these tests attack it
// the way such a page (or a careless script) would: over real sockets, with forged Host, Origin and paths.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '../../../electron/dispatch';
import { startServer } from '../../../electron/server';
import type { RunningServer } from '../../../electron/server';
import { DossierError, ERROR_CODES } from '../../../shared/errors';
import type { ErrorCode } from '../../../shared/errors';

const SECRET = `TOP-SECRET-${Math.random().toString(36).slice(2)}`;
const INDEX_HTML = '<!doctype html><title>Dossier under test</title><div id="root"></div>';
const APP_JS = 'console.log("dossier app");';
const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
const LEAKY_MESSAGE = 'disk exploded at /home/alice/secret-project.dossier';

/** How many `hang` calls have arrived; they never answer, so the request stays in flight. */
let hangingCalls = 0;

const fakeDispatch: Dispatch = async (name, input) => {
  if (name === 'echo') return input;
  if (name === 'boom') throw new Error(LEAKY_MESSAGE);
  if (name === 'hang') {
    hangingCalls += 1;
    return new Promise(() => {});
  }
  const failCode = /^fail\.(\w+)$/.exec(name)?.[1];
  if (failCode !== undefined && (ERROR_CODES as readonly string[]).includes(failCode)) {
    throw new DossierError(failCode as ErrorCode, `Deliberate ${failCode}`);
  }
  throw new DossierError('not_found', `Unknown operation: ${name}`);
};

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface RawRequest {
  method?: string;
  path?: string;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
  /** false sends no Host header at all. */
  setHost?: boolean;
}

const seenResponseHeaders: IncomingHttpHeaders[] = [];

/**
 * node:http rather than fetch: fetch normalises `..` out of paths and will not forge Host, and forging
 * both is the point.
 */
function rawRequest(port: number, options: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers ?? {},
        setHost: options.setHost ?? true,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          seenResponseHeaders.push(res.headers);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

let tempDir: string;
let staticDir: string;
let server: RunningServer;

function bearer(token = server.token): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

function callApi(operation: string, body: string, headers: OutgoingHttpHeaders = {}): Promise<RawResponse> {
  return rawRequest(server.port, {
    method: 'POST',
    path: `/api/${operation}`,
    headers: { 'Content-Type': 'application/json', ...bearer(), ...headers },
    body,
  });
}

beforeAll(async () => {
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'dossier-server-'));
  staticDir = path.join(tempDir, 'static');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await writeFile(path.join(tempDir, 'secret.txt'), SECRET);
  await writeFile(path.join(staticDir, 'index.html'), INDEX_HTML);
  await writeFile(path.join(staticDir, 'assets', 'app.js'), APP_JS);
  await writeFile(path.join(staticDir, 'assets', 'app.js.map'), '{}');
  await writeFile(path.join(staticDir, 'assets', 'app.css'), 'body{}');
  await writeFile(path.join(staticDir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(staticDir, 'assets', 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await writeFile(path.join(staticDir, 'assets', 'font.woff2'), Buffer.from('wOF2'));
  await writeFile(path.join(staticDir, 'manifest.json'), '{}');
  await writeFile(path.join(staticDir, 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
  await symlink(path.join(tempDir, 'secret.txt'), path.join(staticDir, 'assets', 'linked-secret.txt'));
  await symlink(tempDir, path.join(staticDir, 'linked-root'));
  server = await startServer({ dispatch: fakeDispatch, staticDir });
});

afterAll(async () => {
  await server.close();
  await rm(tempDir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('startServer', () => {
  it('reports a URL carrying a fresh 128-bit hex token', async () => {
    expect(server.token).toMatch(/^[0-9a-f]{32}$/);
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    const other = await startServer({ dispatch: fakeDispatch, staticDir });
    try {
      expect(other.token).not.toBe(server.token);
      expect(other.port).not.toBe(server.port);
    } finally {
      await other.close();
    }
  });

  it('refuses a token that cannot travel in a URL or cookie', async () => {
    await expect(startServer({ dispatch: fakeDispatch, staticDir, token: 'a b;c' })).rejects.toThrow(/token/);
    await expect(startServer({ dispatch: fakeDispatch, staticDir, token: '' })).rejects.toThrow(/token/);
  });

  it('listens on 127.0.0.1 and nowhere else', async () => {
    const listen = vi.spyOn(net.Server.prototype, 'listen');
    const probe = await startServer({ dispatch: fakeDispatch, staticDir });
    try {
      const listening = listen.mock.contexts[0] as net.Server;
      expect(listening.address()).toEqual({ address: '127.0.0.1', family: 'IPv4', port: probe.port });
      // The machine's other IPv4 addresses (a LAN, a VPN), if it has any, must not reach the server.
      const lanAddresses = Object.values(os.networkInterfaces())
        .flatMap((infos) => infos ?? [])
        .filter((info) => info.family === 'IPv4' && !info.internal)
        .map((info) => info.address);
      for (const address of ['::1', ...lanAddresses]) {
        await expect(connectTo(address, probe.port)).rejects.toThrow();
      }
    } finally {
      await probe.close();
    }
  });
});

function connectTo(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

describe('authentication', () => {
  it('answers 401 without a token, for pages and for the API, pointing at the printed URL', async () => {
    const page = await rawRequest(server.port, { path: '/' });
    expect(page.status).toBe(401);
    expect(page.body).toContain('dossier serve');
    expect(page.body).not.toContain('Dossier under test');

    const asset = await rawRequest(server.port, { path: '/assets/app.js' });
    expect(asset.status).toBe(401);
    expect(asset.body).not.toContain(APP_JS);

    const api = await callApi('echo', '{"a":1}', { Authorization: '' });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toEqual({
      error: { code: 'unauthorized', message: expect.stringMatching(/dossier serve/) },
    });
  });

  it('answers 401 to a wrong token of the same length and of a different length', async () => {
    const sameLength = server.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    for (const wrong of [sameLength, `${server.token}0`, 'short', 'é'.repeat(16)]) {
      expect((await rawRequest(server.port, { headers: bearer(wrong) })).status).toBe(401);
      expect(
        (await rawRequest(server.port, { headers: { Cookie: `dossier_token_${server.port}=${wrong}` } }))
          .status,
      ).toBe(401);
      expect((await rawRequest(server.port, { path: `/?token=${encodeURIComponent(wrong)}` })).status).toBe(
        401,
      );
      expect((await callApi('echo', '{}', bearer(wrong))).status).toBe(401);
    }
  });

  it('accepts a bearer token on pages and on the API', async () => {
    const page = await rawRequest(server.port, { headers: bearer() });
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX_HTML);
    const api = await callApi('echo', '{"hello":"world"}');
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body)).toEqual({ result: { hello: 'world' } });
  });

  it('trades ?token= for an HttpOnly SameSite=Strict cookie and redirects to the same page without it', async () => {
    const res = await rawRequest(server.port, { path: `/documents/42?view=notes&token=${server.token}` });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/documents/42?view=notes');
    const [setCookie] = res.headers['set-cookie'] ?? [];
    const attributes = (setCookie ?? '').split(';').map((part) => part.trim());
    expect(attributes).toEqual([
      `dossier_token_${server.port}=${server.token}`,
      'HttpOnly',
      'SameSite=Strict',
      'Path=/',
    ]);

    const atRoot = await rawRequest(server.port, { path: `/?token=${server.token}` });
    expect(atRoot.headers.location).toBe('/');
  });

  it('lets the cookie in afterwards, for pages and for the API', async () => {
    const login = await rawRequest(server.port, { path: `/?token=${server.token}` });
    const cookie = (login.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    const page = await rawRequest(server.port, { headers: { Cookie: `theme=dark; ${cookie}` } });
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX_HTML);
    const api = await callApi('echo', '[1,2]', { Authorization: '', Cookie: cookie });
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body)).toEqual({ result: [1, 2] });
  });

  it('names the cookie per port, so two servers open at once keep their own tokens', async () => {
    const res = await rawRequest(server.port, {
      headers: { Cookie: `dossier_token_1=${'0'.repeat(32)}; dossier_token_${server.port}=${server.token}` },
    });
    expect(res.status).toBe(200);
    const otherPortsCookie = await rawRequest(server.port, {
      headers: { Cookie: `dossier_token_${server.port + 1}=${server.token}` },
    });
    expect(otherPortsCookie.status).toBe(401);
  });

  it('does not accept the token from the query of an API call', async () => {
    const res = await rawRequest(server.port, {
      method: 'POST',
      path: `/api/echo?token=${server.token}`,
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    // Nor does a GET on the API trade it for a cookie: the query token is for opening pages.
    const get = await rawRequest(server.port, { path: `/api/echo?token=${server.token}` });
    expect(get.status).toBe(401);
    expect(get.headers['set-cookie']).toBeUndefined();
  });

  it('never redirects off this server, whatever the path looks like', async () => {
    for (const evilPath of ['//evil.example/', '/\\evil.example/', '///evil.example/x']) {
      const res = await rawRequest(server.port, { path: `${evilPath}?token=${server.token}` });
      expect(res.status).toBe(302);
      expect(res.headers.location).toMatch(/^\/[^/\\]/);
    }
  });
});

describe('Host check (DNS rebinding)', () => {
  it('answers 403 to a foreign or wrong-port Host before looking at the token', async () => {
    const otherPort = server.port === 65535 ? 65534 : server.port + 1;
    for (const host of [`evil.example:${server.port}`, `127.0.0.1:${otherPort}`, '127.0.0.1', `localhost`]) {
      const withToken = await rawRequest(server.port, { headers: { Host: host, ...bearer() } });
      expect(withToken.status, host).toBe(403);
      expect(withToken.body).not.toContain('Dossier under test');
      const withoutToken = await rawRequest(server.port, { headers: { Host: host } });
      expect(withoutToken.status, host).toBe(403);
      const api = await callApi('echo', '{}', { Host: host });
      expect(api.status, host).toBe(403);
    }
  });

  it('refuses a request with no Host at all', async () => {
    const res = await rawRequest(server.port, { headers: bearer(), setHost: false });
    expect([400, 403]).toContain(res.status);
    expect(res.body).not.toContain('Dossier under test');
  });

  it('answers to 127.0.0.1:PORT and localhost:PORT', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LocalHost:${server.port}`]) {
      expect((await rawRequest(server.port, { headers: { Host: host, ...bearer() } })).status, host).toBe(
        200,
      );
    }
  });
});

describe('Origin check (CSRF)', () => {
  it('answers 403 to a write from a foreign origin, even with a valid token', async () => {
    const otherPort = server.port === 65535 ? 65534 : server.port + 1;
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${otherPort}`,
      `https://127.0.0.1:${server.port}`,
    ]) {
      const res = await callApi('echo', '{}', { Origin: origin });
      expect(res.status, origin).toBe(403);
    }
    const staticWrite = await rawRequest(server.port, {
      method: 'POST',
      path: '/',
      headers: { Origin: 'http://evil.example', ...bearer() },
    });
    expect(staticWrite.status).toBe(403);
  });

  it('answers 403 to Origin: null (sandboxed frames, file:// pages)', async () => {
    expect((await callApi('echo', '{}', { Origin: 'null' })).status).toBe(403);
  });

  it('answers 403 to Sec-Fetch-Site: cross-site', async () => {
    expect((await callApi('echo', '{}', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
  });

  it('accepts writes from its own origin, under either name', async () => {
    for (const origin of [`http://127.0.0.1:${server.port}`, `http://localhost:${server.port}`]) {
      const res = await callApi('echo', '{"ok":true}', { Origin: origin, 'Sec-Fetch-Site': 'same-origin' });
      expect(res.status, origin).toBe(200);
    }
  });
});

describe('API', () => {
  it('answers 415 unless the body is declared as JSON', async () => {
    for (const contentType of [
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
    ]) {
      const headers: OutgoingHttpHeaders = { ...bearer() };
      if (contentType) headers['Content-Type'] = contentType;
      const res = await rawRequest(server.port, { method: 'POST', path: '/api/echo', headers, body: '{}' });
      expect(res.status, String(contentType)).toBe(415);
    }
    expect((await callApi('echo', '{}', { 'Content-Type': 'application/json; charset=latin1' })).status).toBe(
      415,
    );
    expect((await callApi('echo', '{}', { 'Content-Type': 'application/json; charset=UTF-8' })).status).toBe(
      200,
    );
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await callApi('echo', '{"a":');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('invalid_input');
    const badUtf8 = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/echo',
      headers: { 'Content-Type': 'application/json', ...bearer() },
      body: Buffer.from([0x22, 0xff, 0x22]),
    });
    expect(badUtf8.status).toBe(400);
  });

  it('treats an empty body as no input', async () => {
    const res = await callApi('echo', '');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ result: null });
  });

  it('maps every error code to its HTTP status', async () => {
    const expected: Record<ErrorCode, number> = {
      invalid_input: 400,
      not_found: 404,
      import_refused: 422,
      future_schema: 409,
      project_error: 409,
      read_only: 409,
      conflict: 409,
      unsupported: 501,
      write_failed: 500,
      cancelled: 409,
      internal: 500,
    };
    vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const code of ERROR_CODES) {
      const res = await callApi(`fail.${code}`, '{}');
      expect(res.status, code).toBe(expected[code]);
      expect(JSON.parse(res.body).error.code).toBe(code);
    }
    const unknown = await callApi('no.such.operation', '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual({
      error: { code: 'not_found', message: 'Unknown operation: no.such.operation' },
    });
  });

  it('logs an internal error’s stack but sends only a generic message', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await callApi('boom', '{}');
    expect(res.status).toBe(500);
    const { error } = JSON.parse(res.body) as { error: { code: string; message: string } };
    expect(error.code).toBe('internal');
    expect(res.body).not.toContain('exploded');
    expect(res.body).not.toContain('/home/alice');
    expect(res.body).not.toMatch(/\bat .*\.ts/);
    const loggedError = logged.mock.calls.flat().find((arg): arg is Error => arg instanceof Error);
    expect(loggedError?.stack).toContain(LEAKY_MESSAGE);
  });

  it('answers 405 to anything but POST', async () => {
    const get = await rawRequest(server.port, { path: '/api/echo', headers: bearer() });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(
      (await rawRequest(server.port, { method: 'PUT', path: '/api/echo', headers: bearer() })).status,
    ).toBe(405);
    expect((await rawRequest(server.port, { method: 'DELETE', path: '/', headers: bearer() })).status).toBe(
      405,
    );
  });

  it('sends no-store and the security headers with API answers', async () => {
    for (const res of [await callApi('echo', '{}'), await callApi('fail.not_found', '{}')]) {
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('request body limit', () => {
  let small: RunningServer;
  beforeAll(async () => {
    small = await startServer({ dispatch: fakeDispatch, staticDir, maxBodyBytes: 1000 });
  });
  afterAll(async () => {
    await small.close();
  });

  const jsonOfLength = (length: number) => JSON.stringify('x'.repeat(length - 2));
  const headersFor = (running: RunningServer) => ({
    'Content-Type': 'application/json',
    Authorization: `Bearer ${running.token}`,
  });

  it('accepts a body of exactly the limit', async () => {
    const res = await rawRequest(small.port, {
      method: 'POST',
      path: '/api/echo',
      headers: headersFor(small),
      body: jsonOfLength(1000),
    });
    expect(res.status).toBe(200);
  });

  it('answers 413 to a declared length over the limit', async () => {
    const res = await rawRequest(small.port, {
      method: 'POST',
      path: '/api/echo',
      headers: headersFor(small),
      body: jsonOfLength(1001),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('invalid_input');
  });

  it('answers 413 at once to a declared length over the limit, without waiting for the body', async () => {
    const outcome = await unfinishedUpload(small, { 'Content-Length': String(500 * 1024 * 1024) }, ['{"a":']);
    expect(outcome).toEqual({ status: 413, closed: true });
  });

  it('answers 413 to a chunked upload once it passes the limit, and hangs up instead of reading on', async () => {
    const outcome = await unfinishedUpload(small, {}, ['"' + 'x'.repeat(600), 'x'.repeat(600)]);
    expect(outcome).toEqual({ status: 413, closed: true });
  });

  /** Starts an upload that is never finished (a client that keeps streaming) and reports how the server ends it. */
  function unfinishedUpload(
    running: RunningServer,
    extraHeaders: OutgoingHttpHeaders,
    chunks: string[],
  ): Promise<{ status: number | 'none'; closed: boolean }> {
    return new Promise((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: running.port,
        method: 'POST',
        path: '/api/echo',
        headers: { ...headersFor(running), ...extraHeaders },
        agent: false,
      });
      let status: number | 'none' = 'none';
      const giveUp = setTimeout(() => {
        req.destroy();
        resolve({ status, closed: false });
      }, 3000);
      req.on('error', () => {}); // the server hanging up mid-upload is the expected end
      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        res.resume();
      });
      req.on('socket', (socket) =>
        socket.once('close', () => {
          clearTimeout(giveUp);
          resolve({ status, closed: true });
        }),
      );
      for (const chunk of chunks) req.write(chunk);
    });
  }
});

describe('no CORS', () => {
  it('answers OPTIONS with 405, including a foreign preflight, with or without a token', async () => {
    const preflight = {
      Origin: 'http://evil.example',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    };
    for (const headers of [{}, bearer(), preflight, { ...preflight, ...bearer() }]) {
      for (const requestPath of ['/', '/api/echo']) {
        const res = await rawRequest(server.port, { method: 'OPTIONS', path: requestPath, headers });
        expect(res.status, `${requestPath} ${JSON.stringify(headers)}`).toBe(405);
      }
    }
  });

  it('sends no Access-Control-* header in any response', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const evil = { Origin: 'http://evil.example' };
    const variety = await Promise.all([
      rawRequest(server.port, { headers: evil }),
      rawRequest(server.port, { headers: { ...evil, ...bearer() } }),
      rawRequest(server.port, { path: '/assets/app.js', headers: { ...evil, ...bearer() } }),
      rawRequest(server.port, { method: 'OPTIONS', path: '/api/echo', headers: evil }),
      callApi('echo', '{}', evil),
      callApi('echo', '{}', { Origin: server.origin }),
      callApi('fail.internal', '{}'),
    ]);
    expect(variety.map((res) => res.status)).toEqual([401, 200, 200, 405, 403, 200, 500]);
    // Every response any test in this file has seen, so refusals and errors are covered too.
    for (const headers of seenResponseHeaders) {
      expect(Object.keys(headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });
});

describe('static files', () => {
  it('serves index.html at / with the CSP, no-store and security headers', async () => {
    const res = await rawRequest(server.port, { headers: bearer() });
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX_HTML);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await rawRequest(server.port, { method: 'HEAD', headers: bearer() });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(INDEX_HTML)));
    expect(res.body).toBe('');
  });

  it('serves each asset with its content type', async () => {
    const expected: Record<string, string> = {
      '/assets/app.js': 'text/javascript; charset=utf-8',
      '/assets/app.js.map': 'application/json; charset=utf-8',
      '/assets/app.css': 'text/css; charset=utf-8',
      '/assets/logo.svg': 'image/svg+xml',
      '/assets/icon.png': 'image/png',
      '/assets/font.woff2': 'font/woff2',
      '/manifest.json': 'application/json; charset=utf-8',
      '/favicon.ico': 'image/x-icon',
      '/index.html': 'text/html; charset=utf-8',
    };
    for (const [assetPath, contentType] of Object.entries(expected)) {
      const res = await rawRequest(server.port, { path: assetPath, headers: bearer() });
      expect(res.status, assetPath).toBe(200);
      expect(res.headers['content-type'], assetPath).toBe(contentType);
      expect(res.headers['x-content-type-options'], assetPath).toBe('nosniff');
    }
    expect((await rawRequest(server.port, { path: '/assets/app.js', headers: bearer() })).body).toBe(APP_JS);
  });

  it('serves the app for client-side routes but 404 for missing files', async () => {
    const route = await rawRequest(server.port, { path: '/documents/abc-123', headers: bearer() });
    expect(route.status).toBe(200);
    expect(route.body).toBe(INDEX_HTML);
    expect(route.headers['content-security-policy']).toBe(EXPECTED_CSP);
    expect(route.headers['cache-control']).toBe('no-store');
    expect((await rawRequest(server.port, { path: '/assets/missing.js', headers: bearer() })).status).toBe(
      404,
    );
  });

  it('lists no directories', async () => {
    for (const directory of ['/assets', '/assets/', '/linked-root/static']) {
      const res = await rawRequest(server.port, { path: directory, headers: bearer() });
      expect([403, 404], directory).toContain(res.status);
      expect(res.body, directory).not.toContain('app.js');
    }
  });

  it('refuses `..` segments even when they would stay inside the static directory', async () => {
    for (const attempt of ['/assets/../index.html', '/assets/%2e%2e/index.html', '/assets/..%5cindex.html']) {
      const res = await rawRequest(server.port, { path: attempt, headers: bearer() });
      expect(res.status, attempt).toBe(403);
    }
  });

  it('never serves a file outside the static directory', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/assets/../../secret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/%2E%2E/%2E%2E/secret.txt',
      '/%252e%252e/secret.txt',
      '/assets/linked-secret.txt',
      '/linked-root/secret.txt',
      '/index.html%00.js',
      // An absolute path smuggled in the URL must still be read relative to the static directory.
      `/${encodeURIComponent(path.join(tempDir, 'secret.txt'))}`,
      `/${path.join(tempDir, 'secret.txt')}`,
    ];
    for (const attempt of attempts) {
      const res = await rawRequest(server.port, { path: attempt, headers: bearer() });
      expect([400, 403, 404], attempt).toContain(res.status);
      expect(res.body, attempt).not.toContain(SECRET);
    }
  });

  it('answers 405 to writes on pages', async () => {
    const res = await rawRequest(server.port, { method: 'POST', path: '/', headers: bearer() });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});

describe('close', () => {
  it('resolves while a request is still in flight, and the port stops answering', async () => {
    const closing = await startServer({ dispatch: fakeDispatch, staticDir });
    const inFlight = rawRequest(closing.port, {
      method: 'POST',
      path: '/api/hang',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${closing.token}` },
      body: '{}',
    }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(hangingCalls).toBe(1));
    const closed = await Promise.race([
      closing.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still open'), 2000)),
    ]);
    expect(closed).toBe('closed');
    expect(await inFlight).toBeInstanceOf(Error);
    await expect(connectTo('127.0.0.1', closing.port)).rejects.toThrow();
    await expect(closing.close()).resolves.toBeUndefined();
  });
});

/** Writes a request byte for byte and collects whatever comes back until the server closes or goes quiet. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const done = () => resolve(Buffer.concat(chunks).toString('latin1'));
    const quiet = setTimeout(() => socket.destroy(), 1500);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => {
      clearTimeout(quiet);
      done();
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' ? done() : reject(error),
    );
    socket.write(request);
  });
}

function statusOf(response: string): number | 'no answer' {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(response);
  return match ? Number(match[1]) : 'no answer';
}

describe('the token in the wrong place', () => {
  it('is refused in a header of another name', async () => {
    for (const name of ['X-Token', 'X-Dossier-Token', 'Token', 'X-Auth-Token', 'Proxy-Authorization']) {
      const res = await rawRequest(server.port, { headers: { [name]: server.token } });
      expect(res.status, name).toBe(401);
    }
  });

  it('is refused under another Authorization scheme, or without one', async () => {
    const basic = Buffer.from(`dossier:${server.token}`).toString('base64');
    for (const value of [
      server.token,
      `Token ${server.token}`,
      `Basic ${basic}`,
      `Bearer ${server.token} x`,
    ]) {
      expect((await rawRequest(server.port, { headers: { Authorization: value } })).status, value).toBe(401);
    }
  });

  it('is refused in the body of an API call', async () => {
    const res = await callApi('echo', JSON.stringify({ token: server.token }), { Authorization: '' });
    expect(res.status).toBe(401);
  });

  it('is refused as a path segment', async () => {
    for (const tokenPath of [
      `/${server.token}`,
      `/${server.token}/index.html`,
      `/api/echo/${server.token}`,
    ]) {
      const res = await rawRequest(server.port, { method: 'GET', path: tokenPath });
      expect(res.status, tokenPath).toBe(401);
    }
  });

  it('is refused in a cookie of another name, case or port', async () => {
    for (const cookie of [
      `dossier_token=${server.token}`,
      `DOSSIER_TOKEN_${server.port}=${server.token}`,
      `token=${server.token}`,
      `dossier_token_${server.port}x=${server.token}`,
      `x_dossier_token_${server.port}=${server.token}`,
    ]) {
      expect((await rawRequest(server.port, { headers: { Cookie: cookie } })).status, cookie).toBe(401);
    }
  });

  it('is refused in the Referer of a request', async () => {
    const res = await rawRequest(server.port, { headers: { Referer: `${server.url}` } });
    expect(res.status).toBe(401);
  });

  it('is not traded for a cookie by a POST, or when given twice', async () => {
    const post = await rawRequest(server.port, { method: 'POST', path: `/?token=${server.token}` });
    expect(post.status).toBe(401);
    expect(post.headers['set-cookie']).toBeUndefined();
    const twice = await rawRequest(server.port, { path: `/?token=${server.token}&token=${server.token}` });
    expect(twice.status).toBe(401);
    expect(twice.headers['set-cookie']).toBeUndefined();
  });

  it('cannot smuggle headers into the redirect that trades it', async () => {
    const res = await rawRequest(server.port, {
      path: `/?token=${server.token}&next=%0d%0aSet-Cookie:%20evil=1%0d%0aX-Evil:%201`,
    });
    expect(res.status).toBe(302);
    expect(res.headers['x-evil']).toBeUndefined();
    expect(res.headers['set-cookie']).toHaveLength(1);
    expect(res.headers.location).not.toMatch(/[\r\n]/);
  });
});

describe('Host check: rebinding names and malformed Hosts', () => {
  const refusedHosts = (port: number) => [
    `127.0.0.1.evil.example:${port}`,
    `localhost.evil.example:${port}`,
    `localhost.:${port}`,
    `127.0.0.1.:${port}`,
    `[::1]:${port}`,
    `0.0.0.0:${port}`,
    `127.1:${port}`,
    `2130706433:${port}`,
    `evil.example@127.0.0.1:${port}`,
    `127.0.0.1:${port}.evil.example`,
    `127.0.0.1:0${port}`,
    `127.0.0.1:${port} evil.example`,
  ];

  it('answers 403 to a rebinding name that starts or ends like ours, even with the token', async () => {
    for (const host of refusedHosts(server.port)) {
      const res = await rawRequest(server.port, { headers: { Host: host, ...bearer() } });
      expect(res.status, host).toBe(403);
      expect(res.body, host).not.toContain('Dossier under test');
    }
  });

  it('answers 403 to the same names on the API', async () => {
    for (const host of refusedHosts(server.port)) {
      expect((await callApi('echo', '{}', { Host: host })).status, host).toBe(403);
    }
  });

  it('refuses two Host headers, one of them ours', async () => {
    const response = await rawExchange(
      server.port,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nHost: evil.example\r\n` +
        `Authorization: Bearer ${server.token}\r\nConnection: close\r\n\r\n`,
    );
    expect([400, 403]).toContain(statusOf(response));
    expect(response).not.toContain('Dossier under test');
  });

  it('refuses an absolute-form request target, as a proxy would get', async () => {
    for (const target of [`http://127.0.0.1:${server.port}/`, 'http://evil.example/']) {
      const response = await rawExchange(
        server.port,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
          `Authorization: Bearer ${server.token}\r\nConnection: close\r\n\r\n`,
      );
      expect(statusOf(response), target).toBe(400);
      expect(response).not.toContain('Dossier under test');
    }
  });

  it('does not act as a proxy for CONNECT', async () => {
    const response = await rawExchange(
      server.port,
      `CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n`,
    );
    expect(statusOf(response)).not.toBe(200);
  });
});

describe('Origin check: more foreign senders', () => {
  it('answers 403 to an Origin that starts like ours', async () => {
    for (const origin of [
      `http://127.0.0.1:${server.port}.evil.example`,
      `http://localhost:${server.port}.evil.example`,
      `http://127.0.0.1:${server.port}@evil.example`,
      `http://127.0.0.1.evil.example:${server.port}`,
    ]) {
      expect((await callApi('echo', '{}', { Origin: origin })).status, origin).toBe(403);
    }
  });

  it('answers 403 to an Origin of ours in another form (path, case of scheme, trailing dot)', async () => {
    for (const origin of [
      `${server.origin}/`,
      `HTTP://127.0.0.1:${server.port}`,
      `http://127.0.0.1.:${server.port}`,
      `http://127.0.0.1`,
    ]) {
      expect((await callApi('echo', '{}', { Origin: origin })).status, origin).toBe(403);
    }
  });

  it('answers 403 to an extension, file or data page', async () => {
    for (const origin of ['chrome-extension://abcdefghijklmnop', 'file://', 'data:', 'app://dossier']) {
      expect((await callApi('echo', '{}', { Origin: origin })).status, origin).toBe(403);
    }
  });

  it('answers 403 to two Origin headers, one of them ours', async () => {
    const body = '{}';
    const response = await rawExchange(
      server.port,
      `POST /api/echo HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.origin}\r\n` +
        `Origin: http://evil.example\r\nAuthorization: Bearer ${server.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(statusOf(response)).toBe(403);
  });

  it('answers 403 to Sec-Fetch-Site: same-site (another app on another localhost port)', async () => {
    expect((await callApi('echo', '{}', { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
  });

  it('answers 403 to a foreign write on a page, before it learns whether the token was right', async () => {
    const withToken = await rawRequest(server.port, {
      method: 'POST',
      path: '/',
      headers: { Origin: 'http://evil.example', ...bearer() },
    });
    const withoutToken = await rawRequest(server.port, {
      method: 'POST',
      path: '/',
      headers: { Origin: 'http://evil.example' },
    });
    expect([withToken.status, withoutToken.status]).toEqual([403, 403]);
    expect(withToken.body).toBe(withoutToken.body);
  });
});

describe('form and text/plain POSTs (what a foreign page can send without a preflight)', () => {
  const simpleBodies: [string, string][] = [
    ['text/plain', '{"a":1}'],
    ['text/plain;charset=UTF-8', '{"a":1}'],
    ['application/x-www-form-urlencoded', 'a=1&token=x'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
    ],
  ];

  it('refuses them from a foreign page with 403', async () => {
    for (const [contentType, body] of simpleBodies) {
      const res = await rawRequest(server.port, {
        method: 'POST',
        path: '/api/echo',
        headers: { 'Content-Type': contentType, Origin: 'http://evil.example', Cookie: `x=1` },
        body,
      });
      expect(res.status, contentType).toBe(403);
    }
  });

  it('refuses them with 415 even with the token and from our own origin', async () => {
    for (const [contentType, body] of simpleBodies) {
      const res = await rawRequest(server.port, {
        method: 'POST',
        path: '/api/echo',
        headers: { 'Content-Type': contentType, Origin: server.origin, ...bearer() },
        body,
      });
      expect(res.status, contentType).toBe(415);
    }
  });

  it('refuses look-alikes of application/json with 415', async () => {
    for (const contentType of [
      'application/json, text/plain',
      'text/plain; application/json',
      'application/jsonp',
      'application/json-patch+json',
      'application/x-json',
      'text/json',
    ]) {
      expect((await callApi('echo', '{}', { 'Content-Type': contentType })).status, contentType).toBe(415);
    }
  });

  it('never reaches an operation through a text/plain POST', async () => {
    const reached = vi.fn();
    const spy = await startServer({
      dispatch: async (name, input) => reached(name, input),
      staticDir,
    });
    try {
      for (const [contentType, body] of simpleBodies) {
        await rawRequest(spy.port, {
          method: 'POST',
          path: '/api/echo',
          headers: { 'Content-Type': contentType, Authorization: `Bearer ${spy.token}` },
          body,
        });
      }
      expect(reached).not.toHaveBeenCalled();
    } finally {
      await spy.close();
    }
  });
});

describe('no WebSockets', () => {
  const handshake = (port: number, extra: string) =>
    `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;

  it('cuts off a WebSocket handshake from a foreign Origin', async () => {
    const response = await rawExchange(
      server.port,
      handshake(server.port, 'Origin: http://evil.example\r\n'),
    );
    expect(response).toBe('');
  });

  it('cuts off a WebSocket handshake from its own page with the token too', async () => {
    const response = await rawExchange(
      server.port,
      handshake(server.port, `Origin: ${server.origin}\r\nAuthorization: Bearer ${server.token}\r\n`),
    );
    expect(response).toBe('');
  });

  it('cuts off any other protocol upgrade (h2c)', async () => {
    const response = await rawExchange(
      server.port,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: Upgrade, HTTP2-Settings\r\n` +
        `Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n` +
        `Authorization: Bearer ${server.token}\r\n\r\n`,
    );
    expect(response).toBe('');
  });
});

describe('traversal, one encoding at a time', () => {
  async function expectRefused(attempt: string): Promise<void> {
    const res = await rawRequest(server.port, { path: attempt, headers: bearer() });
    expect([400, 403, 404], attempt).toContain(res.status);
    expect(res.body, attempt).not.toContain(SECRET);
  }

  it('refuses half-encoded dots (.%2e, %2e.)', async () => {
    for (const attempt of ['/.%2e/secret.txt', '/%2e./secret.txt', '/assets/.%2E/.%2E/secret.txt']) {
      await expectRefused(attempt);
    }
  });

  it('refuses encoded slashes and backslashes between the dots', async () => {
    for (const attempt of [
      '/..%2fsecret.txt',
      '/..%2Fsecret.txt',
      '/..%5Csecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
    ]) {
      await expectRefused(attempt);
    }
  });

  it('refuses double encoding and overlong UTF-8 dots', async () => {
    for (const attempt of [
      '/%252e%252e%252fsecret.txt',
      '/%25%32%65%25%32%65/secret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '/%e0%80%ae%e0%80%ae/secret.txt',
      '/%u002e%u002e/secret.txt',
    ]) {
      await expectRefused(attempt);
    }
  });

  it('refuses traversal with path parameters, dot segments and NUL', async () => {
    for (const attempt of [
      '/assets/..;/..;/secret.txt',
      '/assets/./../../secret.txt',
      '/./../secret.txt',
      '/secret.txt%00.html',
      '/%00/../secret.txt',
    ]) {
      await expectRefused(attempt);
    }
  });

  it('does not read a traversal in an operation name as a path', async () => {
    for (const operation of ['..%2f..%2fsecret.txt', '%2e%2e/%2e%2e/secret.txt']) {
      const res = await callApi(operation, '{}');
      expect(res.status, operation).toBe(404);
      expect(res.body, operation).not.toContain(SECRET);
    }
  });
});

describe('loopback only', () => {
  it('does not answer on other loopback addresses, as a wildcard bind would', async () => {
    await expect(connectTo('127.0.0.2', server.port)).rejects.toThrow();
  });

  it('binds 127.0.0.1 on a chosen port as well', async () => {
    const listen = vi.spyOn(net.Server.prototype, 'listen');
    const probe = await startServer({ dispatch: fakeDispatch, staticDir });
    await probe.close();
    const chosen = await startServer({ dispatch: fakeDispatch, staticDir, port: probe.port });
    try {
      const listening = listen.mock.contexts.at(-1) as net.Server;
      expect(listening.address()).toEqual({ address: '127.0.0.1', family: 'IPv4', port: probe.port });
      expect(chosen.url).toBe(`http://127.0.0.1:${probe.port}/?token=${chosen.token}`);
    } finally {
      await chosen.close();
    }
  });

  it('does not answer TRACE, or a method override, with anything but a refusal', async () => {
    const trace = await rawRequest(server.port, { method: 'TRACE', path: '/', headers: bearer() });
    expect(trace.status).toBe(405);
    expect(trace.body).not.toContain(server.token);
    const override = await rawRequest(server.port, {
      method: 'GET',
      path: '/api/echo',
      headers: { ...bearer(), 'X-HTTP-Method-Override': 'POST' },
    });
    expect(override.status).toBe(405);
  });
});

describe('no CORS, over every response of this file', () => {
  it('sent no Access-Control-* header and no Vary: Origin in any response above', () => {
    expect(seenResponseHeaders.length).toBeGreaterThan(150);
    for (const headers of seenResponseHeaders) {
      expect(Object.keys(headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
      expect(String(headers.vary ?? '')).not.toMatch(/origin/i);
    }
  });
});
