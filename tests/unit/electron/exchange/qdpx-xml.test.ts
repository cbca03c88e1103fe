// The REFI-QDA project.qde layer (electron/exchange/qdpx-xml.ts). What Dossier writes is checked by a real XML
// Schema validator (libxml2, compiled to WebAssembly) against the standard's own schema, and read back; what
// NVivo, ATLAS.ti, MAXQDA and QualCoder write is read from small files in the shape each tool gives them (as
// far as their exporters and the files people post show it); every way a hostile or broken file is refused
// is tried once; and the code-point / UTF-16 conversions are checked on emoji, combining marks and random text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQdaSchema } from '../../helpers/xsd';
import fc from 'fast-check';
import {
  codePointToUtf16,
  internalPathName,
  parseProjectQde,
  utf16ToCodePoint,
  writeProjectQde,
  type QdaProject,
  type QdaTextSource,
} from '../../../../electron/exchange/qdpx-xml';
import { DossierError } from '../../../../shared/errors';

// ---------------------------------------------------------------------------------------------------
// Schema validation

let schema: ReturnType<typeof loadQdaSchema>;

beforeAll(() => {
  schema = loadQdaSchema();
});

afterAll(() => schema.dispose());

const schemaErrors = (xml: string) => schema.errors(xml);

// ---------------------------------------------------------------------------------------------------
// A project as Dossier would export it

const U_LINH = '1b6f0c2e-7d4a-4f3b-9e21-5a8c7d6e4f30';
const U_PAVEL = '2c7a1d3f-8e5b-4a4c-8f32-6b9d8e7f5a41';
const C_ACTORS = '3d8b2e4a-9f6c-4b5d-9a43-7cae9f8a6b52';
const C_STATE = '4e9c3f5b-a07d-4c6e-8b54-8dbfa09b7c63';
const C_MILITARY = '5fad4a6c-b18e-4d7f-9c65-9ec0b1ac8d74';
const C_NAVY = '60be5b7d-c29f-4e80-8d76-afd1c2bd9e85';
const C_WEAPONS = '71cf6c8e-d3a0-4f91-9e87-b0e2d3ceaf96';
const S_THANHNIEN = '82d07d9f-e4b1-4aa2-8f98-c1f3e4dfb0a7';
const S_FOX = '93e18ea0-f5c2-4bb3-90a9-d204f5e0c1b8';
const SEL_DEALS = 'a4f29fb1-06d3-4cc4-81ba-e31506f1d2c9';
const SEL_HANDSHAKE = 'b503a0c2-17e4-4dd5-92cb-f42617a2e3da';
const SEL_RUSSIA = 'c614b1d3-28f5-4ee6-a3dc-053728b3f4eb';
const SEL_FOX = 'd725c2e4-3906-4ff7-b4ed-164839c405fc';
const N_HANDSHAKE = 'e836d3f5-4a17-4008-85fe-27594ad5160d';
const N_SOURCE = 'f947e406-5b28-4119-96af-386a5be6271e';
const N_PROJECT = '0a58f517-6c39-422a-a7b0-497b6cf7382f';

/** Vietnamese, flags and a handshake (astral: two UTF-16 units, one code point each), Cyrillic, a rocket. */
const TEXT_VI =
  'Nga ký nhiều thỏa thuận với Venezuela 🇷🇺🤝🇻🇪 và hứa cung cấp “vũ khí tinh vi nhất”. ' +
  'Россия подписала соглашения с Венесуэлой 🚀.';
const TEXT_FOX = 'Venezuelan Vice President meets Russia’s “good friend” Lavrov.';

/** Where a passage of a text is, in code points, as a PlainTextSelection gives it. */
function span(text: string, part: string): { start: number; end: number } {
  const at = text.indexOf(part);
  if (at < 0) throw new Error(`"${part}" is not in the text`);
  return { start: utf16ToCodePoint(text, at), end: utf16ToCodePoint(text, at + part.length) };
}

const MODEL: QdaProject = {
  name: 'Venezuela & Russia <2024> "arms"',
  origin: 'Dossier 0.1.0',
  creatingUserGuid: U_LINH,
  creationDateTime: '2024-11-08T10:02:03Z',
  description: 'Coverage of the November agreements.\nTwo outlets so far.',
  noteGuids: [N_PROJECT],
  users: [
    { guid: U_LINH, name: 'Linh Nguyễn' },
    { guid: U_PAVEL, name: 'Павел "Pasha" Орлов' },
  ],
  codes: [
    {
      guid: C_ACTORS,
      name: 'Actors',
      color: '#336699',
      description: 'Who acts; a category, not coded directly.',
      isCodable: false,
      children: [
        { guid: C_STATE, name: 'State', color: '#AA0000', isCodable: true, children: [] },
        {
          guid: C_MILITARY,
          name: 'Military & security',
          isCodable: true,
          noteGuids: [N_PROJECT],
          children: [{ guid: C_NAVY, name: 'Navy', color: '#0000AA', isCodable: true, children: [] }],
        },
      ],
    },
    {
      guid: C_WEAPONS,
      name: 'Weapons <claims>',
      color: '#FFCC00',
      description: 'Claims about "sophisticated" weapons\ttabbed',
      isCodable: true,
      children: [],
    },
  ],
  sources: [
    {
      guid: S_THANHNIEN,
      name: 'Báo Thanh niên — Nga ký nhiều thỏa thuận',
      plainTextPath: `internal://${S_THANHNIEN}.txt`,
      creatingUser: U_LINH,
      creationDateTime: '2024-11-08T10:05:00Z',
      modifiedDateTime: '2024-11-09T08:30:00.250+07:00',
      description: 'Vietnamese original, Russian summary.',
      noteGuids: [N_SOURCE],
      variables: [
        { name: 'Language', value: 'vi' },
        { name: 'Outlet', value: 'Thanh niên' },
      ],
      selections: [
        {
          guid: SEL_DEALS,
          name: 'ký nhiều thỏa thuận',
          ...span(TEXT_VI, 'ký nhiều thỏa thuận'),
          creatingUser: U_LINH,
          creationDateTime: '2024-11-08T10:15:00Z',
          codeGuids: [C_STATE],
          noteGuids: [],
        },
        {
          guid: SEL_HANDSHAKE,
          ...span(TEXT_VI, '🤝'),
          creatingUser: U_LINH,
          codeGuids: [C_STATE, C_MILITARY],
          noteGuids: [N_HANDSHAKE],
          description: 'The emoji stands for the agreements & <deals>.',
        },
        {
          guid: SEL_RUSSIA,
          ...span(TEXT_VI, 'Россия подписала соглашения с Венесуэлой 🚀'),
          creatingUser: U_PAVEL,
          creationDateTime: '2024-11-09T08:00:00+07:00',
          codeGuids: [C_NAVY, C_WEAPONS],
          noteGuids: [N_HANDSHAKE, N_SOURCE],
        },
      ],
    },
    {
      guid: S_FOX,
      name: 'Fox News',
      plainTextPath: `internal://${S_FOX}.txt`,
      richTextPath: `internal://${S_FOX}.html`,
      variables: [{ name: 'Language', value: 'en' }],
      selections: [
        {
          guid: SEL_FOX,
          ...span(TEXT_FOX, '“good friend”'),
          codeGuids: [],
          noteGuids: [],
          description: 'Irony? Check the original quote.',
        },
      ],
    },
  ],
  notes: [
    {
      guid: N_HANDSHAKE,
      name: 'Memo on the handshake',
      text: 'Emoji 🤝 marks the deal.\n\tIndented <tags> & "quotes"\r\nWindows line.',
      creatingUser: U_PAVEL,
      creationDateTime: '2024-11-09T08:01:00Z',
    },
    { guid: N_SOURCE, name: 'Source memo', text: 'Ask Linh about the headline.' },
    { guid: N_PROJECT, name: '', text: '' },
  ],
  unsupported: [],
};

