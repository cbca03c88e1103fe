// The local HTTP transport (design.md §2): `dossier serve` and the end-to-end tests reach the same dispatch
// as Electron IPC through `POST /api/<operation>`, and the built renderer is served from the same origin so
// it needs no CORS. Access rules live in server-security.ts; this file routes and speaks HTTP.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { Dispatch } from './dispatch';
import { serializeError } from '../shared/errors';
import type { ErrorCode } from '../shared/errors';
import {
  BASE_SECURITY_HEADERS,
  CONTENT_SECURITY_POLICY,
  assertUsableToken,
  hasValidCredential,
  STATIC_CONTENT_TYPES,
  isAddressedToUs,
  isForeignWrite,
  isSafeMethod,
  locationWithoutToken,
  resolveStaticFile,
  tokenCookie,
  tokensEqual,
} from './server-security';

export interface ServerOptions {
  dispatch: Dispatch;
  /** The built renderer (index.html + assets/). */
  staticDir: string;
  /** 0 (the default) picks any free port. */
  port?: number;
  /** Defaults to 128 random bits in hex. */
  token?: string;
  /** Defaults to 80 MiB: a 50 MB import travels base64-encoded inside JSON. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  /** What to open in a browser: http://127.0.0.1:PORT/?token=TOKEN */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** A project file of MAX_EXCHANGE_UPLOAD_BYTES as base64 (80 MiB), with room for the JSON around it. */
const DEFAULT_MAX_BODY_BYTES = 81 * 1024 * 1024;

const STATUS_BY_CODE: Record<ErrorCode, number> = {
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

/** Transport-level refusals have no operation error code of their own. */
type RefusalCode = ErrorCode | 'unauthorized' | 'forbidden';

const UNAUTHORIZED_MESSAGE =
  'Dossier needs its access token. Open the full URL printed by `dossier serve` (the one ending in ?token=…).';
const INTERNAL_MESSAGE = 'Something went wrong inside Dossier. The details were written to the server log.';

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(16).toString('hex');
  assertUsableToken(token);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const staticRoot = path.resolve(options.staticDir);
  let port = 0;

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      console.error('[dossier serve] request failed:', error);
      if (!res.headersSent) sendRefusal(req, res, 500, 'internal', INTERNAL_MESSAGE);
      else res.destroy();
    });
  });

  // There are no WebSockets here, nor any other protocol switch. Browsers let any page open a WebSocket to
  // 127.0.0.1 (the handshake is not subject to CORS), so every upgrade is cut off unanswered, whoever asks.
  server.on('upgrade', (_req: IncomingMessage, socket: Duplex) => socket.destroy());

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Host first: a rebinding page must learn nothing, not even whether it guessed the token.
    if (!isAddressedToUs(req, port)) {
      return sendRefusal(req, res, 403, 'forbidden', `Dossier only answers requests for 127.0.0.1:${port}.`);
    }
    // Same-origin pages never preflight, so every OPTIONS is some other site's CORS probe: refuse it
    // identically whatever it carries.
    if (req.method === 'OPTIONS') {
      return sendRefusal(req, res, 405, 'unsupported', 'OPTIONS is not supported.', {
        Allow: 'GET, HEAD, POST',
      });
    }
    if (isForeignWrite(req, port)) {
      return sendRefusal(req, res, 403, 'forbidden', 'Dossier refuses requests sent by other web pages.');
    }
    const target = splitTarget(req.url);
    if (!target) return sendRefusal(req, res, 400, 'invalid_input', 'Malformed request target.');
    const isApi = target.pathname === '/api' || target.pathname.startsWith('/api/');

    const queryTokens = target.query.getAll('token');
    if (!isApi && isSafeMethod(req.method) && queryTokens.length > 0) {
      if (queryTokens.length !== 1 || !tokensEqual(queryTokens[0] ?? '', token)) {
        return sendRefusal(req, res, 401, 'unauthorized', UNAUTHORIZED_MESSAGE);
      }
      return redirectWithoutToken(res, target, token, port);
    }
    if (!hasValidCredential(req, token, port)) {
      return sendRefusal(req, res, 401, 'unauthorized', UNAUTHORIZED_MESSAGE, {
        'WWW-Authenticate': 'Bearer realm="dossier"',
      });
    }

    if (isApi) return handleApiRequest(req, res, target.pathname);
    if (!isSafeMethod(req.method)) {
      return sendRefusal(req, res, 405, 'unsupported', 'Only GET and HEAD are supported here.', {
        Allow: 'GET, HEAD',
      });
    }
    return serveStatic(req, res, staticRoot, target.pathname);
  }

  async function handleApiRequest(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
  ): Promise<void> {
    if (req.method !== 'POST') {
      return sendRefusal(req, res, 405, 'unsupported', 'Operations are called with POST.', { Allow: 'POST' });
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      return sendRefusal(req, res, 415, 'invalid_input', 'Send the operation input as application/json.');
    }
    const operationName = decodePath(pathname.slice('/api/'.length));
    if (operationName === undefined) {
      return sendRefusal(req, res, 400, 'invalid_input', 'Malformed operation name.');
    }
    const body = await readBodyWithin(req, maxBodyBytes);
    if (body === 'too_large') {
      // Closing the connection stops the upload instead of reading the rest only to discard it. (Node would
      // close it anyway for an unfinished request; said here because it is the point.)
      const message = `The request is larger than the server's limit of ${maxBodyBytes} bytes.`;
      return sendRefusal(req, res, 413, 'invalid_input', message, { Connection: 'close' });
    }
    if (body === 'aborted') return;
    const input = parseJsonBody(body);
    if (input === INVALID_JSON) {
      return sendRefusal(req, res, 400, 'invalid_input', 'The request body is not valid JSON.');
    }

    let payload: string;
    try {
      const result = await options.dispatch(operationName, input);
      payload = JSON.stringify({ result: result ?? null });
    } catch (error) {
      return sendOperationError(req, res, operationName, error);
    }
    sendBody(req, res, 200, 'application/json; charset=utf-8', payload);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The server has no TCP address');
  port = address.port;

  let closing: Promise<void> | undefined;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Browsers and fetch keep idle connections open; without this close() would wait for them to time out.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

interface RequestTarget {
  /** Still percent-encoded, exactly as sent. */
  pathname: string;
  query: URLSearchParams;
}

/**
 * Splits the origin-form target by hand: `new URL('//evil.example/x', base)` would read a host out of the
 * path. Absolute-form targets are for proxies and are refused.
 */
function splitTarget(url: string | undefined): RequestTarget | undefined {
  if (!url?.startsWith('/')) return undefined;
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return { pathname: url, query: new URLSearchParams() };
  return { pathname: url.slice(0, queryStart), query: new URLSearchParams(url.slice(queryStart + 1)) };
}

/** The token has done its job once it is in the cookie; the redirect keeps it out of history and bookmarks. */
function redirectWithoutToken(res: ServerResponse, target: RequestTarget, token: string, port: number): void {
  res.writeHead(302, {
    ...BASE_SECURITY_HEADERS,
    'Cache-Control': 'no-store',
    'Set-Cookie': tokenCookie(token, port),
    Location: locationWithoutToken(target.pathname, target.query),
    'Content-Length': '0',
  });
  res.end();
}

function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [mediaType, ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  // JSON is UTF-8 (RFC 8259); a client announcing anything else would be misread.
  return parameters.every(
    (parameter) => !parameter.startsWith('charset=') || /^charset="?utf-8"?$/.test(parameter),
  );
}

function decodePath(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/** Collects the body unless it grows past the limit; past it, chunks are dropped, never buffered. */
function readBodyWithin(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too_large' | 'aborted'> {
  const declaredLength = Number(req.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) return Promise.resolve('too_large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (outcome: Buffer | 'too_large' | 'aborted') => {
      if (settled) return;
      settled = true;
      chunks.length = 0;
      resolve(outcome);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      received += chunk.length;
      if (received > maxBytes) return settle('too_large');
      chunks.push(chunk);
    });
    req.on('end', () => settle(Buffer.concat(chunks)));
    req.on('error', () => settle('aborted'));
    req.on('close', () => settle('aborted'));
  });
}

