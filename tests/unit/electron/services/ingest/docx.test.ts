// A Word document becomes the same blocks as a web page, with its author and title from its properties; a
// damaged, bomb-like or entity-laden file is refused before mammoth parses it.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../../../../../electron/services/ingest/docx';
import type { ReadDocument } from '../../../../../electron/services/ingest/types';
import { refusalOf } from '../../../helpers/refusal';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const paragraph = (text: string, style?: string, list = false) =>
  `<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}` +
  `${list ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' : ''}</w:pPr>` +
  `<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

const DOCUMENT =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>` +
  paragraph('Annual report', 'Heading1') +
  paragraph('Introduction', 'Heading2') +
  '<w:p><w:r><w:t xml:space="preserve">The figures are on </w:t></w:r>' +
  '<w:hyperlink r:id="rIdLink"><w:r><w:t>our website</w:t></w:r></w:hyperlink>' +
  '<w:r><w:t>.</w:t></w:r></w:p>' +
  paragraph('Revenue', undefined, true) +
  paragraph('Costs', undefined, true) +
  '</w:body></w:document>';

const STYLES =
  `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="${W}">` +
  '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>' +
  '</w:styles>';

const NUMBERING =
  `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="${W}">` +
  '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>' +
  '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';

const CORE =
  '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties ' +
  'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  '<dc:title>Annual Report 2023</dc:title><dc:creator>Ana Silva; João Costa</dc:creator>' +
  '<dc:language>pt-BR</dc:language>' +
  '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-15T09:00:00Z</dcterms:created>' +
  '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-02-01T10:00:00Z</dcterms:modified>' +
  '</cp:coreProperties>';

function baseParts(): Record<string, string> {
  return {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '</Types>',
    '_rels/.rels':
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELS}">` +
      `<Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '</Relationships>',
    'word/_rels/document.xml.rels':
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELS}">` +
      `<Relationship Id="rIdLink" Type="${R}/hyperlink" Target="https://example.org/figures" TargetMode="External"/>` +
      `<Relationship Id="rIdStyles" Type="${R}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rIdNumbering" Type="${R}/numbering" Target="numbering.xml"/>` +
      '</Relationships>',
    'word/document.xml': DOCUMENT,
    'word/styles.xml': STYLES,
    'word/numbering.xml': NUMBERING,
    'docProps/core.xml': CORE,
  };
}

async function docx(parts: Record<string, string | Uint8Array> = baseParts()): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const refusal = (bytes: Uint8Array) => refusalOf(() => readDocx(bytes));

/** Rewrites the uncompressed size the central directory records for one entry. */
function withDeclaredSize(bytes: Uint8Array, entryName: string, size: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer);
  const name = new TextEncoder().encode(entryName);
  for (let at = 0; at + 46 < copy.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50 || view.getUint16(at + 28, true) !== name.length) continue;
    if (name.every((byte, i) => copy[at + 46 + i] === byte)) {
      view.setUint32(at + 24, size, true);
      return copy;
    }
  }
  throw new Error(`no central directory entry for ${entryName}`);
}

function describeBlocks({ text, blocks }: ReadDocument) {
  return blocks.map((block) => ({
    type: block.type,
    text: text.slice(block.start, block.end),
    ...(block.level === undefined ? {} : { level: block.level }),
  }));
}

