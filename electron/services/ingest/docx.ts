// Word documents through mammoth, into the same blocks as web pages.
import { DossierError } from '../../../shared/errors';
import type { ReadDocument } from './types';

export function readDocx(_bytes: Uint8Array): Promise<ReadDocument> {
  return Promise.reject(new DossierError('import_refused', 'Word import is not ready yet'));
}