const INVALID_JSON = Symbol('invalid JSON');

function parseJsonBody(body: Buffer): unknown {
  // An empty body means "no input", which operations without parameters accept.
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

function sendOperationError(
  req: IncomingMessage,
  res: ServerResponse,
  operationName: string,
  error: unknown,
): void {
  const serialized = serializeError(error);
  if (serialized.code === 'internal') {
    // The stack and message may name files and paths on this machine: they go to the log, not the client.
    console.error(`[dossier serve] ${operationName.slice(0, 100)} failed:`, error);
    serialized.message = INTERNAL_MESSAGE;
  }
  sendBody(
    req,
    res,
    STATUS_BY_CODE[serialized.code],
    'application/json; charset=utf-8',
    JSON.stringify({ error: serialized }),
  );
}

/** API callers get the same { error } shape as operation errors; people and pages get a line of text. */
function sendRefusal(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: RefusalCode,
  message: string,
  extraHeaders: Record<string, string> = {},
): void {
  const pathname = req.url?.split('?')[0] ?? '';
  if (pathname === '/api' || pathname.startsWith('/api/')) {
    const body = JSON.stringify({ error: { code, message } });
    return sendBody(req, res, status, 'application/json; charset=utf-8', body, extraHeaders);
  }
  sendBody(req, res, status, 'text/plain; charset=utf-8', `${message}\n`, extraHeaders);
}

function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  extraHeaders: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...BASE_SECURITY_HEADERS,
    'Cache-Control': 'no-store',
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(body)),
    ...extraHeaders,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, pathname: string) {
  const decoded = decodePath(pathname);
  if (decoded === undefined) return sendRefusal(req, res, 400, 'invalid_input', 'Malformed path.');
  let target = await resolveStaticFile(root, decoded);
  // Client-side routes (/documents/…) have no file; they get the app, which reads the path itself. A missing
  // asset (it has an extension) stays a 404 so a broken build shows up as one.
  if (target.kind === 'missing' && path.extname(decoded) === '') target = await resolveStaticFile(root, '/');
  if (target.kind === 'refused') return sendRefusal(req, res, 403, 'forbidden', 'Not allowed.');
  // No directory listings: a directory is not a page.
  if (target.kind !== 'file') return sendRefusal(req, res, 404, 'not_found', 'Not found.');

  const contentType =
    STATIC_CONTENT_TYPES[path.extname(target.filePath).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    ...BASE_SECURITY_HEADERS,
    // The interface is rebuilt in place during development; a stale cached copy would talk to a new API.
    'Cache-Control': 'no-store',
    'Content-Type': contentType,
    'Content-Length': String(target.size),
  };
  if (contentType.startsWith('text/html') || contentType === 'image/svg+xml') {
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  const stream = createReadStream(target.filePath);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
