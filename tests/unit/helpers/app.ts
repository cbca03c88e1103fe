// A Dossier app on a fresh project in a temporary folder, called through the same dispatch every transport
// uses, and a helper to catch the DossierError a call is expected to reject with.
import { join } from 'node:path';
import { expect } from 'vitest';
import { DossierApp } from '../../../electron/app';
import { directClient } from '../../../electron/dispatch';
import { DossierError } from '../../../shared/errors';
import { tempDir } from './temp';

export function makeApp() {
  const dir = tempDir();
  const app = new DossierApp({ projectPath: join(dir, 'project.sqlite'), env: { DOSSIER_HOME: dir } });
  return { app, dir, call: directClient(app.dispatch) };
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
