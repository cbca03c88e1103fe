// Which files a folder import takes, decided the same way by the CLI (walking the disk) and the renderer
// (walking a dropped or chosen folder), so both import the same documents from the same folder.

export const IMPORT_EXTENSIONS = [
  '.html',
  '.htm',
  '.xhtml',
  '.mhtml',
  '.mht',
  '.pdf',
  '.docx',
  '.md',
  '.markdown',
  '.txt',
  '.text',
] as const;

export function isImportableName(name: string): boolean {
  const lower = name.toLowerCase();
  return !name.startsWith('.') && IMPORT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

const ASSET_FOLDER = /^(.+?)(?:_files|_file|-dateien|_archivos|_fichiers|_bestanden|_arquivos|-filer)$/iu;
const PAGE_EXTENSIONS = ['.html', '.htm', '.xhtml'];

/**
 * A browser's "Web page, complete" saves `Article.html` beside `Article_files/` (localised: `-Dateien`,
 * `_archivos`, `_fichiers`, `_bestanden`, `_arquivos`); that folder holds the page's images, scripts and
 * frames, not documents. `siblingNames` are the names in the same folder, lower-cased.
 */
export function isSavedPageAssets(folderName: string, siblingNames: ReadonlySet<string>): boolean {
  const page = ASSET_FOLDER.exec(folderName)?.[1]?.toLowerCase();
  return page !== undefined && PAGE_EXTENSIONS.some((ext) => siblingNames.has(page + ext));
}

/**
 * For folder pickers that give relative paths ("Clips/Article_files/frame.htm"): true for such assets.
 * `lowerPaths` holds every chosen file's relative path, lower-cased.
 */
export function isInSavedPageAssets(relativePath: string, lowerPaths: ReadonlySet<string>): boolean {
  const parts = relativePath.split('/');
  for (let depth = 1; depth < parts.length - 1; depth++) {
    const parent = parts.slice(0, depth).join('/');
    const folder = parts[depth]!;
    const page = ASSET_FOLDER.exec(folder)?.[1]?.toLowerCase();
    if (page && PAGE_EXTENSIONS.some((ext) => lowerPaths.has(`${parent}/${page}${ext}`.toLowerCase())))
      return true;
  }
  return false;
}
