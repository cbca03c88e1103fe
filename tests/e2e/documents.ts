// Small documents of every format for the end-to-end tests, generated on the spot: a two-page PDF, a Word
// file and a saved web page with metadata and page furniture.
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export async function twoPagePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Arms deliveries report');
  pdf.setAuthor('Field Team');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const pages = [
    ['Arms deliveries report', 'The first page says that two aircraft landed in Caracas.'],
    ['Annex', 'The second page lists the spare parts that were delivered.'],
  ];
  for (const [heading, body] of pages) {
    const page = pdf.addPage([595, 842]);
    page.drawText(heading!, { x: 72, y: 760, size: 20, font });
    page.drawText(body!, { x: 72, y: 720, size: 11, font });
  }
  return Buffer.from(await pdf.save());
}

export async function wordDocument(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  const paragraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraph(
      'Interview notes from Caracas',
    )}${paragraph('The source confirmed that the treaty was signed in 1996.')}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

export const WEB_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Venezuela and Russia sign energy deal | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="og:title" content="Venezuela and Russia sign energy deal">
<meta property="article:published_time" content="2024-11-08T09:30:00+01:00">
<link rel="canonical" href="https://example.org/news/energy-deal">
<script>document.title = 'hacked'</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Venezuela and Russia sign energy deal</h1>
<p>Venezuela and Russia signed an energy agreement on Thursday, officials in Caracas said, covering oil exploration.</p>
<p>The agreement was announced by the ministry, which gave no figures but said that <a href="https://example.org/ministry">the ministry</a> would publish them.</p>
</article>
<footer>Subscribe to our newsletter</footer>
</body></html>`;
