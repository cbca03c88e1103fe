// A Dossier app on a fresh project in a temporary folder, called through the same dispatch every transport
// uses, a helper to catch the DossierError a call is expected to reject with, and one to import a text.
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
