// The language of a document, detected from its own words (not its file name or its template's lang tag).
import type { Block } from '../../../shared/domain';
import type { Found } from './types';

export function detectLanguage(_text: string, _blocks: Block[]): Found<string> | undefined {
  return undefined;
}
