// The work a fault test's child process does (see worker.ts for what it prints), through the app's own
// services, as the desktop app and the command line do. One module per kind of work, loaded on demand, so a
// child starts with only the code it needs.
import { Project } from '../../../electron/project';
import {
  applyStagedMerge,
  exportExchangeFile,
  pathSource,
  stageFile,
} from '../../../electron/services/exchange';
import { untrackedJob } from '../../../electron/jobs';
import { say } from './say';

type Options = Record<string, unknown>;

function open(options: Options, create = false): Project {
  return Project.open(String(options.project), { create, readOnly: options.readOnly === true });
}

/** Merges a .dossier file: read and checked first, then applied in one transaction. */
async function merge(options: Options): Promise<unknown> {
  const project = open(options);
  say('ready');
  const staged = await stageFile(pathSource(String(options.file)), untrackedJob());
  say('mark staged');
  try {
    const report = applyStagedMerge(project, staged, []);
    return { changes: report.changes };
  } finally {
    staged.close();
    project.close();
  }
}

async function exportProject(options: Options): Promise<unknown> {
  const project = open(options);
  say('ready');
  try {
    const summary = await exportExchangeFile(
      project,
      String(options.out),
      { format: 'dossier', originals: true },
      untrackedJob(),
    );
    return { bytes: summary.bytes };
  } finally {
    project.close();
  }
}

export const MODES = { merge, export: exportProject };
