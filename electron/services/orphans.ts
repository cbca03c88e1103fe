// STUB: filled in by the claims helper.
import type { OpParsedInput } from '../../shared/contract';
import type { OrphanedHighlight } from '../../shared/annotations';
import type { Highlight } from '../../shared/domain';
import { DossierError } from '../../shared/errors';
import type { Project } from '../project';

const todo = (): never => {
  throw new DossierError('unsupported', 'Not built yet');
};
export function listOrphans(_project: Project): OrphanedHighlight[] {
  return todo();
}
export function reattachHighlight(_project: Project, _input: OpParsedInput<'highlights.reattach'>): Highlight {
  return todo();
}
