// STUB: filled in by the codebook helper.
import type { OpParsedInput } from '../../shared/contract';
import type { Tag } from '../../shared/annotations';
import { DossierError } from '../../shared/errors';
import type { Project } from '../project';

const todo = (): never => {
  throw new DossierError('unsupported', 'Not built yet');
};
export function listTags(_project: Project): Tag[] {
  return todo();
}
export function createTag(_project: Project, _input: OpParsedInput<'tags.create'>): Tag {
  return todo();
}
export function updateTag(_project: Project, _input: OpParsedInput<'tags.update'>): Tag {
  return todo();
}
export function mergeTags(_project: Project, _input: OpParsedInput<'tags.merge'>): Tag {
  return todo();
}
export function deleteTag(_project: Project, _id: string): { id: string } {
  return todo();
}
export function applyTag(_project: Project, _input: OpParsedInput<'tags.apply'>): { changed: number } {
  return todo();
}
export function removeTag(_project: Project, _input: OpParsedInput<'tags.remove'>): { changed: number } {
  return todo();
}
