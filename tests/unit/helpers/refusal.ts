// The message a researcher sees when Dossier refuses a file; fails the test if the file was not refused.
import { DossierError } from '../../../shared/errors';

export async function refusalOf(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (error) {
    if (error instanceof DossierError && error.code === 'import_refused') return error.message;
    throw error;
  }
  throw new Error('expected the file to be refused');
}
