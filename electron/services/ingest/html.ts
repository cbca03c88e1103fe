// Web pages: the article extracted with Mozilla's Readability, turned into blocks; metadata from the head.
import { DossierError } from '../../../shared/errors';
import type { ReadDocument } from './types';

export function readHtml(_bytes: Uint8Array): ReadDocument {
  throw new DossierError('import_refused', 'HTML import is not ready yet');
}