describe('writeProjectQde', () => {
  it('writes a project the REFI-QDA schema accepts, with zero errors', () => {
    const xml = writeProjectQde(MODEL);
    expect(schemaErrors(xml)).toEqual([]);
    expect(
      xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0"'),
    ).toBe(true);
  });

  it('gives the schema validator something to catch when the document is wrong', () => {
    const xml = writeProjectQde(MODEL);
    const broken = xml.replace(/(<PlainTextSelection [^>]*?) startPosition="\d+"/, '$1');
    expect(broken).not.toBe(xml);
    const errors = schemaErrors(broken);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(/startPosition.*required/);
    // And a GUID the pattern does not accept.
    expect(schemaErrors(xml.replace(`guid="${C_NAVY}"`, 'guid="navy"')).join('\n')).toMatch(
      /GUIDType|pattern/,
    );
  });

  it('puts the children of Project and TextSource in the order the schema requires', () => {
    const xml = writeProjectQde(MODEL);
    const order = ['<Users>', '<CodeBook>', '<Variables>', '<Sources>', '<Notes>', '<Description>Coverage'];
    const positions = order.map((tag) => xml.indexOf(tag));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(xml.lastIndexOf(`<NoteRef targetGUID="${N_PROJECT}"/>`)).toBeGreaterThan(xml.indexOf('</Notes>'));
  });

  it('references each text by plainTextPath and writes highlights as selections with codings and note refs', () => {
    const xml = writeProjectQde(MODEL);
    expect(xml).toContain(`plainTextPath="internal://${S_THANHNIEN}.txt"`);
    const russia = span(TEXT_VI, 'Россия подписала соглашения с Венесуэлой 🚀');
    expect(xml).toContain(`startPosition="${russia.start}" endPosition="${russia.end}"`);
    expect(xml).toMatch(
      new RegExp(`<Coding guid="[0-9a-f-]{36}"[^>]*>\\s*<CodeRef targetGUID="${C_NAVY}"/>`),
    );
    expect(xml).toContain(`<NoteRef targetGUID="${N_HANDSHAKE}"/>`);
    // Without a path in the model, the text is referenced as internal://<guid>.txt.
    const { plainTextPath: _path, ...pathless } = MODEL.sources[1]!;
    expect(writeProjectQde({ ...MODEL, sources: [pathless] })).toContain(
      `plainTextPath="internal://${S_FOX}.txt"`,
    );
  });

  it('is deterministic: the same model gives the same string', () => {
    const first = writeProjectQde(MODEL);
    expect(writeProjectQde(structuredClone(MODEL))).toBe(first);
    expect(writeProjectQde(JSON.parse(JSON.stringify(MODEL)) as QdaProject)).toBe(first);
  });

  it('writes GUIDs in lower case without braces, whatever form the model has them in', () => {
    const shouting = JSON.parse(
      JSON.stringify(MODEL).replace(
        /"([0-9a-f]{8}-[0-9a-f-]{27})"/g,
        (_whole, guid: string) => `"{${guid.toUpperCase()}}"`,
      ),
    ) as QdaProject;
    expect(shouting.users[0]!.guid).toBe(`{${U_LINH.toUpperCase()}}`);
    const xml = writeProjectQde(shouting);
    expect(xml).not.toMatch(/\{|[0-9A-F]{8}-[0-9A-F]{4}-/);
    expect(xml).toBe(writeProjectQde(MODEL));
  });

  it('escapes markup and drops or replaces what XML 1.0 cannot hold', () => {
    const hostile = 'A & B <c> "d" \'e\'\u0000\u0007\u001F\uFFFE lone \uD800 high, lone \uDC00 low, pair 😀';
    const project: QdaProject = {
      name: hostile,
      users: [],
      codes: [
        { guid: C_STATE, name: hostile, description: `${hostile}\r\n]]>`, isCodable: true, children: [] },
      ],
      sources: [],
      notes: [{ guid: N_SOURCE, name: hostile, text: hostile }],
      unsupported: [],
    };
    const xml = writeProjectQde(project);
    expect(schemaErrors(xml)).toEqual([]);
    // eslint-disable-next-line no-control-regex -- looking for exactly the characters XML cannot hold
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE]/);
    const back = parseProjectQde(xml);
    const clean = 'A & B <c> "d" \'e\' lone \uFFFD high, lone \uFFFD low, pair 😀';
    expect(back.name).toBe(clean);
    expect(back.codes[0]!.name).toBe(clean);
    expect(back.codes[0]!.description).toBe(`${clean}\r\n]]>`);
    expect(back.notes[0]).toMatchObject({ name: clean, text: clean });
  });

  it('refuses a model it could not read back', () => {
    const attempt = (change: (p: QdaProject) => void): unknown => {
      const project = structuredClone(MODEL);
      change(project);
      try {
        writeProjectQde(project);
      } catch (error) {
        return error;
      }
      return null;
    };
    const cases: [(p: QdaProject) => void, RegExp][] = [
      [(p) => (p.users[0]!.guid = 'linh'), /GUID of user "Linh Nguyễn" \("linh"\) is not a GUID/],
      [(p) => (p.sources[0]!.selections[0]!.codeGuids = [U_PAVEL]), /not in the codebook/],
      [(p) => (p.sources[0]!.selections[0]!.noteGuids = [U_PAVEL]), /not in the project/],
      [(p) => (p.sources[0]!.selections[0]!.start = 99999), /runs from 99999/],
      [(p) => (p.notes[1]!.guid = C_NAVY.toUpperCase()), /same GUID/],
      [(p) => (p.sources[1]!.plainTextPath = 'absolute:///home/linh/fox.txt'), /only internal:\/\/NAME/],
      [(p) => (p.codes[1]!.color = 'yellow'), /colour of code "Weapons <claims>"/],
      [(p) => (p.creationDateTime = 'last Tuesday'), /not a date/],
    ];
    for (const [change, message] of cases) {
      const error = attempt(change);
      expect(error).toBeInstanceOf(DossierError);
      expect((error as DossierError).code).toBe('invalid_input');
      expect((error as DossierError).message).toMatch(message);
    }
  });
});

describe('parseProjectQde(writeProjectQde(model))', () => {
  it('gives back the model', () => {
    expect(parseProjectQde(writeProjectQde(MODEL))).toStrictEqual(MODEL);
  });

  it('gives back the model from GUIDs written with braces and in upper case', () => {
    const xml = writeProjectQde(MODEL).replace(
      /"([0-9a-f]{8}-[0-9a-f-]{27})"/g,
      (_whole, guid: string) => `"{${guid.toUpperCase()}}"`,
    );
    expect(xml).toContain(`guid="{${C_NAVY.toUpperCase()}}"`);
    expect(schemaErrors(xml)).toEqual([]);
    expect(parseProjectQde(xml)).toStrictEqual(MODEL);
  });

  it('keeps selection positions in code points, which differ from UTF-16 offsets after an emoji', () => {
    const source = parseProjectQde(writeProjectQde(MODEL)).sources[0]!;
    const russia = source.selections.find((s) => s.guid === SEL_RUSSIA)!;
    const part = 'Россия подписала соглашения с Венесуэлой 🚀';
    // Three flags' regional indicators, the handshake: five astral characters before the passage.
    expect(TEXT_VI.indexOf(part) - russia.start).toBe(5);
    expect(
      TEXT_VI.slice(codePointToUtf16(TEXT_VI, russia.start), codePointToUtf16(TEXT_VI, russia.end)),
    ).toBe(part);
    // What a tool counting code points (Python's str, QualCoder) would cut out.
    expect([...TEXT_VI].slice(russia.start, russia.end).join('')).toBe(part);
  });
});

// ---------------------------------------------------------------------------------------------------
// Files in the shape the four tools write

/** The unsupported items as "kind: name", sorted, for comparison. */
const unsupportedNames = (project: QdaProject): string[] =>
  project.unsupported.map((u) => `${u.kind}: ${u.name}`).sort();

/** The line of a file a part of it is on, as messages give it. */
const lineOf = (xml: string, part: string): number => xml.slice(0, xml.indexOf(part)).split('\n').length;

/** Everything the parser produced can be written again, and the result is schema-valid. */
function expectWritable(project: QdaProject): void {
  expect(schemaErrors(writeProjectQde(project))).toEqual([]);
}

