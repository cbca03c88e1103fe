import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
async function dump(name: string, bytes: Uint8Array, stopAtErrors: boolean) {
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors, disableAutoFetch: true, disableStream: true });
  const out: string[] = [];
  try {
    const pdf = await task.promise;
    out.push('pages ' + pdf.numPages);
    for (let p = 1; p <= pdf.numPages; p++) {
      try {
        const page = await pdf.getPage(p);
        const tc = await page.getTextContent();
        out.push(`p${p}:${tc.items.length}`);
      } catch (e) { out.push(`p${p}:ERR ${(e as Error).name} ${(e as Error).message}`); }
    }
  } catch (e) { out.push('ERR ' + (e as Error).name + ' ' + (e as Error).message); }
  finally { await task.destroy(); }
  console.log(name, stopAtErrors, out.join(' | '));
}
const doc = await PDFDocument.create();
const font = await doc.embedFont(StandardFonts.Helvetica);
for (let p = 0; p < 6; p++) { const page = doc.addPage(); for (let i = 0; i < 30; i++) page.drawText(`Line ${i} on page ${p} with some words`, { x: 50, y: 700 - i * 14, size: 10, font }); }
const bytes = await doc.save({ useObjectStreams: false });
console.log('len', bytes.length, Buffer.from(bytes).toString('latin1').match(/\d+ 0 obj\n<<\n\/Type \/(\w+)/g)?.slice(0, 30).join(','));
for (const s of [0.2, 0.4, 0.6, 0.8, 0.95]) { await dump('classic' + s, bytes.slice(0, Math.floor(bytes.length * s)), false); await dump('classic' + s, bytes.slice(0, Math.floor(bytes.length * s)), true); }
