#!/usr/bin/env node
// The `dossier` command: import files, list documents, search, rebuild the search index, export references,
// and serve the app over local HTTP. Every command goes through the same services as the desktop app.
// Errors: one line on stderr and a non-zero exit.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DocumentSummary, ImportFileResult } from '../shared/domain';
import { parseInput } from '../shared/contract';
import { DossierError } from '../shared/errors';
import { formatPartialDate } from '../shared/dates';
import { MATCH_END, MATCH_START, SEARCH_KIND_LABELS } from '../shared/search';
import { DossierApp, resolveProjectPath } from './app';
import { startServer } from './server';
import { listDocuments } from './services/documents';
import { reindex, searchProject } from './services/search';
import { renderExport } from './services/citations';
import { writeFileAtomic } from './services/atomic-write';
import { MAX_STYLE_CHARS, EXPORT_FORMATS } from '../shared/contract-citations';
import { importPaths } from './services/import-paths';
import { APP_VERSION } from './version';
import { untrackedJob } from './jobs';
import {
  applyStagedMerge,
  exportExchangeFile,
  pathSource,
  previewMerge,
  stageFile,
} from './services/exchange';
import type { MergePlanSummary } from '../shared/contract-exchange';
import { latestBackupAdvice, runBackup, runCheck, runRestore } from './cli-backups';
import { DamagedProjectError } from './db/file-check';

const USAGE = `Usage: dossier <command> [options]

Commands:
  import <files or folders>...   Import .txt and .md files (folders are searched recursively)
  list documents                 List the project's documents
  search "<query>"               Search the project (words, word*, "phrases", OR, -word, and filters
                                 tag: status: claimant: outlet: lang: date:2022..2024 type:claim)
  reindex                        Build the search index again from the project
  export <format>                Export references (csl-json, bibtex, biblatex, ris, bibliography),
                                 annotations (w3c), claims (claims-csv, claimreview) or the timeline
                                 (timeline-json), or an evidence report (report-md, report-html,
                                 report-docx); -o FILE, else to stdout. A bibliography is HTML or
                                 RTF when FILE ends in .html or .rtf, else text
  export project OUT.dossier     The project (or --scope) as a file to send to a teammate
                                 (--no-originals leaves the imported files out)
  export qdpx OUT.qdpx           The project as a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)
  merge FILE.dossier|FILE.qdpx   Merge a teammate's file into the project; --dry-run prints what would
                                 change and changes nothing
  serve                          Run Dossier in your browser on http://127.0.0.1
  backup                         Back up the project now (into the folder beside it, FILE.backups)
  restore [BACKUP]               List the project's backups, or replace the project with one of them
                                 (the project as it is is kept first, so a restore can be undone)
  check                          Check the project file for damage (integrity_check and foreign keys;
                                 --quick: quick_check); exit code 1 if anything is wrong

Options:
  --project FILE   The project file (default: $DOSSIER_PROJECT, the last project used, or the default project)
  --json           Print one JSON document on stdout (import, list, search, merge, backup,
                   restore, check)
  --dry-run        Merge: show the preview only
  --limit N        Results of each kind for search (default 20)
  -o, --output F   The file to write (export); written whole or not at all
  --style S        A bundled style (apa, chicago-author-date, chicago-note-bibliography,
                   modern-language-association, harvard-cite-them-right), an added style's id, or a .csl file
  --locale TAG     The language of a bibliography (en-US, en-GB, nl-NL, es-ES, fr-FR, de-DE, pt-BR, ru-RU)
  --scope QUERY    Export only what a search finds (documents and the sources of passages and claims it
                   finds; for claims and the timeline, the claims or events it finds)
  --port N         Port for serve (default: any free port)
  --no-open        Do not open the browser (serve)
  --read-only      serve: open the project read-only, to look at it without changing it
  --quick          check: the quick check only
  -h, --help       Show this help
  -v, --version    Show the version`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        project: { type: 'string' },
        json: { type: 'boolean', default: false },
        port: { type: 'string' },
        limit: { type: 'string' },
        output: { type: 'string', short: 'o' },
        style: { type: 'string' },
        locale: { type: 'string' },
        scope: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'no-originals': { type: 'boolean', default: false },
        'no-open': { type: 'boolean', default: false },
        quick: { type: 'boolean', default: false },
        'read-only': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  switch (command) {
    case 'import':
      if (rest.length === 0) throw new UsageError('import needs at least one file or folder');
      return runImport(rest, values.project, values.json);
    case 'list':
      if (rest[0] !== 'documents')
        throw new UsageError('usage: dossier list documents [--project FILE] [--json]');
      return runListDocuments(values.project, values.json);
    case 'search':
      if (rest.length !== 1)
        throw new UsageError('usage: dossier search "<query>" [--project FILE] [--json] [--limit N]');
      return runSearch(rest[0]!, values.project, values.json, parseLimit(values.limit));
    case 'reindex':
      return runReindex(values.project);
    case 'export':
      if (rest[0] === 'project' || rest[0] === 'qdpx') {
        if (rest.length !== 2) {
          throw new UsageError(
            `usage: dossier export ${rest[0]} OUT.${rest[0] === 'qdpx' ? 'qdpx' : 'dossier'} [--scope QUERY] [--project FILE]`,
          );
        }
        return runExportProject(rest[0] === 'qdpx' ? 'qdpx' : 'dossier', rest[1]!, values);
      }
      if (rest.length !== 1) {
        throw new UsageError(
          `usage: dossier export <${EXPORT_FORMATS.join('|')}> [-o FILE] [--style NAME|FILE.csl] [--locale TAG] [--scope QUERY] [--project FILE]`,
        );
      }
      return runExport(rest[0]!, values);
    case 'merge':
      if (rest.length !== 1) {
        throw new UsageError(
          'usage: dossier merge FILE.dossier|FILE.qdpx [--dry-run] [--json] [--project FILE]',
        );
      }
      return runMerge(rest[0]!, values);
    case 'serve':
      return runServe(values.project, parsePort(values.port), !values['no-open'], values['read-only']);
    case 'backup':
      if (rest.length > 0) throw new UsageError('usage: dossier backup [--project FILE]');
      return runBackup(values.project, values.json);
    case 'restore':
      if (rest.length > 1) throw new UsageError('usage: dossier restore [BACKUP] [--project FILE] [--json]');
      return runRestore(resolveProjectPath(values.project), rest[0], values.json);
    case 'check':
      if (rest.length > 0) throw new UsageError('usage: dossier check [--quick] [--project FILE] [--json]');
      return runCheck(resolveProjectPath(values.project), values.quick ? 'quick' : 'full', values.json);
    default:
      throw new UsageError(`unknown command "${command}" (try dossier --help)`);
  }
}

