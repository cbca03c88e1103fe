// Merging .dossier files between teammates' projects: the rules of issue 8 on the corpus articles, through
// the same export, staging and merge code the app runs.
import { describe, expect, it } from 'vitest';
import { corpusApp, highlightQuote, makeApp, type Call } from '../../helpers/app';
import { applyMerge } from '../../../../electron/exchange/merge';
import { readDossierFile } from '../../../../electron/exchange/read';
import { exportTo, mergeFile, mergeProjects, projectContent, staleSearchRows } from '../../helpers/exchange';

async function annotate(call: Call, documentId: string, quote: string, statement: string) {
  const highlight = await highlightQuote(call, documentId, quote);
  const claim = await call('claims.create', { passage: { highlightId: highlight.id }, statement });
  return { highlight, claim };
}

describe('merging a .dossier file', () => {
  it('copies a whole project into an empty one, row for row', async () => {
    const a = await corpusApp();
    const tass = a.docs.get('tass-rogozin-trust.txt')!;
    const { highlight, claim } = await annotate(a.call, tass, 'Rogozin', 'Rogozin spoke of trust');
    const tag = await a.call('tags.createPath', { names: ['Actors', 'Russia'] });
    await a.call('tags.apply', { tagId: tag.id, highlightIds: [highlight.id], claimIds: [claim.id] });
    const event = await a.call('events.create', { title: 'Visit to Caracas', start: '2019-03' });
    await a.call('events.linkClaim', { eventId: event.id, claimId: claim.id, relation: 'supports' });

    const b = makeApp();
    const { preview, report } = await mergeProjects(b.app.project, a.app.project);
    expect(preview.counts.documents!.added).toBe(5);
    expect(preview.counts.claims!.added).toBe(1);
    expect(preview.conflicts).toEqual([]);
    expect(report.changes).toBe(preview.changes);
    expect(projectContent(b.app.project.db)).toEqual(projectContent(a.app.project.db));
    // What the user sees, through the app.
    const docs = await b.call('documents.list', {});
    expect(docs.map((d) => d.id).sort()).toEqual([...a.docs.values()].sort());
    const claims = await b.call('claims.list', {});
    expect(claims.map((c) => c.statement)).toEqual(['Rogozin spoke of trust']);
    const { results } = await b.call('search.query', { query: 'Rogozin' });
    expect(results.some((r) => r.kind === 'claim')).toBe(true);
    expect(staleSearchRows(b.app.project.db)).toEqual([]);
  });

  it('changes nothing when the same file is merged a second time', async () => {
    const a = await corpusApp();
    await annotate(a.call, a.docs.get('tass-rogozin-trust.txt')!, 'Rogozin', 'Rogozin spoke');
    const b = makeApp();
    const file = await exportTo(a.app.project);
    await mergeFile(b.app.project, file);
    const before = projectContent(b.app.project.db);
    const again = await mergeFile(b.app.project, file);
    expect(again.preview.changes).toBe(0);
    expect(again.report.conflicts).toEqual([]);
    expect(projectContent(b.app.project.db)).toEqual(before);
  });

  it('makes one document of the same article imported on two machines, with both sides’ passages', async () => {
    const a = await corpusApp();
    const b = await corpusApp();
    const file = 'tass-rogozin-trust.txt';
    expect(a.docs.get(file)).not.toBe(b.docs.get(file));
    await annotate(a.call, a.docs.get(file)!, 'Rogozin', 'From A');
    await annotate(b.call, b.docs.get(file)!, 'Ramirez', 'From B');

    const { report } = await mergeProjects(b.app.project, a.app.project);
    expect(report.documentMatches).toHaveLength(5);
    const docs = await b.call('documents.list', {});
    expect(docs).toHaveLength(5);
    const survivor = [a.docs.get(file)!, b.docs.get(file)!].sort()[0]!;
    expect(docs.map((d) => d.id)).toContain(survivor);
    const highlights = await b.call('highlights.list', { documentId: survivor });
    expect(highlights.map((h) => h.quote.exact).sort()).toEqual(['Ramirez', 'Rogozin']);
    const claims = await b.call('claims.list', {});
    expect(claims.map((c) => c.statement).sort()).toEqual(['From A', 'From B']);

    expect(staleSearchRows(b.app.project.db)).toEqual([]);
    // The other way round ends with the same content.
    await mergeProjects(a.app.project, b.app.project);
    expect(projectContent(a.app.project.db)).toEqual(projectContent(b.app.project.db));
  });

  it('takes a change made on one side only, and lists a change made on both as a conflict', async () => {
    const a = await corpusApp();
    const { claim } = await annotate(a.call, a.docs.get('tass-rogozin-trust.txt')!, 'Rogozin', 'Original');
    const b = makeApp();
    await mergeProjects(b.app.project, a.app.project);

    // One side: B changes the status; A has not touched the claim since the exchange.
    await b.call('claims.update', { id: claim.id, status: 'disputed' });
    const oneSide = await mergeProjects(a.app.project, b.app.project);
    expect(oneSide.report.conflicts).toEqual([]);
    expect((await a.call('claims.get', { id: claim.id })).status).toBe('disputed');

    // Both sides: A rewrites the statement, then B does, later.
    await a.call('claims.update', { id: claim.id, statement: 'A’s wording' });
    await b.call('claims.update', { id: claim.id, statement: 'B’s wording' });
    const both = await mergeProjects(a.app.project, b.app.project);
    expect(both.report.conflicts).toHaveLength(1);
    const conflict = both.report.conflicts[0]!;
    expect(conflict).toMatchObject({ table: 'claims', key: claim.id, kept: 'theirs' });
    expect(conflict.fields).toContain('statement');
    expect(conflict.label).toContain('B’s wording');
    expect((await a.call('claims.get', { id: claim.id })).statement).toBe('B’s wording');
  });

  it('lists a conflict where this project has the later change: nothing changes, the other version is kept for review', async () => {
    const a = await corpusApp();
    const { claim } = await annotate(a.call, a.docs.get('tass-rogozin-trust.txt')!, 'Rogozin', 'Original');
    const b = makeApp();
    await mergeProjects(b.app.project, a.app.project);
    // B rewrites the statement first, A later: A's is the later change and wins in A.
    await b.call('claims.update', { id: claim.id, statement: 'B’s wording' });
    await a.call('claims.update', { id: claim.id, statement: 'A’s wording' });
    const { preview, report } = await mergeProjects(a.app.project, b.app.project);
    expect(preview.changes).toBe(0);
    expect(preview.conflicts).toHaveLength(1);
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({ table: 'claims', key: claim.id, kept: 'ours' });
    expect((await a.call('claims.get', { id: claim.id })).statement).toBe('A’s wording');
    // The teammate's wording is not lost: the Conflicts view lists it, and it can be taken.
    const [stored] = await a.call('exchange.conflicts', {});
    expect(JSON.stringify(stored)).toContain('B’s wording');
    await a.call('exchange.resolve', {
      mergeId: stored!.mergeId,
      table: 'claims',
      key: claim.id,
      take: 'theirs',
    });
    expect((await a.call('claims.get', { id: claim.id })).statement).toBe('B’s wording');
  });

  it('carries deletions', async () => {
    const a = await corpusApp();
    const { highlight, claim } = await annotate(
      a.call,
      a.docs.get('tass-rogozin-trust.txt')!,
      'Rogozin',
      'X',
    );
    const b = makeApp();
    await mergeProjects(b.app.project, a.app.project);
    await a.call('claims.delete', { id: claim.id });
    await a.call('highlights.delete', { id: highlight.id });
    const { report } = await mergeProjects(b.app.project, a.app.project);
    expect(report.counts.claims!.deleted).toBe(1);
    expect(report.counts.highlights!.deleted).toBe(1);
    expect(await b.call('claims.list', {})).toEqual([]);
  });

  it('unifies tags with the same path made separately, and keeps them apart when asked', async () => {
    const a = await corpusApp();
    const b = await corpusApp();
    const tagA = await a.call('tags.createPath', { names: ['Actors', 'Russia'] });
    const tagB = await b.call('tags.createPath', { names: ['actors', 'Russia'] });
    const hA = await highlightQuote(a.call, a.docs.get('tass-rogozin-trust.txt')!, 'Rogozin');
    await a.call('tags.apply', { tagId: tagA.id, highlightIds: [hA.id] });

    const file = await exportTo(a.app.project);
    const { preview } = await mergeFile(b.app.project, file);
    // The survivor carries the newest version: B named its tag later.
    expect(preview.tagUnifications.map((u) => u.path).sort()).toEqual(['actors', 'actors / Russia']);
    const tags = (await b.call('tags.list', {})).filter((t) => t.name === 'Russia');
    expect(tags).toHaveLength(1);
    expect(tags[0]!.id).toBe([tagA.id, tagB.id].sort()[0]);
    expect(tags[0]!.highlightCount).toBe(1);

    const c = await corpusApp();
    await c.call('tags.createPath', { names: ['Actors', 'Russia'] });
    const plan = await mergeFile(c.app.project, file, {
      keepTagsApart: [],
    });
    expect(plan.report.tagUnifications.length).toBeGreaterThan(0);
    const d = await corpusApp();
    const own = await d.call('tags.create', { name: 'Actors' });
    const survivor = [
      own.id,
      (await a.call('tags.list', {})).find((t) => t.name === 'Actors')!.id,
    ].sort()[0]!;
    await mergeFile(d.app.project, file, { keepTagsApart: [survivor] });
    const names = (await d.call('tags.list', {})).filter((t) => t.parentId === null).map((t) => t.name);
    expect(names.sort()).toEqual(['Actors', `Actors (${a.app.project.name})`].sort());
  });

  it('exports a scope with everything attached and nothing else, and the file merges on its own', async () => {
    const a = await corpusApp();
    const tass = a.docs.get('tass-rogozin-trust.txt')!;
    const fox = a.docs.get('foxnews-rodriguez-lavrov.txt')!;
    const { highlight, claim } = await annotate(a.call, tass, 'Rogozin', 'Rogozin spoke');
    const tag = await a.call('tags.createPath', { names: ['Actors', 'Russia'] });
    await a.call('tags.apply', { tagId: tag.id, highlightIds: [highlight.id] });
    const person = await a.call('entities.create', { kind: 'person', name: 'Dmitry Rogozin' });
    await a.call('claims.update', { id: claim.id, claimantId: person.id });
    const event = await a.call('events.create', { title: 'Talks in Caracas', start: '2014-12-15' });
    await a.call('events.linkClaim', { eventId: event.id, claimId: claim.id, relation: 'supports' });
    await annotate(a.call, fox, 'Lavrov', 'Not in the scope');

    const byEvent = await exportTo(a.app.project, {
      scope: { documentIds: [], eventIds: [event.id], described: { documentIds: [] } },
    });
    const b = makeApp();
    const { report } = await mergeFile(b.app.project, byEvent);
    expect(report.counts.documents!.added).toBe(1);
    expect((await b.call('documents.list', {})).map((d) => d.id)).toEqual([tass]);
    const [copied] = await b.call('claims.list', {});
    expect(copied!.statement).toBe('Rogozin spoke');
    expect(copied!.claimantId).toBe(person.id);
    expect((await b.call('entities.list', {})).map((e) => e.name)).toEqual(['Dmitry Rogozin']);
    expect((await b.call('events.list', {})).map((e) => e.title)).toEqual(['Talks in Caracas']);
    // The tag comes with its parent, so its path is whole.
    expect((await b.call('tags.list', {})).map((t) => t.name).sort()).toEqual(['Actors', 'Russia']);
  });
});

describe('a merge that would break a reference', () => {
  it('is refused at the commit and leaves the project as it was', async () => {
    const a = await corpusApp();
    const tass = a.docs.get('tass-rogozin-trust.txt')!;
    await highlightQuote(a.call, tass, 'Rogozin');
    const b = await corpusApp();
    const before = projectContent(b.app.project.db);
    // A file whose passage names a document that is not there, slipped past staging's checks (as a bug in
    // them would): SQLite's deferred foreign keys still stop it.
    const staged = await readDossierFile(await exportTo(a.app.project));
    try {
      staged.db
        .prepare(`DELETE FROM rows WHERE tbl IN ('documents', 'document_texts') AND key = ?`)
        .run(tass);
      expect(() => applyMerge(b.app.project, staged)).toThrow(
        /would leave broken references; nothing was changed/,
      );
    } finally {
      staged.close();
    }
    expect(projectContent(b.app.project.db)).toEqual(before);
  });
});
