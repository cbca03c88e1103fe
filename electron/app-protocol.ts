// The desktop window loads the renderer from app://dossier/. This maps such a URL to a file of the renderer
// build with the same rules as the local server's static files (no `..`, no escaping through links, no
// directory listings), without Electron, so it is unit-tested under Node.
import { extname } from 'node:path';
import { resolveStaticFile, STATIC_CONTENT_TYPES } from './server-security';
import { isAppUrl } from './ipc-trust';

export type AppResource = { found: true; filePath: string; contentType: string } | { found: false };

export async function resolveAppResource(rendererDir: string, requestUrl: string): Promise<AppResource> {
  if (!isAppUrl(requestUrl)) return { found: false };
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return { found: false };
  }
  const target = await resolveStaticFile(rendererDir, decoded);
  if (target.kind !== 'file') return { found: false };
  return {
    found: true,
    filePath: target.filePath,
    contentType: STATIC_CONTENT_TYPES[extname(target.filePath).toLowerCase()] ?? 'application/octet-stream',
  };
}
