import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as fx from './tests/unit/helpers/pdf-fixtures';
async function dump(name: string, bytes: Uint8Array) {
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 1, disableAutoFetch: true, disableStream: true });
  try {
    const pdf = await task.promise;
    console.log(name, 'pages', pdf.numPages);
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const tc = await page.getTextContent();
      console.log(' page', p, page.view, JSON.stringify(tc.items.map((i) => 'str' in i ? [i.str, i.transform[4], i.transform[5], i.height, i.width, i.hasEOL] : 'mc')));
    }
    const m = await pdf.getMetadata();
    console.log(' info', JSON.stringify(m.info), m.metadata ? [...m.metadata] : null);
  } catch (e) { console.log(name, 'ERR', (e as Error).name, (e as Error).message); }
  finally { await task.destroy(); }
}
const a = await fx.articlePdf();
await dump('article', a);
await dump('scan', await fx.scannedPdf());
await dump('garbage', fx.garbagePdf());
for (const s of [0.1, 0.3, 0.5, 0.7, 0.9, 0.99]) await dump('trunc'+s, fx.truncated(a, s));
await dump('enc-user3', fx.encryptedPdf({ userPassword: 'secret', ownerPassword: 'owner', revision: 3, text: 'Hidden words here', title: 'Enc title' }));
await dump('enc-owner3', fx.encryptedPdf({ userPassword: '', ownerPassword: 'owner', revision: 3, text: 'Hidden words here', title: 'Enc title' }));
await dump('enc-owner2', fx.encryptedPdf({ userPassword: '', ownerPassword: 'owner', revision: 2, text: 'Hidden (words) here', title: 'Enc title' }));
await dump('enc-user2', fx.encryptedPdf({ userPassword: 'pw', ownerPassword: '', revision: 2, text: 'Hidden words here', title: 'Enc title' }));
