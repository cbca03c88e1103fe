// STUB: filled in by the claims helper.
import type { OpParsedInput } from '../../shared/contract';
import type { Claim } from '../../shared/annotations';
import { DossierError } from '../../shared/errors';
import type { Project } from '../project';

const todo = (): never => {
  throw new DossierError('unsupported', 'Not built yet');
};
export function listClaims(_project: Project): Claim[] {
  return todo();
}
export function getClaim(_project: Project, _id: string): Claim {
  return todo();
}
export function createClaim(_project: Project, _input: OpParsedInput<'claims.create'>): Claim {
  return todo();
}
export function updateClaim(_project: Project, _input: OpParsedInput<'claims.update'>): Claim {
  return todo();
}
export function addClaimPassage(_project: Project, _input: OpParsedInput<'claims.addPassage'>): Claim {
  return todo();
}
export function removeClaimPassage(_project: Project, _input: OpParsedInput<'claims.removePassage'>): Claim {
  return todo();
}
export function deleteClaim(_project: Project, _id: string): { id: string } {
  return todo();
}