describe('readDocx', () => {
  it('turns headings, paragraphs and lists into blocks and keeps hyperlinks as marks', async () => {
    const result = await readDocx(await docx());
    expect(describeBlocks(result)).toEqual([
      { type: 'heading', text: 'Annual report', level: 1 },
      { type: 'heading', text: 'Introduction', level: 2 },
      { type: 'paragraph', text: 'The figures are on our website.' },
      { type: 'listItem', text: 'Revenue' },
      { type: 'listItem', text: 'Costs' },
    ]);
    const link = result.blocks[2]?.marks?.[0];
    expect(link).toMatchObject({ type: 'link', href: 'https://example.org/figures' });
    expect(link && result.text.slice(link.start, link.end)).toBe('our website');
  });

  it('reads title, authors and language from docProps/core.xml, but never a publication date', async () => {
    const result = await readDocx(await docx());
    const evidence = (name: string) => ({
      source: 'docx-properties',
      detail: `docProps/core.xml dc:${name}`,
    });
    expect(result.metadata).toEqual({
      title: { value: 'Annual Report 2023', evidence: evidence('title') },
      authors: { value: ['Ana Silva', 'João Costa'], evidence: evidence('creator') },
    });
    expect(result.declaredLanguage).toEqual({ value: 'pt-BR', evidence: evidence('language') });
  });

  it('leaves metadata empty when there are no core properties, or only placeholders', async () => {
    const withoutCore = baseParts();
    delete withoutCore['docProps/core.xml'];
    expect((await readDocx(await docx(withoutCore))).metadata).toEqual({});
    const placeholder = {
      ...baseParts(),
      'docProps/core.xml': CORE.replace('Ana Silva; João Costa', 'python-docx').replace(
        /<dc:title>.*<\/dc:title>/,
        '<dc:title></dc:title>',
      ),
    };
    expect((await readDocx(await docx(placeholder))).metadata).toEqual({});
  });

  it('drops images without reading them', async () => {
    const parts: Record<string, string | Uint8Array> = baseParts();
    parts['word/document.xml'] = DOCUMENT.replace(
      '</w:body>',
      '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">' +
        '<wp:docPr id="1" name="Picture" descr="A chart"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
        '<a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill>' +
        `<a:blip r:embed="rIdImage"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p></w:body>`,
    );
    parts['word/_rels/document.xml.rels'] = String(parts['word/_rels/document.xml.rels']).replace(
      '</Relationships>',
      `<Relationship Id="rIdImage" Type="${R}/image" Target="media/image1.png"/></Relationships>`,
    );
    parts['word/media/image1.png'] = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const result = await readDocx(await docx(parts));
    expect(result.text).not.toContain('A chart');
    expect(result.blocks).toHaveLength(5);
  });

  it('refuses a ZIP without word/document.xml', async () => {
    expect(await refusal(await docx({ 'hello.txt': 'Hello' }))).toBe(
      'This .docx file is not a Word document (no word/document.xml)',
    );
  });

  it('refuses damaged files', async () => {
    const good = await docx();
    expect(await refusal(good.subarray(0, good.length - 30))).toBe(
      'This Word document is damaged and cannot be read',
    );
    const junk = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(200).fill(7)]);
    expect(await refusal(junk)).toBe('This Word document is damaged and cannot be read');
  });

  it('refuses a zip bomb from its directory, before unpacking anything', async () => {
    const declaredHuge = withDeclaredSize(await docx(), 'word/document.xml', 300 * 1024 * 1024);
    expect(await refusal(declaredHuge)).toMatch(/would unpack to more than 200 MB/);

    const many: Record<string, string> = baseParts();
    for (let i = 0; i <= 10_000; i++) many[`customXml/item${i}.txt`] = '';
    expect(await refusal(await docx(many))).toMatch(/more than 10,000 parts/);
  });

  it('refuses a part that unpacks to more than the directory declared', async () => {
    const lying = withDeclaredSize(await docx(), 'word/document.xml', 100);
    expect(await refusal(lying)).toMatch(/more than the ZIP directory says/);
  });

  it('refuses XML with a document type declaration (entity expansion, external entities)', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>' +
      `<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>`;
    expect(await refusal(await docx({ ...baseParts(), 'word/document.xml': laughs }))).toMatch(
      /document type declaration \(<!DOCTYPE>\) in word\/document\.xml/,
    );
    const external =
      '<?xml version="1.0"?><!doctype cp:coreProperties [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><cp:coreProperties/>';
    expect(await refusal(await docx({ ...baseParts(), 'docProps/core.xml': external }))).toMatch(
      /<!DOCTYPE>/,
    );
    // mammoth follows relationships to parts of any name: those are checked too.
    const styles = '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY e "e">]><w:styles/>';
    expect(await refusal(await docx({ ...baseParts(), 'word/styles.bin': styles }))).toMatch(
      /<!DOCTYPE>\) in word\/styles\.bin/,
    );
  });
});