async function runExportProject(
  format: 'dossier' | 'qdpx',
  out: string,
  values: { project?: string | undefined; scope?: string | undefined; 'no-originals'?: boolean },
): Promise<number> {
  const app = new DossierApp({ projectPath: values.project });
  try {
    const showProgress = process.stderr.isTTY;
    const summary = await exportExchangeFile(
      app.project,
      resolve(out),
      {
        format,
        scope: values.scope ? { query: values.scope } : undefined,
        originals: !values['no-originals'],
      },
      untrackedJob((p) => {
        if (showProgress) process.stderr.write(`\rExporting ${p.phase} ${p.done}/${p.total}\x1b[K`);
      }),
    );
    if (showProgress) process.stderr.write('\r\x1b[K');
    const documents = summary.counts.documents ?? 0;
    process.stdout.write(
      `Wrote ${summary.path} (${(summary.bytes / 1024 / 1024).toFixed(1)} MB, ${documents} documents, ${summary.counts.highlights ?? 0} highlights, ${summary.counts.claims ?? 0} claims)\n`,
    );
    return 0;
  } finally {
    app.close();
  }
}

async function runMerge(
  file: string,
  values: { project?: string | undefined; json?: boolean; 'dry-run'?: boolean },
): Promise<number> {
  const app = new DossierApp({ projectPath: values.project });
  try {
    const job = untrackedJob((p) => {
      if (!values.json && process.stderr.isTTY)
        process.stderr.write(`\rReading ${p.phase} ${p.done}/${p.total}\x1b[K`);
    });
    const staged = await stageFile(pathSource(resolve(file)), job);
    if (!values.json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    try {
      const summary = values['dry-run']
        ? previewMerge(app.project, staged)
        : applyStagedMerge(app.project, staged, []);
      if (values.json) {
        process.stdout.write(
          `${JSON.stringify({ project: app.project.path, dryRun: !!values['dry-run'], ...summary }, null, 2)}\n`,
        );
      } else {
        process.stdout.write(mergeText(summary, !!values['dry-run']));
      }
      return 0;
    } finally {
      staged.close();
    }
  } finally {
    app.close();
  }
}

const KIND_LABELS: Record<string, string> = {
  documents: 'documents',
  highlights: 'highlights',
  tags: 'tags',
  entities: 'people, organisations and places',
  claims: 'claims',
  events: 'events',
  highlight_tags: 'tags on highlights',
  claim_passages: 'passages of claims',
  claim_tags: 'tags on claims',
  event_actors: 'actors of events',
  event_tags: 'tags on events',
  claim_events: 'claims on events',
  saved_searches: 'saved searches',
};

export function mergeText(summary: MergePlanSummary, dryRun: boolean): string {
  const lines: string[] = [];
  const from = `${summary.file.name} (project "${summary.file.projectName}", exported ${summary.file.exportedAt})`;
  lines.push(dryRun ? `Merging ${from} would change:` : `Merged ${from}:`);
  for (const [table, c] of Object.entries(summary.counts)) {
    if (c.added + c.updated + c.deleted + c.conflicts === 0) continue;
    const parts = [
      c.added ? `${c.added} new` : '',
      c.updated ? `${c.updated} updated` : '',
      c.deleted ? `${c.deleted} deleted` : '',
      c.conflicts ? `${c.conflicts} in conflict` : '',
    ].filter(Boolean);
    lines.push(`  ${KIND_LABELS[table] ?? table}: ${parts.join(', ')}`);
  }
  if (summary.changes === 0 && summary.conflicts.length === 0) {
    lines.push('  nothing: the project already has everything in the file');
  }
  for (const m of summary.documentMatches) {
    lines.push(`  same article imported twice, now one document: ${m.title ?? m.survivor}`);
  }
  for (const u of summary.tagUnifications) lines.push(`  tags with the same name, now one tag: ${u.path}`);
  for (const c of summary.conflicts) {
    lines.push(
      `  conflict: ${c.label} changed on both sides (${c.fields.join(', ')}); kept ${c.kept === 'ours' ? 'this project’s' : 'the file’s'} version, the later change`,
    );
  }
  for (const u of summary.unsupported) lines.push(`  not imported: ${u.kind} "${u.name}" (${u.detail})`);
  return `${lines.join('\n')}\n`;
}

async function runImport(paths: string[], projectPath: string | undefined, json: boolean): Promise<number> {
  const app = new DossierApp({ projectPath });
  try {
    const showProgress = !json && process.stderr.isTTY;
    // The first Ctrl+C stops reading files; those already read are stored, nothing is half-written. A second
    // one quits at once (each batch is one transaction, so the project stays consistent).
    const controller = new AbortController();
    const onInterrupt = () => {
      if (controller.signal.aborted) process.exit(130);
      controller.abort();
      process.stderr.write('\nStopping: storing the files already read (Ctrl+C again to quit now)…\n');
    };
    process.on('SIGINT', onInterrupt);
    const { results, cancelled } = await importPaths(app.project, paths, app.importLimits(), {
      signal: controller.signal,
      onProgress: (p) => {
        if (showProgress && p.current)
          process.stderr.write(
            `\rImporting ${p.done + 1}/${p.total} (${p.failed} failed): ${p.current}\x1b[K`,
          );
      },
    }).finally(() => process.off('SIGINT', onInterrupt));
    if (showProgress) process.stderr.write('\r\x1b[K');
    const report = { ...importReport(app.project.path, results), cancelled };
    if (json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      for (const d of report.imported) process.stdout.write(`imported  ${d.fileName}  "${d.title}"\n`);
      for (const d of report.alreadyPresent)
        process.stdout.write(`present   ${d.fileName}  (already in the project)\n`);
      for (const f of report.failed) process.stderr.write(`failed    ${f.fileName}: ${f.reason}\n`);
      process.stdout.write(
        `${report.imported.length} imported, ${report.alreadyPresent.length} already present, ${report.failed.length} failed${cancelled ? ' (cancelled)' : ''} — ${report.project}\n`,
      );
    }
    return report.failed.length > 0 || cancelled ? 1 : 0;
  } finally {
    app.close();
  }
}

function importReport(project: string, results: ImportFileResult[]) {
  const report = {
    project,
    imported: [] as ({ id: string; fileName: string; title: string } & Partial<DocumentSummary>)[],
    alreadyPresent: [] as { id: string; fileName: string; title: string }[],
    failed: [] as { fileName: string; reason: string }[],
  };
  for (const r of results) {
    if (r.status === 'imported') {
      const { id, title, outlet, authors, url, published, language, mediaType } = r.document;
      report.imported.push({
        id,
        fileName: r.fileName,
        title: title ?? r.fileName,
        ...{ outlet, authors, url, published, language, mediaType },
      });
    } else if (r.status === 'duplicate')
      report.alreadyPresent.push({ id: r.documentId, fileName: r.fileName, title: r.title });
    else report.failed.push({ fileName: r.fileName, reason: r.reason });
  }
  return report;
}

function runListDocuments(projectPath: string | undefined, json: boolean): number {
  const app = new DossierApp({ projectPath });
  try {
    const documents = listDocuments(app.project);
    if (json) {
      process.stdout.write(`${JSON.stringify({ project: app.project.path, documents }, null, 2)}\n`);
    } else if (documents.length === 0) {
      process.stdout.write(`No documents in ${app.project.path}\n`);
    } else {
      for (const d of documents) {
        const when = formatPartialDate(d.published);
        process.stdout.write(
          `${d.id}  ${d.title ?? d.fileName}${d.outlet ? ` — ${d.outlet}` : ''}${when ? ` (${when})` : ''}\n`,
        );
      }
    }
    return 0;
  } finally {
    app.close();
  }
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return 20;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new UsageError(`--limit must be a whole number from 1 to 200 (not "${value}")`);
  }
  return limit;
}