describe('QualCoder', () => {
  // refi.py's RefiExport: Project with xmlns:xsd and xmlns:xsi, origin = version, attributes in its order, one
  // PlainTextSelection per coding (name = the coded text, Description = coding memo, Coding without a date),
  // categories as isCodable="false" Codes, journals as Notes with a text file and an empty <Description />, an
  // annotation as a Note with PlainTextContent and a bare PlainTextSelection that the source's NoteRef points
  // to (creatingUser="" when it knows no user), PDFs as PDFSource + Representation without dates, file
  // variables as VariableValue in the source, case variables in Cases.
  const Q = {
    projectUser: '6d0f1b9a-2c3e-4d5f-8a6b-7c8d9e0f1a2b',
    user: '5c94bc9e-db8c-4f1d-9cd6-e900c7440860',
    loose: '2dfba8c9-59f5-4424-99d6-ea9bce18134b',
    feelings: '8a1f0b6e-3c2d-4e5f-a6b7-c8d9e0f1a2b3',
    joy: 'b4c5d6e7-f809-4a1b-8c2d-3e4f5a6b7c8d',
    delight: 'c5d6e7f8-091a-4b2c-9d3e-4f5a6b7c8d9e',
    ageGroup: '51dc3bcd-5454-47ff-a4d6-ea699144410d',
    interviewType: '96868d37-d832-4d19-bf5e-9bd0792ab8e2',
    case: '4a463c0d-9263-494a-81d6-e9d5a229f227',
    source: 'a2b94468-80a5-412f-92d6-e900d97b55a6',
    sourceText: '8e7fddfe-db36-48dc-b464-80c3a4decd90',
    sel1: '08cbced0-d736-44c8-8fd6-eb4d29fe46c5',
    sel2: '19dcdfe1-e847-45d9-90e7-fc5e30af57d6',
    pdf: '2aede0f2-f958-46ea-a1f8-0d6f41b068e7',
    pdfFile: '3bfef103-0a69-47fb-b209-1e7052c179f8',
    representation: '4c0f0214-1b7a-480c-831a-2f8163d28a09',
    pdfText: '5d101325-2c8b-491d-942b-309274e39b1a',
    pdfSel: '6e212436-3d9c-4a2e-a53c-41a385f4ac2b',
    picture: '7f323547-4ead-4b3f-b64d-52b496a5bd3c',
    pictureFile: '80434658-5fbe-4c40-875e-63c5a7b6ce4d',
    pictureSel: '91545769-60cf-4d51-986f-74d6b8c7df5e',
    journal: '4691a8a0-d67c-4dcc-91d6-e9075dc230cc',
    annotation: '0f758eeb-d61d-4e91-b250-79861c3869a6',
    anchor: 'd61907b2-d0d4-48dc-b8b7-5e4f7ae5faa6',
  };
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="fieldwork.qda" origin="3.6" creatingUserGUID="${Q.projectUser}" creationDateTime="2024-03-01T09:15:00Z" xmlns="urn:QDA-XML:project:1.0">
<Users>
<User guid="${Q.user}" name="colin" />
</Users>
<CodeBook>
<Codes>
<Code guid="${Q.loose}" name="Loose code" isCodable="true" color="#EB7333" />
<Code guid="${Q.feelings}" name="Feelings" isCodable="false">
<Description>Emotional responses</Description>
<Code guid="${Q.joy}" name="Joy" isCodable="true" color="#81BEF7">
<Description>Happy &amp; content</Description>
<Code guid="${Q.delight}" name="Delight" isCodable="true" color="#F781F3" />
</Code>
</Code>
</Codes>
</CodeBook>
<Variables>
<Variable guid="${Q.ageGroup}" name="Age group" typeOfVariable="Text" >
<Description />
</Variable>
<Variable guid="${Q.interviewType}" name="Interview type" typeOfVariable="Text" >
<Description />
</Variable>
</Variables>
<Cases>
<Case guid="${Q.case}" name="Participant A">
<Description />
<VariableValue>
<VariableRef targetGUID="${Q.ageGroup}" />
<TextValue>20-29</TextValue>
</VariableValue>
<SourceRef targetGUID="${Q.source}"/>
</Case>
</Cases>
<Sources>
<TextSource plainTextPath="internal://${Q.sourceText}.txt" creatingUser="${Q.user}" creationDateTime="2024-03-02T10:00:00Z" guid="${Q.source}" name="Interview 1.txt">
<Description>First interview</Description>
<PlainTextSelection guid="${Q.sel1}" startPosition="10" endPosition="25" name="felt really good" creatingUser="${Q.user}" creationDateTime="2024-03-03T11:00:00Z">
<Description>Said with a laugh</Description>
<Coding guid="a2656879-71d0-4e62-a970-85e7c9d8e06f" creatingUser="${Q.user}" >
<CodeRef targetGUID="${Q.joy}" />
</Coding>
</PlainTextSelection>
<PlainTextSelection guid="${Q.sel2}" startPosition="10" endPosition="25" name="felt really good" creatingUser="${Q.user}" creationDateTime="2024-03-03T11:05:00Z">
<Coding guid="b376798a-82e1-4f73-ba81-96f8dae9f170" creatingUser="${Q.user}" >
<CodeRef targetGUID="${Q.loose}" />
</Coding>
</PlainTextSelection>
<NoteRef targetGUID="${Q.annotation}" />
<VariableValue>
<VariableRef targetGUID="${Q.interviewType}" />
<TextValue>face to face</TextValue>
</VariableValue>
</TextSource>
<PDFSource path="internal://${Q.pdfFile}.pdf" creatingUser="${Q.user}" creationDateTime="2024-03-04T08:00:00Z" guid="${Q.pdf}" name="Report.pdf">
<Representation guid="${Q.representation}" plainTextPath="internal://${Q.pdfText}.txt" creatingUser="${Q.user}" name="Report.pdf">
<PlainTextSelection guid="${Q.pdfSel}" startPosition="0" endPosition="12" name="Key findings" creatingUser="${Q.user}" creationDateTime="2024-03-04T09:00:00Z">
<Coding guid="c4878a9b-93f2-4084-8b92-a709ebfa0281" creatingUser="${Q.user}" >
<CodeRef targetGUID="${Q.delight}" />
</Coding>
</PlainTextSelection>
</Representation></PDFSource>
<PictureSource creatingUser="${Q.user}" creationDateTime="2024-03-05T08:00:00Z" path="internal://${Q.pictureFile}.png" guid="${Q.picture}" name="whiteboard.png" >
<PictureSelection guid="${Q.pictureSel}" firstX="783" firstY="1238" secondX="1172" secondY="1788" name="arrows" creatingUser="${Q.user}" creationDateTime="2024-03-05T09:00:00Z">
<Description>arrows</Description>
<Coding guid="d5989bac-a403-4195-9ca3-b81afc0b1392" creatingUser="${Q.user}" >
<CodeRef targetGUID="${Q.loose}"/>
</Coding>
</PictureSelection>
</PictureSource>
</Sources>
<Notes>
<Note guid="${Q.journal}" creatingUser="${Q.user}" creationDateTime="2024-03-06T08:00:00Z" name="Reflections"  plainTextPath="internal://${Q.journal}.txt" >
<Description /></Note>
<Note guid="${Q.annotation}" creatingUser="" creationDateTime="2024-03-07T08:00:00Z" >
<PlainTextContent>Check this against the transcript</PlainTextContent>
<PlainTextSelection guid="${Q.anchor}" startPosition="30" endPosition="41" />
</Note>
</Notes>
<Description>Pilot interviews</Description>
</Project>`;

  it('reads the project, codebook with categories, users and notes', () => {
    const project = parseProjectQde(xml);
    expect(project).toMatchObject({
      name: 'fieldwork.qda',
      origin: '3.6',
      creatingUserGuid: Q.projectUser,
      creationDateTime: '2024-03-01T09:15:00Z',
      description: 'Pilot interviews',
      users: [{ guid: Q.user, name: 'colin' }],
    });
    expect(project.codes).toStrictEqual([
      { guid: Q.loose, name: 'Loose code', color: '#EB7333', isCodable: true, children: [] },
      {
        guid: Q.feelings,
        name: 'Feelings',
        isCodable: false,
        description: 'Emotional responses',
        children: [
          {
            guid: Q.joy,
            name: 'Joy',
            color: '#81BEF7',
            isCodable: true,
            description: 'Happy & content',
            children: [{ guid: Q.delight, name: 'Delight', color: '#F781F3', isCodable: true, children: [] }],
          },
        ],
      },
    ]);
    expect(project.notes).toStrictEqual([
      {
        guid: Q.journal,
        name: 'Reflections',
        text: '',
        plainTextPath: `internal://${Q.journal}.txt`,
        creatingUser: Q.user,
        creationDateTime: '2024-03-06T08:00:00Z',
      },
      {
        guid: Q.annotation,
        name: '',
        text: 'Check this against the transcript',
        creationDateTime: '2024-03-07T08:00:00Z',
      },
    ]);
  });

  it('reads codings, coding memos, the annotation note as a highlight, and file variables', () => {
    const source = parseProjectQde(xml).sources[0];
    expect(source).toStrictEqual<QdaTextSource>({
      guid: Q.source,
      name: 'Interview 1.txt',
      plainTextPath: `internal://${Q.sourceText}.txt`,
      creatingUser: Q.user,
      creationDateTime: '2024-03-02T10:00:00Z',
      description: 'First interview',
      selections: [
        {
          guid: Q.sel1,
          name: 'felt really good',
          start: 10,
          end: 25,
          creatingUser: Q.user,
          creationDateTime: '2024-03-03T11:00:00Z',
          codeGuids: [Q.joy],
          noteGuids: [],
          description: 'Said with a laugh',
        },
        {
          guid: Q.sel2,
          name: 'felt really good',
          start: 10,
          end: 25,
          creatingUser: Q.user,
          creationDateTime: '2024-03-03T11:05:00Z',
          codeGuids: [Q.loose],
          noteGuids: [],
        },
        {
          guid: Q.anchor,
          start: 30,
          end: 41,
          creationDateTime: '2024-03-07T08:00:00Z',
          codeGuids: [],
          noteGuids: [Q.annotation],
        },
      ],
      variables: [{ name: 'Interview type', value: 'face to face' }],
    });
  });

  it('reports an annotation whose source the file does not name, rather than dropping it', () => {
    // refi.py writes a NoteRef for the first annotation of a source only; the others name no source.
    const orphan = xml.replace(
      '</Notes>',
      `<Note guid="e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b" creatingUser="${Q.user}" creationDateTime="2024-03-08T08:00:00Z" >
<PlainTextContent>A second annotation</PlainTextContent>
<PlainTextSelection guid="f2a3b4c5-d6e7-4f80-9bac-1d2e3f4a5b6c" startPosition="50" endPosition="60" />
</Note>
</Notes>`,
    );
    const project = parseProjectQde(orphan);
    expect(project.notes.map((n) => n.text)).toContain('A second annotation');
    expect(project.sources[0]!.selections).toHaveLength(3);
    expect(project.unsupported).toContainEqual({
      kind: 'selection',
      name: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
      detail:
        'a passage (50–60) that note "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b" annotates, in a source the file does not name',
    });
  });

  it('reads a PDF through its text Representation and lists what it cannot keep', () => {
    const project = parseProjectQde(xml);
    expect(project.sources[1]).toStrictEqual<QdaTextSource>({
      guid: Q.representation,
      name: 'Report.pdf',
      plainTextPath: `internal://${Q.pdfText}.txt`,
      creatingUser: Q.user,
      selections: [
        {
          guid: Q.pdfSel,
          name: 'Key findings',
          start: 0,
          end: 12,
          creatingUser: Q.user,
          creationDateTime: '2024-03-04T09:00:00Z',
          codeGuids: [Q.delight],
          noteGuids: [],
        },
      ],
    });
    expect(unsupportedNames(project)).toEqual([
      'case: Participant A',
      'pdf: Report.pdf',
      'picture: whiteboard.png',
      'selection: arrows',
      'variable: Age group',
    ]);
    const region = project.unsupported.find((u) => u.name === 'arrows')!;
    expect(region.detail).toContain('picture "whiteboard.png"');
    expect(region.detail).toContain('coded "Loose code"');
    expect(project.unsupported.find((u) => u.kind === 'case')!.detail).toContain('Age group = 20-29');
    expectWritable(project);
  });
});

