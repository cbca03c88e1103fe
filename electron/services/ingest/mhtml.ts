// Single-file web captures (.mhtml): the HTML part of a MIME multipart/related message.
import { DossierError } from '../../../shared/errors';
import type { ReadDocument } from './types';

export function readMhtml(_bytes: Uint8Array): ReadDocument {
  throw new DossierError('import_refused', 'MHTML import is not ready yet');
}
