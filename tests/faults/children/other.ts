// The work a fault test's child process does (see worker.ts for what it prints), through the app's own
// services, as the desktop app and the command line do. One module per kind of work, loaded on demand, so a
// child starts with only the code it needs.
import { main as cli } from '../../../electron/cli';
import { Project } from '../../../electron/project';
import { createTag } from '../../../electron/services/codebook';
import { backupProject } from '../../../electron/services/backup';
import { say } from './say';

type Options = Record<string, unknown>;

function open(options: Options, create = false): Project {
  return Project.open(String(options.project), { create, readOnly: options.readOnly === true });
}

/** Opens the project (an upgrade runs here) and says what it found. */
function openAndCount(options: Options): unknown {
  say('ready');
  const project = open(options);
  const counts = {
    version: project.db.pragma('user_version', { simple: true }),
    readOnly: project.readOnly,
    documents: project.db.prepare(`SELECT count(*) FROM documents`).pluck().get(),
    tags: project.db.prepare(`SELECT count(*) FROM tags`).pluck().get(),
  };
  let writeRefused: string | null = null;
  if (options.tryWrite) {
    try {
      createTag(project, { name: 'Should not be written', parentId: null, description: '' });
    } catch (error) {
      writeRefused = (error as Error).message;
    }
  }
  project.close();
  return { ...counts, writeRefused, uid: process.getuid?.() ?? null };
}

async function backup(options: Options): Promise<unknown> {
  const project = open(options);
  say('ready');
  try {
    const file = await backupProject(project, 'manual');
    return { fileName: file.fileName, bytes: file.bytes };
  } finally {
    project.close();
  }
}

/** The dossier command itself, in this process: its exit status and what it printed are the result. */
async function command(options: Options): Promise<unknown> {
  say('ready');
  const status = await cli(options.argv as string[]);
  return { status };
}

export const MODES = { open: openAndCount, backup, cli: command };