describe('NVivo', () => {
  // NVivo for Windows 12.6, as a real export's structure is reproduced in QualCanvas's tests: xmlns:xsd,
  // basePath="", no creatingUser on sources, name="" on selections, text as plainTextPath next to a .docx,
  // nested Codes, notes as .txt/.docx files; annotations as a Note linked to the PlainTextSelection by a
  // <Link> (QualCoder's importer reads them that way); source groups as Sets.
  const N = {
    user: 'f93ad076-5ca1-4f46-abf4-b4b67130a6e2',
    coder: '8ca3a2c1-8b7a-41c3-a9dd-a8fb46caa645',
    susceptibility: '3c51efbb-071f-43a7-9f32-228b89668e8d',
    personalRisk: '4d62f0cc-182f-44b8-a043-339c90779e9e',
    source: '56a79789-d535-4fb8-bedd-a915504c54ba',
    selection: 'fd960901-8191-4db1-a3dd-a91626d56c4b',
    annotated: '0e1d2c3b-4a59-4687-9766-554433221100',
    annotation: '9a8b7c6d-5e4f-4321-8fed-cba987654321',
    journal: '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b',
    link: '2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b',
    nodeMemo: '4c5d6e7f-8091-4a2b-9c3d-4e5f6a7b8c9d',
    sourceMemo: '5d6e7f80-91a2-4b3c-8d4e-5f6a7b8c9dae',
    nodeLink: '6e7f8091-a2b3-4c4d-9e5f-6a7b8c9daebf',
    sourceLink: '7f8091a2-b3c4-4d5e-8f6a-7b8c9daebfc0',
    set: '3b4c5d6e-7f80-491a-8b2c-3d4e5f6a7b8c',
  };
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns:xsd="http://www.w3.org/2001/XMLSchema" name="Vaccine study" origin="NVivo for Windows 12.6" creatingUserGUID="${N.user}" creationDateTime="2025-02-21T15:09:07Z" basePath="" xmlns="urn:QDA-XML:project:1.0">
  <Users>
    <User guid="${N.user}" name="Owner" />
    <User guid="${N.coder}" name="Coder" />
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="${N.susceptibility}" name="Perceived susceptibility" isCodable="true">
        <Description>Belief about one's own risk</Description>
        <Code guid="${N.personalRisk}" name="Personal risk" isCodable="true" color="#f0a" />
      </Code>
    </Codes>
  </CodeBook>
  <Sources>
    <TextSource guid="${N.source}" name="videos_selection" richTextPath="internal://${N.source}.docx" plainTextPath="internal://${N.source}.txt" creationDateTime="2025-06-11T16:24:07Z" modifyingUser="${N.coder}" modifiedDateTime="2025-06-12T09:00:00Z">
      <PlainTextSelection guid="${N.selection}" name="" startPosition="4" endPosition="10" creatingUser="${N.coder}" creationDateTime="2025-06-12T08:00:00Z">
        <Coding guid="aa960901-8191-4db1-a3dd-a91626d56c4b" creatingUser="${N.coder}" creationDateTime="2025-06-12T08:00:00Z">
          <CodeRef targetGUID="${N.personalRisk}" />
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${N.annotated}" name="" startPosition="12" endPosition="20" creatingUser="${N.coder}" creationDateTime="2025-06-12T08:10:00Z" />
    </TextSource>
  </Sources>
  <Notes>
    <Note guid="${N.annotation}" name="Annotation" richTextPath="internal://${N.annotation}.docx" plainTextPath="internal://${N.annotation}.txt" creatingUser="${N.coder}" creationDateTime="2025-06-12T08:10:00Z" />
    <Note guid="${N.journal}" name="Research journal" richTextPath="internal://${N.journal}.docx" plainTextPath="internal://${N.journal}.txt" creatingUser="${N.user}" creationDateTime="2025-02-21T15:10:00Z" />
    <Note guid="${N.nodeMemo}" name="Personal risk (memo)" richTextPath="internal://${N.nodeMemo}.docx" plainTextPath="internal://${N.nodeMemo}.txt" creatingUser="${N.coder}" creationDateTime="2025-06-13T08:00:00Z" />
    <Note guid="${N.sourceMemo}" name="videos_selection (memo)" richTextPath="internal://${N.sourceMemo}.docx" plainTextPath="internal://${N.sourceMemo}.txt" creatingUser="${N.coder}" creationDateTime="2025-06-13T08:05:00Z" />
  </Notes>
  <Links>
    <Link guid="${N.link}" name="Annotation" direction="OneWay" originGUID="${N.annotation}" targetGUID="${N.annotated}" />
    <Link guid="${N.nodeLink}" name="Memo link" direction="OneWay" originGUID="${N.personalRisk}" targetGUID="${N.nodeMemo}" />
    <Link guid="${N.sourceLink}" name="Memo link" direction="OneWay" originGUID="${N.source}" targetGUID="${N.sourceMemo}" />
  </Links>
  <Sets>
    <Set guid="${N.set}" name="Interviews">
      <MemberSource targetGUID="${N.source}" />
    </Set>
  </Sets>
</Project>`;

  it('reads nested nodes, codings, annotation and memo Links, and notes kept as files', () => {
    const project = parseProjectQde(xml);
    expect(project.origin).toBe('NVivo for Windows 12.6');
    expect(project.users.map((u) => u.name)).toEqual(['Owner', 'Coder']);
    expect(project.codes).toStrictEqual([
      {
        guid: N.susceptibility,
        name: 'Perceived susceptibility',
        isCodable: true,
        description: "Belief about one's own risk",
        children: [
          {
            guid: N.personalRisk,
            name: 'Personal risk',
            color: '#FF00AA',
            isCodable: true,
            noteGuids: [N.nodeMemo],
            children: [],
          },
        ],
      },
    ]);
    expect(project.sources).toStrictEqual<QdaTextSource[]>([
      {
        guid: N.source,
        name: 'videos_selection',
        plainTextPath: `internal://${N.source}.txt`,
        richTextPath: `internal://${N.source}.docx`,
        creatingUser: N.coder,
        creationDateTime: '2025-06-11T16:24:07Z',
        modifiedDateTime: '2025-06-12T09:00:00Z',
        noteGuids: [N.sourceMemo],
        selections: [
          {
            guid: N.selection,
            start: 4,
            end: 10,
            creatingUser: N.coder,
            creationDateTime: '2025-06-12T08:00:00Z',
            codeGuids: [N.personalRisk],
            noteGuids: [],
          },
          {
            guid: N.annotated,
            start: 12,
            end: 20,
            creatingUser: N.coder,
            creationDateTime: '2025-06-12T08:10:00Z',
            codeGuids: [],
            noteGuids: [N.annotation],
          },
        ],
      },
    ]);
    expect(project.notes.map((n) => [n.name, n.text, n.plainTextPath])).toEqual([
      ['Annotation', '', `internal://${N.annotation}.txt`],
      ['Research journal', '', `internal://${N.journal}.txt`],
      ['Personal risk (memo)', '', `internal://${N.nodeMemo}.txt`],
      ['videos_selection (memo)', '', `internal://${N.sourceMemo}.txt`],
    ]);
    expect(unsupportedNames(project)).toEqual(['set: Interviews']);
    expect(project.unsupported[0]!.detail).toBe('a set of 1 source');
    expectWritable(project);
  });
});

