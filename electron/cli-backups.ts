// The command line's backup commands: `dossier backup`, `dossier restore [BACKUP]` and `dossier check`.
// They print the contract's shapes (shared/contract-backups.ts) with --json. `restore` and `check` work on
// a project that cannot be opened (a damaged one): they never open it for writing.
import { basename } from 'node:path';
import type { BackupInfo, BackupList, CheckReport } from '../shared/contract-backups';
import { parseInput } from '../shared/contract';
import { directClient } from './dispatch';
import { DossierApp } from './app';
import { projectNameFromPath } from './db/connection';
import { Project } from './project';
import { backupInfo, backupList, checkProjectFile, restoreProject } from './services/backup';

const REASONS: Record<BackupInfo['reason'], string> = {
  scheduled: 'scheduled',
  manual: 'made by hand',
  'before-upgrade': 'before an upgrade',
  'before-restore': 'before a restore',
};

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A backup's time in the user's time zone, to the second: "2025-11-27 23:50:01". */
export function localTime(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

export async function runBackup(projectPath: string | undefined, json: boolean): Promise<number> {
  const app = new DossierApp({ projectPath });
  try {
    const backup = await directClient(app.dispatch)('backups.create', {});
    const list = backupList(app.project.path, app.project.name);
    if (json) process.stdout.write(`${JSON.stringify({ project: app.project.path, backup }, null, 2)}\n`);
    else {
      process.stdout.write(
        `Backed up ${app.project.path} to ${list.folder}/${backup.fileName} (${megabytes(backup.bytes)}); ${list.backups.length} backups kept.\n`,
      );
    }
    return 0;
  } finally {
    app.close();
  }
}

export async function runRestore(
  projectPath: string,
  fileName: string | undefined,
  json: boolean,
): Promise<number> {
  if (fileName === undefined) {
    const list = backupList(projectPath, projectNameFromPath(projectPath));
    if (json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    else process.stdout.write(backupListText(list));
    return 0;
  }
  // Through the contract's check of the name: only a backup's name, never a path.
  const input = parseInput('backups.restore', { fileName });
  const result = await restoreProject(projectPath, input.fileName);
  // Opened once, as the app would: a backup from before an upgrade is upgraded now, and anything wrong shows.
  Project.open(projectPath, { create: false }).close();
  const restored: BackupInfo = backupInfo(result.restored);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ project: projectPath, restored, keptAs: result.keptAs }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(
      `Restored ${projectPath} from its backup of ${localTime(restored.createdAt)} (${REASONS[restored.reason]}).\n`,
    );
    if (result.keptAs) {
      process.stdout.write(`The project as it was before is kept as ${result.keptAs}.\n`);
    }
  }
  return 0;
}

export function backupListText(list: BackupList): string {
  if (list.backups.length === 0) return `${list.project.path} has no backups (in ${list.folder}).\n`;
  const lines = [`Backups of ${list.project.path} (in ${list.folder}), newest first:`];
  for (const b of list.backups) {
    lines.push(
      `  ${b.fileName}  ${localTime(b.createdAt)}  ${megabytes(b.bytes).padStart(9)}  ${REASONS[b.reason]}`,
    );
  }
  lines.push(`Restore one with: dossier restore BACKUP --project "${list.project.path}"`);
  return `${lines.join('\n')}\n`;
}

export function runCheck(projectPath: string, level: 'quick' | 'full', json: boolean): number {
  const report: CheckReport = checkProjectFile(projectPath, level);
  if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    process.stdout.write(`${report.verdict}\n`);
    for (const problem of report.problems.slice(1)) process.stdout.write(`  also: ${problem}\n`);
    if (!report.ok) {
      const latest = backupList(projectPath, basename(projectPath)).backups[0];
      if (latest) {
        process.stdout.write(
          `Its latest backup is from ${localTime(latest.createdAt)}; restore it with: dossier restore ${latest.fileName} --project "${projectPath}"\n`,
        );
      }
    }
  }
  return report.ok ? 0 : 1;
}

/** For a damaged project's error: its latest backup and the command that restores it (one line). */
export function latestBackupAdvice(projectPath: string): string {
  const list = backupList(projectPath, basename(projectPath));
  const latest = list.backups[0];
  if (!latest) return `It has no backups in ${list.folder}.`;
  return `Its latest backup is from ${localTime(latest.createdAt)} (${megabytes(latest.bytes)}); restore it with: dossier restore ${latest.fileName} --project "${projectPath}"`;
}
