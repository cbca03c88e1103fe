// A Dossier app on a fresh project in a temporary folder, called through the same dispatch every transport
// uses, a helper to catch the DossierError a call is expected to reject with, and one to import a text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DossierApp } from '../../../electron/app';
import { directClient } from '../../../electron/dispatch';
import type { DocumentSummary } from '../../../shared/domain';
import { DossierError } from '../../../shared/errors';
import { tempDir } from './temp';

export function makeApp() {
  const dir = tempDir();
  const app = new DossierApp({ projectPath: join(dir, 'project.sqlite'), env: { DOSSIER_HOME: dir } });
  return { app, dir, call: directClient(app.dispatch) };
}

export type Call = ReturnType<typeof makeApp>['call'];

/** Imports `text` as a file named `fileName`; throws unless it was imported (not a duplicate, not failed). */
export async function importText(call: Call, fileName: string, text: string): Promise<DocumentSummary> {
  const dataBase64 = Buffer.from(text, 'utf8').toString('base64');
  const result = await call('documents.importFile', { fileName, dataBase64 });
  if (result.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(result)}`);
  return result.document;
}

export async function rejection(promise: Promise<unknown>): Promise<DossierError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DossierError);
    return error as DossierError;
  }
  throw new Error('expected the call to be rejected');
}

/** The five corpus articles (tests/fixtures/corpus), by file name. */
export const CORPUS_FILES = [
  'thanhnien-agreements.txt',
  'tass-rogozin-trust.txt',
  'albaciudad-borisov-nl.txt',
  'foxnews-rodriguez-lavrov.txt',
  'maduro-russian-military-experts.txt',
] as const;

/** An app with the five corpus articles imported; `docs` maps each file name to its document id. */
export async function corpusApp() {
  const made = makeApp();
  const docs = new Map<string, string>();
  for (const file of CORPUS_FILES) {
    const text = readFileSync(join(process.cwd(), 'tests', 'fixtures', 'corpus', file), 'utf8');
    docs.set(file, (await importText(made.call, file, text)).id);
  }
  return { ...made, docs };
}

/** Highlights the first occurrence of `quote` in a document (the test fails if it is not there). */
export async function highlightQuote(call: Call, documentId: string, quote: string, note = '') {
  const { text } = await call('documents.get', { id: documentId });
  const start = text.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  return call('highlights.create', { documentId, start, end: start + quote.length, note });
}