describe('MAXQDA', () => {
  // MAXQDA 2020–2024 exports: upper-case GUIDs, xsi:schemaLocation, only modifiedDateTime on the project,
  // attributes in any order (also `guid = "…"`), lower-case colours, coding memos as the selection's
  // Description and comments as a Description on a selection with no Coding, document variables in a
  // nameless Case with one SourceRef (and as VariableValue in the source), audio recordings as VideoSource,
  // document groups as Sets with a Description.
  const M = {
    user: '2C5846FE-C0B7-4124-9256-794A5742CEBA',
    attitudes: '7B1E5C1A-0D2F-4E3A-9B4C-5D6E7F8A9B0C',
    positive: '8C2F6D2B-1E3A-4F4B-8C5D-6E7F8A9B0C1D',
    negative: '9D3A7E3C-2F4B-405C-9D6E-7F8A9B0C1D2E',
    gender: 'AE4B8F4D-305C-416D-8E7F-8A9B0C1D2E3F',
    age: 'BF5C905E-416D-427E-9F8A-9B0C1D2E3F40',
    wave: 'C06DA16F-527E-438F-A09B-AC1D2E3F4051',
    case: 'D17EB270-638F-44A0-B1AC-BD2E3F405162',
    doc: 'E28FC381-74A0-45B1-82BD-CE3F40516273',
    docFile: 'F390D492-85B1-46C2-93CE-DF4051627384',
    sel1: '04A1E5A3-96C2-47D3-A4DF-E05162738495',
    sel2: '15B2F6B4-A7D3-48E4-B5E0-F162738495A6',
    video: '26C307C5-B8E4-49F5-86F1-0273849506B7',
    videoSel: 'BB652E1B-5CCC-4AA3-9C7F-E5D9BD99F6BF',
    group: '46467993-B426-49DD-9707-B5958EBA9870',
  };
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project origin="MAXQDA 2022 (Release 22.4.0)" xsi:schemaLocation="urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd" name="Open answers" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" modifiedDateTime="2022-10-04T08:12:41Z" xmlns="urn:QDA-XML:project:1.0">
<Users>
<User guid = "${M.user}" name="Francesca"/>
</Users>
<CodeBook>
<Codes>
<Code isCodable="true" name="Attitudes" color="#2364a2" guid="${M.attitudes}">
<Code isCodable="true" name="Positive" color="#37b24d" guid="${M.positive}"/>
<Code isCodable="true" name="Negative" color="#f03e3e" guid="${M.negative}"/>
</Code>
</Codes>
</CodeBook>
<Variables>
<Variable name="Gender" typeOfVariable="Text" guid="${M.gender}"/>
<Variable name="Age" typeOfVariable="Integer" guid="${M.age}"/>
<Variable name="Wave" typeOfVariable="Text" guid="${M.wave}"/>
</Variables>
<Cases>
<Case guid="${M.case}">
<VariableValue>
<VariableRef targetGUID="${M.gender}"/>
<TextValue>female</TextValue>
</VariableValue>
<VariableValue>
<VariableRef targetGUID="${M.age}"/>
<IntegerValue>34</IntegerValue>
</VariableValue>
<SourceRef targetGUID="${M.doc}"/>
</Case>
</Cases>
<Sources>
<TextSource plainTextPath="internal://${M.docFile}.txt" guid="${M.doc}" name="Respondent 17" creatingUser="${M.user}" creationDateTime="2022-10-04T08:00:00Z" modifyingUser="${M.user}" modifiedDateTime="2022-10-04T08:10:00Z">
<PlainTextSelection startPosition="0" modifyingUser="${M.user}" modifiedDateTime="2022-10-04T08:06:00Z" creatingUser="${M.user}" creationDateTime="2022-10-04T08:05:00Z" endPosition="30" guid="${M.sel1}" name="I think the new rules are fair">
<Description>Coding memo: hedged</Description>
<Coding creatingUser="${M.user}" creationDateTime="2022-10-04T08:05:00Z" guid="37D418D6-C9F5-4A06-97F2-138495A617C8">
<CodeRef targetGUID="${M.positive}"/>
</Coding>
</PlainTextSelection>
<PlainTextSelection startPosition="31" endPosition="56" guid="${M.sel2}" name="but nobody explained them" modifyingUser="${M.user}" modifiedDateTime="2022-10-04T08:07:00Z">
<Description>Comment without a code</Description>
</PlainTextSelection>
<VariableValue>
<VariableRef targetGUID="${M.wave}"/>
<TextValue>2</TextValue>
</VariableValue>
</TextSource>
<VideoSource path="internal://${M.video}.m4a" guid="${M.video}" name="New Recording 11" creatingUser="${M.user}" creationDateTime="2020-11-10T18:00:00Z">
<VideoSelection end="1100" modifyingUser="${M.user}" begin="115" guid="${M.videoSel}" creatingUser="${M.user}" creationDateTime="2020-11-10T18:01:23Z" name="(115,0),(1100,0)" modifiedDateTime="2020-11-10T18:01:23Z">
<Description>Memo to video file</Description>
<Coding guid="2E0A7A4D-453B-4A1B-9784-4FC5B8432816" creatingUser="${M.user}" creationDateTime="2020-11-10T18:01:23Z">
<CodeRef targetGUID="${M.negative}"/>
</Coding>
</VideoSelection>
</VideoSource>
</Sources>
<Sets>
<Set name="Document group 1" guid="${M.group}">
<Description>Memo to document group</Description>
<MemberSource targetGUID="${M.doc}"/>
</Set>
</Sets>
</Project>`;
  const lower = (guid: string): string => guid.toLowerCase();

  it('reads upper-case GUIDs as lower case, comments without codes, and variables from the source and its case', () => {
    const project = parseProjectQde(xml);
    expect(project.name).toBe('Open answers');
    expect(project.creationDateTime).toBeUndefined();
    expect(project.users).toEqual([{ guid: lower(M.user), name: 'Francesca' }]);
    expect(project.codes[0]!.children.map((c) => [c.guid, c.name, c.color])).toEqual([
      [lower(M.positive), 'Positive', '#37B24D'],
      [lower(M.negative), 'Negative', '#F03E3E'],
    ]);
    expect(project.sources).toStrictEqual<QdaTextSource[]>([
      {
        guid: lower(M.doc),
        name: 'Respondent 17',
        plainTextPath: `internal://${M.docFile}.txt`,
        creatingUser: lower(M.user),
        creationDateTime: '2022-10-04T08:00:00Z',
        modifiedDateTime: '2022-10-04T08:10:00Z',
        selections: [
          {
            guid: lower(M.sel1),
            name: 'I think the new rules are fair',
            start: 0,
            end: 30,
            creatingUser: lower(M.user),
            creationDateTime: '2022-10-04T08:05:00Z',
            codeGuids: [lower(M.positive)],
            noteGuids: [],
            description: 'Coding memo: hedged',
          },
          {
            guid: lower(M.sel2),
            name: 'but nobody explained them',
            start: 31,
            end: 56,
            // No creatingUser or creationDateTime: the modifying user and date stand in.
            creatingUser: lower(M.user),
            creationDateTime: '2022-10-04T08:07:00Z',
            codeGuids: [],
            noteGuids: [],
            description: 'Comment without a code',
          },
        ],
        variables: [
          { name: 'Wave', value: '2' },
          { name: 'Gender', value: 'female' },
          { name: 'Age', value: '34' },
        ],
      },
    ]);
  });

  it('lists the recording, its coded segment and the document group as unsupported', () => {
    const project = parseProjectQde(xml);
    expect(unsupportedNames(project)).toEqual([
      'selection: (115,0),(1100,0)',
      'set: Document group 1',
      'video: New Recording 11',
    ]);
    expect(project.unsupported.find((u) => u.kind === 'selection')!.detail).toBe(
      'the stretch from 115 ms to 1100 ms of video "New Recording 11", coded "Negative"',
    );
    expect(project.unsupported.find((u) => u.kind === 'set')!.detail).toContain('Memo to document group');
    expectWritable(project);
  });
});

