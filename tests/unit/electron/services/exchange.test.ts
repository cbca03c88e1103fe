// The exchange operations as every transport calls them (issue 8): export to a path or as a download, preview
// and apply a merge from a path or an upload, open a file as a new project, conflicts kept aside and taking the
// other version, progress and cancel of a long job.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusApp, highlightQuote, makeApp, rejection } from '../../helpers/app';
import { tempDir } from '../../helpers/temp';

async function sharedClaim() {
  const a = await corpusApp();
  const tass = a.docs.get('tass-rogozin-trust.txt')!;
  const highlight = await highlightQuote(a.call, tass, 'Rogozin');
  const claim = await a.call('claims.create', {
    passage: { highlightId: highlight.id },
    statement: 'Trust is key',
  });
  const path = join(tempDir(), 'a.dossier');
  await a.call('exchange.export', { target: { path } });
  return { a, claim, path };
}

describe('exchange operations', () => {
  it('exports to a path and as a download, the same file apart from the export time', async () => {
    const { a, path } = await sharedClaim();
    const written = readFileSync(path);
    expect(written.subarray(0, 2).toString()).toBe('PK');
    const download = await a.call('exchange.export', { target: { download: true } });
    expect(download?.fileName).toMatch(/\.dossier$/);
    expect(download?.counts).toMatchObject({ documents: 5, highlights: 1, claims: 1 });
    expect(Math.abs(Buffer.from(download!.dataBase64!, 'base64').length - written.length)).toBeLessThan(10);
  });

  it('previews a file without changing anything, then applies it; a discarded preview is gone', async () => {
    const { path } = await sharedClaim();
    const b = makeApp();
    const preview = await b.call('exchange.preview', { source: { path } });
    expect(preview!.summary.counts.claims!.added).toBe(1);
    expect(await b.call('claims.list', {})).toEqual([]);
    const report = await b.call('exchange.apply', { token: preview!.token });
    expect(report.counts.documents!.added).toBe(5);
    expect((await b.call('claims.list', {})).map((c) => c.statement)).toEqual(['Trust is key']);
    // The token is spent.
    expect((await rejection(b.call('exchange.apply', { token: preview!.token }))).code).toBe('not_found');

    const upload = await b.call('exchange.preview', {
      source: { fileName: 'from-a.dossier', dataBase64: readFileSync(path).toString('base64') },
    });
    expect(upload!.summary.file.name).toBe('from-a.dossier');
    expect(upload!.summary.changes).toBe(0);
    await b.call('exchange.discard', { token: upload!.token });
    expect((await rejection(b.call('exchange.apply', { token: upload!.token }))).code).toBe('not_found');
  });

  it('opens a file as a new project with its name, and refuses to overwrite a file', async () => {
    const { a, path } = await sharedClaim();
    const b = makeApp();
    const target = join(tempDir(), 'copy.sqlite');
    const opened = await b.call('exchange.openAsProject', { source: { path }, target: { path: target } });
    expect(opened!.path).toBe(target);
    expect(opened!.name).toBe(a.app.project.name);
    expect(b.app.project.path).toBe(target);
    expect((await b.call('claims.list', {})).map((c) => c.statement)).toEqual(['Trust is key']);
    const again = await rejection(
      b.call('exchange.openAsProject', { source: { path }, target: { path: target } }),
    );
    expect(again.code).toBe('project_error');
    // Nothing half-made is left beside it.
    expect(readdirSync(join(target, '..')).filter((f) => f.startsWith('.dossier-'))).toEqual([]);
  });

  it('keeps the version a conflict did not take, and takes it on request', async () => {
    const { a, claim, path } = await sharedClaim();
    const b = makeApp();
    const first = await b.call('exchange.preview', { source: { path } });
    await b.call('exchange.apply', { token: first!.token });
    await b.call('claims.update', { id: claim.id, statement: 'B says so' });
    await a.call('claims.update', { id: claim.id, statement: 'A says so' });
    const fromA = join(tempDir(), 'a2.dossier');
    await a.call('exchange.export', { target: { path: fromA } });
    const preview = await b.call('exchange.preview', { source: { path: fromA } });
    expect(preview!.summary.conflicts).toHaveLength(1);
    const report = await b.call('exchange.apply', { token: preview!.token });
    expect(report.conflicts[0]!.kept).toBe('theirs');
    expect((await b.call('claims.get', { id: claim.id })).statement).toBe('A says so');

    const conflicts = await b.call('exchange.conflicts', {});
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ table: 'claims', key: claim.id, kept: 'theirs', current: true });
    expect(conflicts[0]!.ours.statement).toBe('B says so');
    await b.call('exchange.resolve', {
      mergeId: report.mergeId,
      table: 'claims',
      key: claim.id,
      take: 'ours',
    });
    expect((await b.call('claims.get', { id: claim.id })).statement).toBe('B says so');
    expect(await b.call('exchange.conflicts', {})).toEqual([]);
    // Taking our version is a change of ours: A receives it without a conflict.
    const fromB = join(tempDir(), 'b.dossier');
    await b.call('exchange.export', { target: { path: fromB } });
    const back = await a.call('exchange.preview', { source: { path: fromB } });
    expect(back!.summary.conflicts).toEqual([]);
    await a.call('exchange.apply', { token: back!.token });
    expect((await a.call('claims.get', { id: claim.id })).statement).toBe('B says so');
  });

  it('refuses to take the other version of a row edited since the merge', async () => {
    const { a, claim, path } = await sharedClaim();
    const b = makeApp();
    const first = await b.call('exchange.preview', { source: { path } });
    await b.call('exchange.apply', { token: first!.token });
    await b.call('claims.update', { id: claim.id, status: 'disputed' });
    await a.call('claims.update', { id: claim.id, status: 'supported' });
    const fromA = join(tempDir(), 'a2.dossier');
    await a.call('exchange.export', { target: { path: fromA } });
    const preview = await b.call('exchange.preview', { source: { path: fromA } });
    const report = await b.call('exchange.apply', { token: preview!.token });
    await b.call('claims.update', { id: claim.id, note: 'edited after the merge' });
    const [conflict] = await b.call('exchange.conflicts', {});
    expect(conflict!.current).toBe(false);
    const refused = await rejection(
      b.call('exchange.resolve', { mergeId: report.mergeId, table: 'claims', key: claim.id, take: 'ours' }),
    );
    expect(refused.code).toBe('conflict');
    expect((await b.call('claims.get', { id: claim.id })).note).toBe('edited after the merge');
  });

  it('reports progress while exporting and stops when cancelled, leaving no file', async () => {
    const { a } = await sharedClaim();
    const path = join(tempDir(), 'cancelled.dossier');
    const jobId = 'job-cancel-1234';
    const running = a.call('exchange.export', { target: { path }, jobId });
    expect(await a.call('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    const error = await rejection(running);
    expect(error.code).toBe('cancelled');
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(join(path, '..'))).toEqual([]);
    expect(await a.call('jobs.progress', { jobId })).toBeNull();
    expect(await a.call('jobs.cancel', { jobId })).toEqual({ cancelled: false });
  });

  it('refuses typed paths in the desktop app', async () => {
    const { a } = await sharedClaim();
    const { DossierApp } = await import('../../../../electron/app');
    const { directClient } = await import('../../../../electron/dispatch');
    const desktop = new DossierApp({
      projectPath: a.app.project.path,
      env: { DOSSIER_HOME: tempDir() },
      allowTypedProjectPaths: false,
    });
    try {
      const call = directClient(desktop.dispatch);
      const refused = await rejection(
        call('exchange.export', { target: { path: join(tempDir(), 'x.dossier') } }),
      );
      expect(refused.code).toBe('unsupported');
      expect((await rejection(call('exchange.preview', { source: { path: '/etc/passwd' } }))).code).toBe(
        'unsupported',
      );
    } finally {
      desktop.close();
    }
  });
});