/** A snippet for a terminal: matches in brackets, on one line. */
function plainSnippet(snippet: string): string {
  return snippet.replaceAll(MATCH_START, '[').replaceAll(MATCH_END, ']').replace(/\s+/g, ' ').trim();
}

function runSearch(query: string, projectPath: string | undefined, json: boolean, limit: number): number {
  const app = new DossierApp({ projectPath });
  try {
    // Through the contract's checks (the query's length), as every transport's calls are.
    const { results, terms } = searchProject(app.project, parseInput('search.query', { query, limit }));
    if (json) {
      const plain = results.map((r) => ({ ...r, snippet: plainSnippet(r.snippet) }));
      process.stdout.write(
        `${JSON.stringify({ project: app.project.path, query, terms, results: plain }, null, 2)}\n`,
      );
      return 0;
    }
    if (results.length === 0) {
      process.stdout.write(`Nothing found for ${query}\n`);
      return 0;
    }
    let kind: string | null = null;
    for (const r of results) {
      if (r.kind !== kind) {
        kind = r.kind;
        process.stdout.write(`${kind === results[0]!.kind ? '' : '\n'}${SEARCH_KIND_LABELS[r.kind]}\n`);
      }
      const when = formatPartialDate(r.date);
      process.stdout.write(`  ${r.id}  ${r.title.replace(/\s+/g, ' ')}${when ? ` (${when})` : ''}\n`);
      if (r.snippet) process.stdout.write(`    ${plainSnippet(r.snippet)}\n`);
    }
    return 0;
  } finally {
    app.close();
  }
}

