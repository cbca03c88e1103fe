// The work a fault test's child process does (see worker.ts for what it prints), through the app's own
// services, as the desktop app and the command line do. One module per kind of work, loaded on demand, so a
// child starts with only the code it needs.
import { Project } from '../../../electron/project';
import { importPaths } from '../../../electron/services/import-paths';
import { say } from './say';

type Options = Record<string, unknown>;

function open(options: Options, create = false): Project {
  return Project.open(String(options.project), { create, readOnly: options.readOnly === true });
}

/** Imports a folder: every file parsed first, then all stored in one batch (one transaction). */
async function importFolder(options: Options): Promise<unknown> {
  const project = open(options);
  say('ready');
  let parsed = false;
  const { results } = await importPaths(
    project,
    [String(options.folder)],
    { maxFileBytes: 50 * 1024 * 1024 },
    {
      onProgress: (p) => {
        if (!parsed && p.total > 0 && p.done === p.total) {
          parsed = true;
          say('mark parsed');
        }
      },
    },
  );
  project.close();
  return {
    imported: results.filter((r) => r.status === 'imported').length,
    failed: results.filter((r) => r.status === 'failed').map((r) => (r.status === 'failed' ? r.reason : '')),
  };
}

export const MODES = { import: importFolder };