describe('ATLAS.ti', () => {
  // ATLAS.ti 23 exports (from a documented 2023 export and QualCoder's notes on ATLAS.ti): creating and
  // modifying user on the project, quotations with several codings by different coders, comments as Notes
  // kept as .txt/.docx and tied by NoteRef (also inside a Coding), PDFs with page-region PDFSelections and a
  // text Representation, audio with a Transcript and SyncPoints, a media source with name="" (the transcript
  // is named), relations between codes as Links, code groups as Sets, networks as Graphs.
  const A = {
    ana: 'B27E9088-1A2B-4C3D-8E4F-5A6B7C8D9E0F',
    bruno: 'C4E79FCB-2B3C-4D4E-9F50-6B7C8D9E0F1A',
    persuasion: '0050AEC3-3C4D-4E5F-A061-7C8D9E0F1A2B',
    fear: 'A680AEC3-4D5E-4F60-B172-8D9E0F1A2B3C',
    trust: 'B9A0AAC6-5E6F-4071-8283-9E0F1A2B3C4D',
    doc: 'D1A2B3C4-6F70-4182-9394-AF1A2B3C4D5E',
    quotation: '91575042-7081-4293-A4A5-B02B3C4D5E6F',
    pdf: 'E2B3C4D5-8192-43A4-B5B6-C13C4D5E6F70',
    region: 'F3C4D5E6-92A3-44B5-86C7-D24D5E6F7081',
    representation: '04D5E6F7-A3B4-45C6-97D8-E35E6F708192',
    pdfQuotation: '15E6F708-B4C5-46D7-A8E9-F46F708192A3',
    audio: '9D260347-C5D6-47E8-B9FA-0570819203B4',
    transcript: '71013825-D6E7-48F9-8A0B-16819203B4C5',
    transcriptSel: '467362C5-E7F8-490A-9B1C-279203B4C5D6',
    audioSel: '238965CB-F809-4A1B-AC2D-3803B4C5D6E7',
    comment: '04EA5FEE-091A-4B2C-BD3E-49B4C5D6E7F8',
    codingComment: 'A6BC8B20-1A2B-4C3D-8E4F-5AC5D6E7F809',
    link: '998DED36-2B3C-4D4E-9F50-6BD6E7F8091A',
    group: '91C0F928-3C4D-4E5F-A061-7CE7F8091A2B',
    graph: 'A2D1FA39-4D5E-4F60-B172-8DF8091A2B3C',
  };
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project name="Environmental attitudes" origin="ATLAS.ti Win 23.4.0 (24)" creatingUserGUID="${A.ana}" creationDateTime="2023-05-10T07:00:00Z" modifyingUserGUID="${A.ana}" modifiedDateTime="2023-06-01T07:00:00Z" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd" xmlns="urn:QDA-XML:project:1.0">
  <Users>
    <User guid="${A.ana}" name="Ana" />
    <User guid="${A.bruno}" name="Bruno" />
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="${A.persuasion}" name="Persuasion" isCodable="true" color="#FF0000">
        <Description>Attempts to persuade</Description>
        <Code guid="${A.fear}" name="Persuasion: fear" isCodable="true" color="#00FF00" />
      </Code>
      <Code guid="${A.trust}" name="Trust" isCodable="true" color="#0000FF" />
    </Codes>
  </CodeBook>
  <Sources>
    <TextSource guid="${A.doc}" name="Interview Ana" plainTextPath="internal://${A.doc}.txt" richTextPath="internal://${A.doc}.docx" creatingUser="${A.ana}" modifyingUser="${A.ana}" creationDateTime="2023-05-10T07:30:00Z" modifiedDateTime="2023-05-11T07:30:00Z">
      <Description>Transcribed by Bruno</Description>
      <PlainTextSelection guid="${A.quotation}" name="we have to act now" startPosition="104" endPosition="122" creatingUser="${A.ana}" creationDateTime="2023-05-12T07:00:00Z">
        <Coding guid="8F2E7E5A-5E6F-4071-8283-9E0F1A2B3C4D" creatingUser="${A.ana}" creationDateTime="2023-05-12T07:00:00Z">
          <CodeRef targetGUID="${A.persuasion}" />
        </Coding>
        <Coding guid="851E492C-6F70-4182-9394-AF1A2B3C4D5E" creatingUser="${A.bruno}" creationDateTime="2023-05-13T07:00:00Z">
          <CodeRef targetGUID="${A.fear}" />
          <NoteRef targetGUID="${A.codingComment}" />
        </Coding>
        <NoteRef targetGUID="${A.comment}" />
      </PlainTextSelection>
    </TextSource>
    <PDFSource guid="${A.pdf}" name="Policy brief.pdf" path="internal://${A.pdf}.pdf" creatingUser="${A.ana}" creationDateTime="2023-05-14T07:00:00Z">
      <PDFSelection guid="${A.region}" page="2" firstX="100" firstY="200" secondX="400" secondY="260" name="Figure 3" creatingUser="${A.ana}" creationDateTime="2023-05-14T08:00:00Z">
        <Coding guid="9809AD1A-7081-4293-A4A5-B02B3C4D5E6F" creatingUser="${A.ana}" creationDateTime="2023-05-14T08:00:00Z">
          <CodeRef targetGUID="${A.trust}" />
        </Coding>
      </PDFSelection>
      <Representation guid="${A.representation}" plainTextPath="internal://${A.representation}.txt" name="Representation_for_Policy brief.pdf">
        <PlainTextSelection guid="${A.pdfQuotation}" name="carbon budgets" startPosition="5" endPosition="19" creatingUser="${A.ana}" creationDateTime="2023-05-14T09:00:00Z">
          <Coding guid="C4BAD35E-8192-43A4-B5B6-C13C4D5E6F70" creatingUser="${A.ana}" creationDateTime="2023-05-14T09:00:00Z">
            <CodeRef targetGUID="${A.trust}" />
          </Coding>
        </PlainTextSelection>
      </Representation>
    </PDFSource>
    <AudioSource path="internal://${A.audio}.m4a" guid="${A.audio}" name="" modifiedDateTime="2023-05-15T07:00:00Z" modifyingUser="${A.bruno}" creatingUser="${A.bruno}" creationDateTime="2023-05-15T07:00:00Z">
      <Transcript plainTextPath="internal://${A.transcript}.txt" richTextPath="internal://${A.transcript}.docx" guid="${A.transcript}" name="Interview Bruno (audio).docx" creatingUser="${A.bruno}" creationDateTime="2023-05-15T07:00:00Z">
        <SyncPoint guid="3101C58C-92A3-44B5-86C7-D24D5E6F7081" position="55" timeStamp="15630" />
        <SyncPoint guid="5F26FA5B-A3B4-45C6-97D8-E35E6F708192" position="123" timeStamp="21650" />
        <TranscriptSelection guid="${A.transcriptSel}" name="Bruno on trust" fromSyncPoint="3101C58C-92A3-44B5-86C7-D24D5E6F7081" toSyncPoint="5F26FA5B-A3B4-45C6-97D8-E35E6F708192">
          <Coding guid="367DD20E-B4C5-46D7-A8E9-F46F708192A3" creatingUser="${A.bruno}" creationDateTime="2023-05-15T08:00:00Z">
            <CodeRef targetGUID="${A.trust}" />
          </Coding>
        </TranscriptSelection>
      </Transcript>
      <AudioSelection guid="${A.audioSel}" name="00:16.17 – 00:45.35" begin="16176" end="45358" creatingUser="${A.bruno}" creationDateTime="2023-05-15T09:00:00Z">
        <Coding guid="A6BC8B21-C5D6-47E8-B9FA-0570819203B4" creatingUser="${A.bruno}" creationDateTime="2023-05-15T09:00:00Z">
          <CodeRef targetGUID="${A.trust}"/>
        </Coding>
      </AudioSelection>
    </AudioSource>
  </Sources>
  <Notes>
    <Note guid="${A.comment}" name="IT24" plainTextPath="internal://${A.comment}.txt" richTextPath="internal://${A.comment}.docx" creatingUser="${A.ana}" creationDateTime="2023-05-12T07:05:00Z" modifyingUser="${A.ana}" modifiedDateTime="2023-05-12T07:06:00Z" />
    <Note guid="${A.codingComment}" name="AF89" plainTextPath="internal://${A.codingComment}.txt" richTextPath="internal://${A.codingComment}.docx" creatingUser="${A.bruno}" creationDateTime="2023-05-13T07:05:00Z" />
  </Notes>
  <Links>
    <Link guid="${A.link}" name="is associated with" color="#000000" direction="Bidirectional" originGUID="${A.persuasion}" targetGUID="${A.trust}" />
  </Links>
  <Sets>
    <Set guid="${A.group}" name="Persuasion codes">
      <Description>Code group</Description>
      <MemberCode targetGUID="${A.persuasion}" />
      <MemberCode targetGUID="${A.fear}" />
    </Set>
  </Sets>
  <Graphs>
    <Graph guid="${A.graph}" name="Network: trust">
      <Vertex guid="B3E20B4A-5E6F-4071-8283-9E0F1A2B3C4D" representedGUID="${A.trust}" firstX="10" firstY="10" />
      <Vertex guid="C4F31C5B-6F70-4182-9394-AF1A2B3C4D5E" representedGUID="${A.persuasion}" firstX="200" firstY="10" />
      <Edge guid="D5042D6C-7081-4293-A4A5-B02B3C4D5E6F" sourceVertex="B3E20B4A-5E6F-4071-8283-9E0F1A2B3C4D" targetVertex="C4F31C5B-6F70-4182-9394-AF1A2B3C4D5E" />
    </Graph>
  </Graphs>
</Project>`;
  const lower = (guid: string): string => guid.toLowerCase();

  it('reads a quotation coded by two coders, with its comment and the comment on one coding', () => {
    const project = parseProjectQde(xml);
    expect(project.creatingUserGuid).toBe(lower(A.ana));
    const source = project.sources[0]!;
    expect(source).toMatchObject({
      name: 'Interview Ana',
      description: 'Transcribed by Bruno',
      richTextPath: `internal://${A.doc}.docx`,
      creatingUser: lower(A.ana),
    });
    expect(source.selections).toStrictEqual([
      {
        guid: lower(A.quotation),
        name: 'we have to act now',
        start: 104,
        end: 122,
        creatingUser: lower(A.ana),
        creationDateTime: '2023-05-12T07:00:00Z',
        codeGuids: [lower(A.persuasion), lower(A.fear)],
        noteGuids: [lower(A.comment), lower(A.codingComment)],
      },
    ]);
    expect(project.notes.map((n) => [n.guid, n.name, n.plainTextPath, n.creatingUser])).toEqual([
      [lower(A.comment), 'IT24', `internal://${A.comment}.txt`, lower(A.ana)],
      [lower(A.codingComment), 'AF89', `internal://${A.codingComment}.txt`, lower(A.bruno)],
    ]);
  });

  it('keeps the PDF text and its quotation, and reports regions, audio, links, groups and networks', () => {
    const project = parseProjectQde(xml);
    expect(project.sources[1]).toStrictEqual<QdaTextSource>({
      guid: lower(A.representation),
      name: 'Policy brief.pdf',
      plainTextPath: `internal://${A.representation}.txt`,
      selections: [
        {
          guid: lower(A.pdfQuotation),
          name: 'carbon budgets',
          start: 5,
          end: 19,
          creatingUser: lower(A.ana),
          creationDateTime: '2023-05-14T09:00:00Z',
          codeGuids: [lower(A.trust)],
          noteGuids: [],
        },
      ],
    });
    expect(unsupportedNames(project)).toEqual([
      'audio: Interview Bruno (audio).docx',
      'graph: Network: trust',
      'other: is associated with',
      'pdf: Policy brief.pdf',
      'selection: 00:16.17 – 00:45.35',
      'selection: Bruno on trust',
      'selection: Figure 3',
      'set: Persuasion codes',
    ]);
    const detail = (name: string): string => project.unsupported.find((u) => u.name === name)!.detail;
    expect(detail('Figure 3')).toBe(
      'a region on page 2 of PDF "Policy brief.pdf", coded "Trust"; Dossier keeps text passages, not page regions',
    );
    expect(detail('is associated with')).toBe(
      `a link from code "Persuasion" to code "Trust" (line ${lineOf(xml, '<Link ')})`,
    );
    expect(detail('Interview Bruno (audio).docx')).toMatch(
      /^an audio recording \(internal:\/\/.*\.m4a\) with 1 coded selection, a transcript/,
    );
    expect(detail('Network: trust')).toBe('a graph with 2 vertices and 1 edge');
    expectWritable(project);
  });

  it('reads the same project when its audio is linked outside the archive, listing the link, never opening it', () => {
    const linked = xml.replace(`path="internal://${A.audio}.m4a"`, 'path="relative:///Interview Bruno.m4a"');
    const project = parseProjectQde(linked);
    const listed = project.unsupported.find((u) => u.detail.includes('relative:///Interview Bruno.m4a'));
    expect(listed?.detail).toMatch(/audio recording .* is linked outside the project file/);
  });
});