async function runExport(
  format: string,
  options: { project?: string; output?: string; style?: string; locale?: string; scope?: string },
): Promise<number> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown export format "${format}" (formats: ${EXPORT_FORMATS.join(', ')})`);
  }
  const extension = options.output ? extname(options.output).toLowerCase() : '';
  const output =
    extension === '.html' || extension === '.htm' ? 'html' : extension === '.rtf' ? 'rtf' : 'text';
  let styleFile: string | undefined;
  if (options.style?.toLowerCase().endsWith('.csl')) {
    if (statSync(options.style).size > MAX_STYLE_CHARS) {
      throw new DossierError('invalid_input', `${basename(options.style)} is too large to be a CSL style.`);
    }
    styleFile = readFileSync(options.style, 'utf8');
  }
  const app = new DossierApp({ projectPath: options.project });
  try {
    const input = parseInput('exports.render', {
      format,
      output,
      ...(options.style && !styleFile ? { style: options.style } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.scope ? { scope: options.scope } : {}),
    });
    const started = performance.now();
    const result = await renderExport(app.project, app.dataDir, input, { styleXml: styleFile });
    const content = result.encoding === 'base64' ? Buffer.from(result.content, 'base64') : result.content;
    if (!options.output) {
      process.stdout.write(content);
      return 0;
    }
    writeFileAtomic(resolve(options.output), content);
    process.stderr.write(
      `Wrote ${result.count} ${format === 'w3c' ? 'annotation' : format.startsWith('claim') || format.startsWith('report') ? 'claim' : format === 'timeline-json' ? 'event' : 'reference'}${result.count === 1 ? '' : 's'} to ${options.output} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return 0;
  } finally {
    app.close();
  }
}

