// The names of every operation, without their schemas, so the sandboxed preload can stay tiny.
// shared/contract.ts proves at compile time that this list and the contract agree.
export const OPERATION_NAMES = [
  'app.info',
  'projects.recent',
  'projects.open',
  'projects.create',
  'projects.openDialog',
  'projects.createDialog',
  'documents.list',
  'documents.get',
  'documents.importFile',
  'documents.reimportFile',
  'documents.updateMetadata',
  'documents.setBoilerplate',
  'highlights.list',
  'highlights.create',
  'highlights.update',
  'highlights.delete',
  'highlights.restore',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

export function isOperationName(name: string): name is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(name);
}
