// Backups on a schedule (electron/services/backup-schedule.ts): a minute after the start, then every 30
// minutes while the project changes; never for a read-only project; a failure is reported and tried again.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupFileName, backupFolder, listBackups } from '../../../../electron/db/backup-files';
import {
  BACKUP_INTERVAL_MS,
  BackupScheduler,
  FIRST_BACKUP_DELAY_MS,
  planBackup,
} from '../../../../electron/services/backup-schedule';
import type { Project } from '../../../../electron/project';
import { tempDir } from '../../helpers/temp';

const MINUTE = 60_000;

describe('planBackup', () => {
  const interval = 30 * MINUTE;
  it('backs up at once when there is no backup yet', () => {
    expect(planBackup({ now: 1000, lastBackupAt: null, lastChangeAt: null, intervalMs: interval })).toEqual({
      backupNow: true,
      nextInMs: interval,
    });
  });
  it('waits out the interval after the last backup', () => {
    const plan = planBackup({
      now: 10 * MINUTE,
      lastBackupAt: 0,
      lastChangeAt: 5 * MINUTE,
      intervalMs: interval,
    });
    expect(plan).toEqual({ backupNow: false, nextInMs: 20 * MINUTE });
  });
  it('backs up a changed project once the interval is over, and not an unchanged one', () => {
    expect(
      planBackup({ now: 31 * MINUTE, lastBackupAt: 0, lastChangeAt: MINUTE, intervalMs: interval }),
    ).toEqual({
      backupNow: true,
      nextInMs: interval,
    });
    expect(
      planBackup({ now: 31 * MINUTE, lastBackupAt: MINUTE, lastChangeAt: 0, intervalMs: interval }),
    ).toEqual({
      backupNow: false,
      nextInMs: interval,
    });
  });
  it('backs up when it cannot tell whether the project changed', () => {
    expect(
      planBackup({ now: 31 * MINUTE, lastBackupAt: 0, lastChangeAt: null, intervalMs: interval }).backupNow,
    ).toBe(true);
  });
});

describe('BackupScheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function setUp(readOnly = false) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2025-03-01T09:00:00Z'));
    const path = join(tempDir(), 'project.sqlite');
    const project = { path, readOnly } as Project;
    let changedAt: number | null = Date.now();
    let fail = false;
    const made: number[] = [];
    const results: unknown[] = [];
    const scheduler = new BackupScheduler({
      project: () => project,
      changedAt: () => changedAt,
      backup: async () => {
        if (fail) throw new Error('the disk is full');
        // A backup as the real one names it, at the (fake) time it is made.
        mkdirSync(backupFolder(path), { recursive: true });
        writeFileSync(join(backupFolder(path), backupFileName(new Date().toISOString(), 'scheduled')), '');
        made.push(Date.now());
      },
      onResult: (error) => results.push(error),
    });
    return {
      scheduler,
      made,
      results,
      path,
      change: () => {
        changedAt = Date.now();
      },
      failNext: (value: boolean) => {
        fail = value;
      },
      advance: async (ms: number) => {
        await vi.advanceTimersByTimeAsync(ms);
      },
    };
  }

  it('backs up a minute after the start, then every 30 minutes while the project changes', async () => {
    const s = setUp();
    s.scheduler.start();
    await s.advance(FIRST_BACKUP_DELAY_MS - 1);
    expect(s.made).toHaveLength(0);
    await s.advance(1);
    expect(s.made).toHaveLength(1);
    // Unchanged: no new backup, however long the app runs.
    await s.advance(3 * BACKUP_INTERVAL_MS);
    expect(s.made).toHaveLength(1);
    s.change();
    await s.advance(BACKUP_INTERVAL_MS);
    expect(s.made).toHaveLength(2);
    expect(s.made[1]! - s.made[0]!).toBeGreaterThanOrEqual(BACKUP_INTERVAL_MS);
    expect(listBackups(s.path)).toHaveLength(2);
    s.scheduler.stop();
    s.change();
    await s.advance(5 * BACKUP_INTERVAL_MS);
    expect(s.made).toHaveLength(2);
  });

  it('never backs up a read-only project', async () => {
    const s = setUp(true);
    s.scheduler.start();
    await s.advance(3 * BACKUP_INTERVAL_MS);
    expect(s.made).toEqual([]);
    s.scheduler.stop();
  });

  it('reports a failed backup and tries again at the next interval', async () => {
    const s = setUp();
    s.failNext(true);
    s.scheduler.start();
    await s.advance(FIRST_BACKUP_DELAY_MS);
    expect(s.made).toEqual([]);
    expect(String(s.results[0])).toMatch(/disk is full/);
    s.failNext(false);
    await s.advance(BACKUP_INTERVAL_MS);
    expect(s.made).toHaveLength(1);
    expect(s.results.at(-1)).toBeNull();
    s.scheduler.stop();
  });
});
