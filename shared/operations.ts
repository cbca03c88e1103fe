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
  'highlights.reattach',
  'tags.list',
  'tags.create',
  'tags.createPath',
  'tags.update',
  'tags.merge',
  'tags.delete',
  'tags.apply',
  'tags.remove',
  'entities.list',
  'entities.create',
  'entities.update',
  'entities.merge',
  'entities.delete',
  'claims.list',
  'claims.get',
  'claims.create',
  'claims.update',
  'claims.addPassage',
  'claims.removePassage',
  'claims.delete',
  'orphans.list',
  'history.state',
  'history.undo',
  'history.redo',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

export function isOperationName(name: string): name is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(name);
}
