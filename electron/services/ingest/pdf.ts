// PDFs through pdf.js: text per page, blocks carry their page number so a citation can name the page.
import { DossierError } from '../../../shared/errors';
import type { ReadDocument } from './types';

export function readPdf(_bytes: Uint8Array): Promise<ReadDocument> {
  return Promise.reject(new DossierError('import_refused', 'PDF import is not ready yet'));
}