describe('what real files vary in', () => {
  const CODE = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  const USER = 'ab0c1d2e-3f4a-4b5c-9d6e-7f8a9b0c1d2e';

  it('matches GUIDs whatever their case and braces, and keeps references consistent', () => {
    const project = parseProjectQde(`<Project xmlns="urn:QDA-XML:project:1.0" name="g">
  <Users><User guid="{${USER.toUpperCase()}}" name="u"/></Users>
  <CodeBook><Codes><Code guid="{${CODE.toUpperCase()}}" name="c" isCodable="true"/></Codes></CodeBook>
  <Sources><TextSource guid="{11111111-2222-4333-8444-555555555555}" name="s" plainTextPath="internal://s.txt">
    <PlainTextSelection guid="66666666-7777-4888-8999-AAAAAAAAAAAA" startPosition="0" endPosition="1" creatingUser="${USER}">
      <Coding guid="bbbbbbbb-cccc-4ddd-8eee-ffffffffffff"><CodeRef targetGUID="${CODE}"/></Coding>
    </PlainTextSelection>
  </TextSource></Sources>
</Project>`);
    expect(project.users[0]!.guid).toBe(USER);
    expect(project.codes[0]!.guid).toBe(CODE);
    expect(project.sources[0]!.guid).toBe('11111111-2222-4333-8444-555555555555');
    expect(project.sources[0]!.selections[0]).toMatchObject({
      guid: '66666666-7777-4888-8999-aaaaaaaaaaaa',
      creatingUser: USER,
      codeGuids: [CODE],
    });
  });

  it('gives identifiers that are not GUIDs a GUID of their own, the same wherever they are used', () => {
    const project = parseProjectQde(`<Project xmlns="urn:QDA-XML:project:1.0" name="hand-made">
  <CodeBook><Codes><Code guid="plugin" name="Start and End Plugin" isCodable="true"/></Codes></CodeBook>
  <Sources><TextSource guid="ABC123" name="Interview 1" plainTextPath="internal://ABC123.txt">
    <PlainTextSelection guid="s1" startPosition="0" endPosition="3"><Coding guid="k"><CodeRef targetGUID="Plugin"/></Coding></PlainTextSelection>
  </TextSource></Sources>
</Project>`);
    const code = project.codes[0]!.guid;
    expect(code).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(project.sources[0]!.selections[0]!.codeGuids).toEqual([code]);
    expectWritable(project);
  });

  it('ignores elements and attributes of other namespaces, and reports sources of unknown kinds', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- exported by a tool with extensions -->
<Project xmlns="urn:QDA-XML:project:1.0" xmlns:ext="urn:example:extension" name="Ext" ext:flag="1">
  <ext:Settings><ext:Colour>blue</ext:Colour></ext:Settings>
  <Sources>
    <TextSource guid="${CODE}" name="Inline" ext:weight="3">
      <ext:Highlight colour="red"/>
      <PlainTextContent><![CDATA[Inline <text> & more]]> and after</PlainTextContent>
      <PlainTextSelection guid="${USER}" startPosition="0" endPosition="6"><ext:Note>ignored</ext:Note></PlainTextSelection>
    </TextSource>
    <ext:WebSource name="https://example.org/page"/>
    <SpreadsheetSource guid="12345678-1234-4234-8234-123456789012" name="Survey.xlsx"/>
  </Sources>
  <Unknown><Code guid="not-read" name="x" isCodable="true"/></Unknown>
</Project>`;
    const project = parseProjectQde(xml);
    expect(project.sources).toStrictEqual<QdaTextSource[]>([
      {
        guid: CODE,
        name: 'Inline',
        plainTextContent: 'Inline <text> & more and after',
        selections: [{ guid: USER, start: 0, end: 6, codeGuids: [], noteGuids: [] }],
      },
    ]);
    expect(project.codes).toEqual([]);
    expect(project.unsupported).toEqual([
      {
        kind: 'other',
        name: 'https://example.org/page',
        detail: `a source of a kind Dossier does not know (<WebSource> (urn:example:extension), line ${lineOf(xml, '<ext:WebSource')})`,
      },
      {
        kind: 'other',
        name: 'Survey.xlsx',
        detail: `a source of a kind Dossier does not know (SpreadsheetSource, line ${lineOf(xml, '<SpreadsheetSource')})`,
      },
    ]);
  });

  it('takes missing optional attributes, isCodable left out, and dates in a database form', () => {
    const project =
      parseProjectQde(`<Project xmlns="urn:QDA-XML:project:1.0" creationDateTime="2024-05-02 10:11:12">
  <CodeBook><Codes><Code guid="${CODE}" name="Implicitly codable"/><Code guid="${USER}" name="Category" isCodable="False"/></Codes></CodeBook>
  <Notes><Note guid="11111111-2222-4333-8444-555555555555" creationDateTime="yesterday"><PlainTextContent>Only text</PlainTextContent></Note></Notes>
</Project>`);
    expect(project.name).toBe('');
    expect(project.creationDateTime).toBe('2024-05-02T10:11:12');
    expect(project.codes.map((c) => c.isCodable)).toEqual([true, false]);
    expect(project.notes).toStrictEqual([
      { guid: '11111111-2222-4333-8444-555555555555', name: '', text: 'Only text' },
    ]);
    expect(project.users).toEqual([]);
    expect(project.sources).toEqual([]);
  });

  it('accepts archive names with spaces, brackets and a plain percent sign', () => {
    for (const name of ['Interview 1 (final).txt', '50% done.txt', 'ÜBER-guid.TXT']) {
      expect(internalPathName(`internal://${name}`)).toBe(name);
      const project = parseProjectQde(minimal({ source: `plainTextPath="internal://${name}"` }));
      expect(project.sources[0]!.plainTextPath).toBe(`internal://${name}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Refusals

const CODE = '11111111-1111-4111-8111-111111111111';
const SRC = '22222222-2222-4222-8222-222222222222';
const SEL = '33333333-3333-4333-8333-333333333333';
const NOTE = '44444444-4444-4444-8444-444444444444';
const OTHER = '55555555-5555-4555-8555-555555555555';

/** A small valid project, with one part or another replaced. */
function minimal(
  parts: { source?: string; selection?: string; selectionBody?: string; codes?: string; after?: string } = {},
): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Minimal">
  <CodeBook>
    <Codes>${parts.codes ?? `<Code guid="${CODE}" name="Code" isCodable="true"/>`}</Codes>
  </CodeBook>
  <Sources>
    <TextSource guid="${SRC}" name="Interview" ${parts.source ?? `plainTextPath="internal://${SRC}.txt"`}>
      <PlainTextSelection guid="${SEL}" ${parts.selection ?? 'startPosition="0" endPosition="5"'}>${
        parts.selectionBody ?? `<Coding guid="${OTHER}"><CodeRef targetGUID="${CODE}"/></Coding>`
      }</PlainTextSelection>
    </TextSource>
  </Sources>
  <Notes><Note guid="${NOTE}" name="Memo"><PlainTextContent>memo</PlainTextContent></Note></Notes>${parts.after ?? ''}
</Project>`;
}

/** The DossierError a file is refused with. */
function refusal(xml: string, options?: { maxNodes?: number }): DossierError {
  try {
    parseProjectQde(xml, options);
  } catch (error) {
    if (!(error instanceof DossierError)) throw error;
    expect(error.code).toBe('import_refused');
    return error;
  }
  throw new Error('the file was not refused');
}

describe('refusals', () => {
  it('reads the small project the refusals start from', () => {
    const project = parseProjectQde(minimal());
    expect(project.sources[0]!.selections[0]!.codeGuids).toEqual([CODE]);
    expect(schemaErrors(minimal())).toEqual([]);
  });

  it('refuses a DOCTYPE declaring an external entity, before reading it', () => {
    const error = refusal(
      '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&e;"/>',
    );
    expect(error.message).toMatch(/DOCTYPE declaration/);
    expect(error.message).not.toMatch(/root:/);
  });

  it('refuses billion laughs at once, without expanding anything', () => {
    const laughs = [
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
    ].join('\n');
    const started = performance.now();
    const error = refusal(
      `<?xml version="1.0"?>\n<!DOCTYPE Project [\n${laughs}\n]>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"/>`,
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.message).toMatch(/DOCTYPE/);
  });

  it('refuses a DOCTYPE even when it declares nothing', () => {
    expect(refusal(minimal().replace('<Project', '<!DOCTYPE Project>\n<Project')).message).toMatch(/DOCTYPE/);
  });

  it('refuses malformed XML, saying where', () => {
    const mismatched = minimal().replace('</TextSource>', '</Textsource>');
    const error = refusal(mismatched);
    expect(error.message).toMatch(/not well-formed XML/);
    expect(error.message).toContain(`line ${lineOf(mismatched, '</Textsource>')}`);

    const bareAmpersand = minimal().replace('name="Interview"', 'name="Q&A"');
    const line = lineOf(bareAmpersand, 'Q&A');
    const column = bareAmpersand.indexOf('&A') - bareAmpersand.lastIndexOf('\n', bareAmpersand.indexOf('&A'));
    expect(refusal(bareAmpersand).message).toContain(`a bare "&" on line ${line}, column ${column}`);
    // An ampersand in a comment or CDATA section is fine, one after it is still found.
    const commented = minimal()
      .replace('<Sources>', '<!-- Q&A --><Sources>')
      .replace('name="Memo"', 'name="R&D"');
    expect(refusal(commented).message).toContain(`a bare "&" on line ${lineOf(commented, 'R&D')}`);
    // An earlier error of another kind is the one reported.
    const both = mismatched.replace('name="Memo"', 'name="R&D"');
    expect(refusal(both).message).toContain(`unexpected close tag on line ${lineOf(both, '</Textsource>')}`);

    expect(refusal(minimal().replace('name="Memo"', 'name="&nbsp;"')).message).toMatch(/undefined entity/);
    expect(refusal(minimal().slice(0, -20)).message).toMatch(/not well-formed XML/);
    expect(refusal('').message).toMatch(/not well-formed XML|root element/);
    expect(refusal('not xml at all').message).toMatch(/not well-formed XML/);
  });

  it('refuses a root that is not a REFI-QDA Project', () => {
    expect(refusal('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>').message).toBe(
      'This REFI-QDA project cannot be imported: the root element is <CodeBook> in namespace "urn:QDA-XML:codebook:1.0"; ' +
        'a REFI-QDA project is <Project> in namespace "urn:QDA-XML:project:1.0".',
    );
    expect(refusal('<Project name="x"/>').message).toMatch(/<Project> in no namespace/);
    expect(refusal(minimal().replace('urn:QDA-XML:project:1.0', 'urn:QDA-XML:project:0:4')).message).toMatch(
      /namespace "urn:QDA-XML:project:0:4"/,
    );
  });

  it('refuses more elements than the limit', () => {
    expect(refusal(minimal(), { maxNodes: 8 }).message).toMatch(/more than 8 elements/);
    expect(parseProjectQde(minimal(), { maxNodes: 13 }).sources).toHaveLength(1);
  });

  it('refuses elements nested more than 200 deep', () => {
    const deep = `${'<x:a xmlns:x="urn:x">'.repeat(250)}${'</x:a>'.repeat(250)}`;
    expect(refusal(minimal({ after: deep })).message).toMatch(/nested more than 200 deep/);
    const shallow = `${'<x:a xmlns:x="urn:x">'.repeat(150)}${'</x:a>'.repeat(150)}`;
    expect(parseProjectQde(minimal({ after: shallow })).notes).toHaveLength(1);
  });

  it('refuses a coding of a code the codebook lacks', () => {
    const error = refusal(
      minimal({ selectionBody: `<Coding guid="${OTHER}"><CodeRef targetGUID="${NOTE}"/></Coding>` }),
    );
    expect(error.message).toContain(`refers to code ${NOTE}, which is not in the codebook`);
    expect(error.message).toContain('in the source "Interview"');
  });

  it('refuses a NoteRef to a note that is not there, wherever it is', () => {
    for (const body of [
      `<NoteRef targetGUID="${OTHER}"/>`,
      `<Coding guid="${OTHER}"><CodeRef targetGUID="${CODE}"/><NoteRef targetGUID="{${OTHER.toUpperCase()}}"/></Coding>`,
    ]) {
      expect(refusal(minimal({ selectionBody: body })).message).toMatch(
        /refers to note \{?55555555-5555-4555-8555-555555555555\}?, which is not among the file's Notes/i,
      );
    }
    const onCode = `<Code guid="${CODE}" name="Code" isCodable="true"><NoteRef targetGUID="${OTHER}"/></Code>`;
    expect(refusal(minimal({ codes: onCode })).message).toContain('(in the code "Code")');
  });

  it('refuses selections whose positions are not whole numbers from start to end', () => {
    const cases: [string, RegExp][] = [
      ['startPosition="-1" endPosition="5"', /startPosition="-1", which is not a position/],
      ['startPosition="1.5" endPosition="5"', /startPosition="1.5"/],
      ['startPosition="" endPosition="5"', /startPosition=""/],
      ['startPosition="two" endPosition="5"', /startPosition="two"/],
      ['startPosition="0" endPosition="99999999999999999999"', /endPosition="99999999999999999999"/],
      ['endPosition="5"', /has no startPosition/],
      ['startPosition="9" endPosition="5"', /starts at 9, after its end at 5/],
    ];
    for (const [attributes, message] of cases) {
      const error = refusal(minimal({ selection: attributes }));
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/the <PlainTextSelection> on line 8/);
    }
  });

  it('refuses a GUID used twice, whatever case and braces hide it', () => {
    const twice = `<Code guid="${CODE}" name="A" isCodable="true"/><Code guid="{${CODE.toUpperCase()}}" name="B" isCodable="true"/>`;
    expect(refusal(minimal({ codes: twice })).message).toMatch(
      /GUID \{11111111-1111-4111-8111-111111111111\} is used twice, by the code "A" on line 4 and by the code "B" on line 4/,
    );
    expect(
      refusal(
        minimal({ selection: 'startPosition="0" endPosition="5"' }).replace(`guid="${SEL}"`, `guid="${SRC}"`),
      ).message,
    ).toMatch(
      /used twice, by the text source "Interview" on line 7 and by the selection in source "Interview"/,
    );
    const userLikeNote = minimal({ after: `\n  <Users><User guid="${NOTE}" name="Ana"/></Users>` });
    expect(refusal(userLikeNote).message).toMatch(/used twice, by the user "Ana" .* and by the note "Memo"/);
  });

  it('refuses a code, source, selection or note without a guid', () => {
    expect(refusal(minimal({ codes: '<Code name="Nameless" isCodable="true"/>' })).message).toMatch(
      /the code "Nameless" on line 4 has no guid/,
    );
  });

  it('refuses paths that point outside the archive, naming the source and the path', () => {
    const paths = [
      'absolute:///home/ana/interview.txt',
      'absolute://C:/Users/Ana/interview.txt',
      'relative:///interview.txt',
      'relative://../interview.txt',
      'internal://../x.txt',
      'internal://sources/../../x.txt',
      'internal://sub/x.txt',
      'internal://..\\x.txt',
      'internal://C:evil.txt',
      'internal://%2e%2e%2fx.txt',
      'internal://x%2Fy.txt',
      'internal://',
      'file:///etc/passwd',
      'http://example.org/x.txt',
      'interview.txt',
    ];
    for (const path of paths) {
      const error = refusal(minimal({ source: `plainTextPath="${path}"` }));
      expect(error.message).toContain('the text source "Interview" (line 7)');
      expect(error.message).toContain(`points to "${path}", outside the project file`);
    }
    expect(refusal(minimal({ source: 'richTextPath="absolute:///x.docx"' })).message).toContain(
      'the text source "Interview" (line 7) points to "absolute:///x.docx"',
    );
    const outsideNote = minimal().replace(
      'name="Memo"',
      'name="Memo" plainTextPath="absolute:///notes/memo.txt"',
    );
    expect(refusal(outsideNote).message).toContain(
      `the note "Memo" (line ${lineOf(outsideNote, '<Note ')}) points to "absolute:///notes/memo.txt"`,
    );
    // A picture is never read: linked elsewhere, it is listed as not imported rather than refused.
    const picture = `\n  <Sources><PictureSource guid="${OTHER}" name="Scan" path="file:///scan.png"/></Sources>`;
    const withPicture = parseProjectQde(minimal({ after: picture }));
    expect(withPicture.unsupported.map((u) => u.detail).join('\n')).toContain(
      'the picture "Scan" is linked outside the project file ("file:///scan.png")',
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Positions

describe('utf16ToCodePoint and codePointToUtf16', () => {
  it('count an emoji as one code point and two UTF-16 units', () => {
    const text = 'a😀b🇻🇳c';
    expect(utf16ToCodePoint(text, 0)).toBe(0);
    expect(utf16ToCodePoint(text, 1)).toBe(1);
    expect(utf16ToCodePoint(text, 3)).toBe(2);
    expect(utf16ToCodePoint(text, 4)).toBe(3);
    expect(utf16ToCodePoint(text, text.length)).toBe(6);
    expect(codePointToUtf16(text, 2)).toBe(3);
    expect(codePointToUtf16(text, 4)).toBe(6);
    expect(codePointToUtf16(text, 6)).toBe(text.length);
  });

  it('count a combining mark as a code point of its own', () => {
    const text = 'Nguye\u0302\u0303n Россия'; // ễ as e + two combining marks
    expect(utf16ToCodePoint(text, text.length)).toBe(text.length);
    expect(codePointToUtf16(text, 8)).toBe(8);
    expect([...'Vie\u0323\u0302t'].length).toBe(utf16ToCodePoint('Vie\u0323\u0302t', 6));
  });

  it('throw RangeError beyond the end', () => {
    expect(() => codePointToUtf16('a😀', 3)).toThrow(RangeError);
    expect(() => codePointToUtf16('a😀', -1)).toThrow(RangeError);
    expect(() => utf16ToCodePoint('ab', 3)).toThrow(RangeError);
    expect(() => utf16ToCodePoint('ab', 0.5)).toThrow(RangeError);
    expect(codePointToUtf16('', 0)).toBe(0);
  });

  it('go there and back at every code-point boundary (property)', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string());
    fc.assert(
      fc.property(text, (s) => {
        let offset = 0;
        let codePoint = 0;
        for (const character of s) {
          expect(utf16ToCodePoint(s, offset)).toBe(codePoint);
          expect(codePointToUtf16(s, utf16ToCodePoint(s, offset))).toBe(offset);
          expect(codePointToUtf16(s, codePoint)).toBe(offset);
          offset += character.length;
          codePoint++;
        }
        expect(codePointToUtf16(s, utf16ToCodePoint(s, s.length))).toBe(s.length);
        expect(() => codePointToUtf16(s, codePoint + 1)).toThrow(RangeError);
      }),
      { numRuns: 300 },
    );
  });
});
