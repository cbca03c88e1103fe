// REFI-QDA projects in and out of Dossier (issue 8): the exported project.qde is valid against the standard's
// schema (libxml2), a project survives the round trip, a file from another tool imports with what Dossier
// cannot hold listed, and importing the same file twice changes nothing the second time.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQdaSchema } from '../../helpers/xsd';
import { openZip } from '../../../../electron/exchange/zip';
import { corpusApp, highlightQuote, importText, makeApp, rejection, type Call } from '../../helpers/app';
import { tempDir } from '../../helpers/temp';
import { craftZip } from '../../helpers/zip-craft';
import { writeFileSync } from 'node:fs';

let schema: ReturnType<typeof loadQdaSchema>;

beforeAll(() => {
  schema = loadQdaSchema();
});

afterAll(() => schema.dispose());

const schemaErrors = (xml: string) => schema.errors(xml);

const EMOJI_TEXT = 'Ukraine 🇺🇦 talks: Zelensky 👍 said “peace first”. Vietnam’s Đảng agreed.';

async function annotatedProject() {
  const a = await corpusApp();
  const emoji = await importText(a.call, 'emoji.txt', EMOJI_TEXT);
  const actors = await a.call('tags.createPath', { names: ['Actors', 'Russia'], color: 'red' });
  const places = await a.call('tags.create', { name: 'Places', color: 'blue' });
  const rogozin = await highlightQuote(
    a.call,
    a.docs.get('tass-rogozin-trust.txt')!,
    'Dmitry Rogozin',
    'the deputy PM',
  );
  await a.call('tags.apply', { tagId: actors.id, highlightIds: [rogozin.id] });
  const zelensky = await highlightQuote(a.call, emoji.id, 'peace first');
  await a.call('tags.apply', { tagId: places.id, highlightIds: [zelensky.id] });
  await a.call('claims.create', { passage: { highlightId: rogozin.id }, statement: 'Rogozin praised trust' });
  return { a, emoji, rogozin, zelensky, actors, places };
}

async function exportQdpx(call: Call) {
  const path = join(tempDir(), 'project.qdpx');
  await call('exchange.export', { format: 'qdpx', target: { path } });
  return path;
}

describe('REFI-QDA export', () => {
  it('writes a project.qde valid against the standard’s schema, with texts inside the archive', async () => {
    const { a, emoji, zelensky } = await annotatedProject();
    const path = await exportQdpx(a.call);
    const zip = await openZip(path);
    try {
      const qde = await zip.readText('project.qde');
      expect(schemaErrors(qde)).toEqual([]);
      expect(qde).toContain('xmlns="urn:QDA-XML:project:1.0"');
      expect(qde).toContain('name="Russia"');
      expect(qde).toContain(`plainTextPath="internal://${emoji.id}.txt"`);
      expect(await zip.readText(`sources/${emoji.id}.txt`)).toBe(EMOJI_TEXT);
      // Positions count code points: the flag and the thumb are two and one, not four and two UTF-16 units.
      const start = [...EMOJI_TEXT.slice(0, zelensky.position.start)].length;
      expect(qde).toMatch(new RegExp(`guid="${zelensky.id}"[^>]*startPosition="${start}"`));
      expect(start).toBeLessThan(zelensky.position.start);
      // The note and the claim travel as memos.
      expect(qde).toContain('the deputy PM');
      expect(qde).toContain('Rogozin praised trust');
    } finally {
      zip.close();
    }
  });

  it('brings a project back through REFI-QDA with its texts, codes, passages and notes, once', async () => {
    const { a, emoji, rogozin, zelensky } = await annotatedProject();
    const path = await exportQdpx(a.call);
    const b = makeApp();
    const preview = await b.call('exchange.preview', { source: { path } });
    expect(preview!.summary.file.format).toBe('qdpx');
    expect(preview!.summary.counts.documents!.added).toBe(6);
    const report = await b.call('exchange.apply', { token: preview!.token });
    expect(report.counts.highlights!.added).toBe(2);

    const docs = await b.call('documents.list', {});
    expect(docs.map((d) => d.id).sort()).toEqual([...a.docs.values(), emoji.id].sort());
    expect((await b.call('documents.get', { id: emoji.id })).text).toBe(EMOJI_TEXT);
    const [passage] = await b.call('highlights.list', { documentId: emoji.id });
    expect(passage!.position).toEqual(zelensky.position);
    expect(passage!.quote.exact).toBe('peace first');
    const [withNote] = await b.call('highlights.list', { documentId: a.docs.get('tass-rogozin-trust.txt')! });
    expect(withNote!.id).toBe(rogozin.id);
    expect(withNote!.note).toContain('the deputy PM');
    expect(withNote!.note).toContain('Rogozin praised trust');
    const tags = await b.call('tags.list', {});
    const russia = tags.find((t) => t.name === 'Russia')!;
    expect(tags.find((t) => t.id === russia.parentId)?.name).toBe('Actors');
    expect(russia.color).toBe('red');
    expect(russia.highlightCount).toBe(1);

    const again = await b.call('exchange.preview', { source: { path } });
    expect(again!.summary.changes).toBe(0);
  });
});