function runReindex(projectPath: string | undefined): number {
  const app = new DossierApp({ projectPath });
  try {
    const started = performance.now();
    const { rows } = reindex(app.project);
    process.stdout.write(
      `Indexed ${rows} rows of ${app.project.path} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return 0;
  } finally {
    app.close();
  }
}

async function runServe(
  projectPath: string | undefined,
  port: number | undefined,
  open: boolean,
  readOnly: boolean,
): Promise<number> {
  const staticDir = rendererBuildDir();
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new DossierError(
      'unsupported',
      `The app is not built (${staticDir} is missing); run "npm run build" first.`,
    );
  }
  const app = new DossierApp({
    projectPath,
    scheduleBackups: !readOnly,
    whenDamaged: 'open-default',
    readOnly,
  });
  const damaged = (await app.dispatch('backups.damaged', {})) as { project: { path: string } } | null;
  if (damaged) {
    process.stderr.write(
      `${damaged.project.path} is damaged and was not opened; open the page to restore one of its backups.\n`,
    );
  }
  // A file travels base64-encoded inside JSON: a third larger, plus room for the envelope.
  const maxBodyBytes = Math.ceil((app.maxFileBytes * 4) / 3) + 1024 * 1024;
  const server = await startServer({ dispatch: app.dispatch, staticDir, port, maxBodyBytes });
  process.stdout.write(`Dossier is serving ${app.project.path}\nOpen ${server.url}\nPress Ctrl+C to stop.\n`);
  if (open) openInBrowser(server.url);
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  app.close();
  return 0;
}

/** The renderer build: dist/renderer beside the sources, or ../renderer beside the bundled CLI. */
function rendererBuildDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  if (process.env.DOSSIER_RENDERER_DIR) return process.env.DOSSIER_RENDERER_DIR;
  return basename(dirname(here)) === 'dist'
    ? join(here, '..', 'renderer')
    : join(here, '..', 'dist', 'renderer');
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0-65535, not "${value}"`);
  return port;
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write('Could not open a browser; open the URL above yourself.\n'));
    child.unref();
  } catch {
    process.stderr.write('Could not open a browser; open the URL above yourself.\n');
  }
}

/** Runs the command line and exits with its status; the bin shim and `npm run dossier` both land here. */
export function runCli(argv: string[] = process.argv.slice(2)): void {
  main(argv).then(
    (code) => process.exit(code),
    (error: unknown) => {
      let message = error instanceof Error ? error.message : String(error);
      // A damaged project: which backup to restore, and the command that does it.
      if (error instanceof DamagedProjectError) message = `${message} ${latestBackupAdvice(error.path)}`;
      process.stderr.write(`dossier: ${message.split('\n')[0]}\n`);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) runCli();
