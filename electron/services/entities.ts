// STUB: filled in by the codebook helper.
import type { OpParsedInput } from '../../shared/contract';
import type { Entity } from '../../shared/annotations';
import { DossierError } from '../../shared/errors';
import type { Project } from '../project';

const todo = (): never => {
  throw new DossierError('unsupported', 'Not built yet');
};
export function listEntities(_project: Project): Entity[] {
  return todo();
}
export function createEntity(_project: Project, _input: OpParsedInput<'entities.create'>): Entity {
  return todo();
}
export function updateEntity(_project: Project, _input: OpParsedInput<'entities.update'>): Entity {
  return todo();
}
export function mergeEntities(_project: Project, _input: OpParsedInput<'entities.merge'>): Entity {
  return todo();
}
export function deleteEntity(_project: Project, _id: string): { id: string } {
  return todo();
}