const GUID = {
  project: 'a1b2c3d4-0000-4000-8000-000000000001',
  user: 'a1b2c3d4-0000-4000-8000-000000000002',
  parent: 'a1b2c3d4-0000-4000-8000-000000000003',
  code: 'a1b2c3d4-0000-4000-8000-000000000004',
  source: 'a1b2c3d4-0000-4000-8000-000000000005',
  selection: 'a1b2c3d4-0000-4000-8000-000000000006',
  note: 'a1b2c3d4-0000-4000-8000-000000000007',
  picture: 'a1b2c3d4-0000-4000-8000-000000000008',
};
const INTERVIEW = '\uFEFFInterviewer: What happened?\r\nAna: The factory closed in 2019.\r\nIt was sudden.';

/** A project as QualCoder writes one: a category, CRLF text with a BOM, a memo, a picture it cannot hold. */
function qualcoderProject(textPath = `internal://${GUID.source}.txt`): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Interviews" origin="QualCoder 3.5" creatingUserGUID="${GUID.user}" creationDateTime="2024-03-01T10:00:00Z">
  <Users><User guid="${GUID.user}" name="ana"/></Users>
  <CodeBook><Codes>
    <Code guid="${GUID.parent}" name="Economy" isCodable="false" color="#336699">
      <Code guid="${GUID.code}" name="Closures/lay-offs" isCodable="true" color="#ff0000"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="${GUID.source}" name="Interview Ana" plainTextPath="${textPath}" creatingUser="${GUID.user}" creationDateTime="2024-03-01T10:05:00Z">
      <PlainTextSelection guid="${GUID.selection}" name="The factory closed in 2019." startPosition="34" endPosition="61" creatingUser="${GUID.user}" creationDateTime="2024-03-01T10:06:00Z">
        <Coding guid="a1b2c3d4-0000-4000-8000-000000000009" creatingUser="${GUID.user}"><CodeRef targetGUID="${GUID.code}"/></Coding>
        <NoteRef targetGUID="${GUID.note}"/>
      </PlainTextSelection>
    </TextSource>
    <PictureSource guid="${GUID.picture}" name="Factory gate" path="internal://${GUID.picture}.jpg"/>
  </Sources>
  <Notes><Note guid="${GUID.note}" name="memo" creatingUser="${GUID.user}"><PlainTextContent>Check the date with the union.</PlainTextContent></Note></Notes>
</Project>`;
}

function qdpxFile(qde: string): string {
  const path = join(tempDir(), 'interviews.qdpx');
  writeFileSync(
    path,
    craftZip([
      { name: 'project.qde', data: qde, method: 8 },
      { name: `sources/${GUID.source}.txt`, data: INTERVIEW, method: 8 },
      { name: `sources/${GUID.picture}.jpg`, data: Buffer.from([0xff, 0xd8, 0xff]), method: 0 },
    ]),
  );
  return path;
}

describe('REFI-QDA import', () => {
  it('imports another tool’s project: texts, code tree, codings, memos; lists what it cannot hold', async () => {
    const b = makeApp();
    const path = qdpxFile(qualcoderProject());
    const preview = await b.call('exchange.preview', { source: { path } });
    const unsupported = preview!.summary.unsupported
      .map((u) => `${u.kind}: ${u.name}: ${u.detail}`)
      .join('\n');
    expect(unsupported).toMatch(/picture: Factory gate/);
    expect(unsupported).toMatch(/ana/);
    await b.call('exchange.apply', { token: preview!.token });

    const [doc] = await b.call('documents.list', {});
    expect(doc!.title).toBe('Interview Ana');
    const { text } = await b.call('documents.get', { id: doc!.id });
    // Line ends become "\n" and the BOM goes; the passage still covers the words QualCoder coded.
    expect(text).toBe('Interviewer: What happened?\nAna: The factory closed in 2019.\nIt was sudden.');
    const [passage] = await b.call('highlights.list', { documentId: doc!.id });
    expect(passage!.quote.exact).toBe('The factory closed in 2019.');
    expect(passage!.note).toBe('Check the date with the union.');
    const tags = await b.call('tags.list', {});
    const code = tags.find((t) => t.id === GUID.code)!;
    expect(code.name).toBe('Closures∕lay-offs');
    expect(code.color).toBe('red');
    expect(tags.find((t) => t.id === code.parentId)?.name).toBe('Economy');
    expect(code.highlightCount).toBe(1);

    const again = await b.call('exchange.preview', { source: { path } });
    expect(again!.summary.changes).toBe(0);
  });

  it('refuses a text source outside the archive, and a passage beyond the end of its text', async () => {
    const b = makeApp();
    const outside = await rejection(
      b.call('exchange.preview', { source: { path: qdpxFile(qualcoderProject('absolute:///etc/passwd')) } }),
    );
    expect(outside.code).toBe('import_refused');
    expect(outside.message).toContain('absolute:///etc/passwd');
    const beyond = await rejection(
      b.call('exchange.preview', {
        source: { path: qdpxFile(qualcoderProject().replace('endPosition="61"', 'endPosition="9999"')) },
      }),
    );
    expect(beyond.code).toBe('import_refused');
    expect(beyond.message).toMatch(/beyond the end/);
    expect(await b.call('documents.list', {})).toEqual([]);
  });
});
