import { ingestFile } from './electron/services/ingest/index';
import { fromMarkdown } from 'mdast-util-from-markdown';
const enc = (s: string) => new TextEncoder().encode(s);
for (const n of [1000, 3000, 10000]) {
  const t = Date.now();
  try {
    fromMarkdown('>'.repeat(n) + ' x');
    console.log('parse quotes', n, 'ok', Date.now() - t);
  } catch (e) {
    console.log('parse quotes', n, (e as Error).message, Date.now() - t);
  }
}
for (const [name, src] of [
  ['quotes', '>'.repeat(1000) + ' deep'],
  ['lists', Array.from({ length: 300 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n')],
  ['emph', '*'.repeat(20000) + 'a' + '*'.repeat(20000)],
  ['links', '['.repeat(20000) + 'a' + '](u)'.repeat(20000)],
] as const) {
  const t = Date.now();
  try {
    const d = ingestFile('a.md', enc(src), { maxFileBytes: 1e8 });
    console.log(name, 'ok', d.blocks.length, Date.now() - t);
  } catch (e) {
    console.log(name, 'ERR', (e as Error).name, (e as Error).message.slice(0, 80), Date.now() - t);
  }
}
const big = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor\n'.repeat(300000);
let t = Date.now();
const d = ingestFile('b.txt', enc(big), { maxFileBytes: 1e8 });
console.log('big txt', big.length, d.blocks.length, Date.now() - t);
t = Date.now();
const m = ingestFile('b.md', enc(big.replace(/\n/g, '\n\n')), { maxFileBytes: 1e8 });
console.log('big md', m.blocks.length, Date.now() - t);
