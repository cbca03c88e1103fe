// REFI-QDA (.qdpx) export and import: placeholder until the QDA-XML layer lands.
import { DossierError } from '../../shared/errors';
import type { Job } from '../jobs';
import type { Project } from '../project';
import type { ExportSummary } from './export';
import type { StagedFile } from './read';

export async function exportQdpxFile(
  _project: Project,
  _path: string,
  _options: { scope: unknown; job: Job },
): Promise<ExportSummary> {
  throw new DossierError('unsupported', 'REFI-QDA export is not available yet.');
}

export async function readQdpxFile(_path: string, _options: { job: Job }): Promise<StagedFile> {
  throw new DossierError('unsupported', 'REFI-QDA import is not available yet.');
}
