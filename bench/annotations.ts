// Bench: the cost of annotating with the undo journal on, through the same dispatch the UI uses. On a project
// of 200 documents, prints saving a highlight (p50/p99, goal for issue 10: p99 ≤ 5 ms), tagging 1,000
// highlights at once and undoing that, making claims, and listing 5,000 claims with their passages and sources
// (what the claims view loads).
// Run: npx tsx bench/annotations.ts
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DossierApp } from '../electron/app';
import { directClient } from '../electron/dispatch';
import { figure } from './lib/figures';

const DOCUMENTS = 200;
const HIGHLIGHTS = 2_000;
const CLAIMS = 5_000;

const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-annotations-'));
const app = new DossierApp({ projectPath: join(dir, 'p.sqlite'), env: { DOSSIER_HOME: dir } });
const call = directClient(app.dispatch);

const paragraph = (i: number) =>
  `Paragraph ${i}: the deputy prime minister said the agreement would strengthen military cooperation.`;
const text = Array.from({ length: 400 }, (_, i) => paragraph(i)).join('\n\n');

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(2)} ms`;
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

const documents: string[] = [];
for (let i = 0; i < DOCUMENTS; i++) {
  const result = await call('documents.importFile', {
    fileName: `doc-${i}.txt`,
    dataBase64: Buffer.from(`Article ${i}\n\n${text}`).toString('base64'),
  });
  if (result.status === 'imported') documents.push(result.document.id);
}

const saves: number[] = [];
const highlights: string[] = [];
for (let i = 0; i < HIGHLIGHTS; i++) {
  const documentId = documents[i % documents.length]!;
  const start = 20 + (i % 300) * 101;
  const [h, elapsed] = await timed(() => call('highlights.create', { documentId, start, end: start + 40 }));
  highlights.push(h.id);
  saves.push(elapsed);
}
saves.sort((a, b) => a - b);

const tag = await call('tags.create', { name: 'Military cooperation' });
const [, tagging] = await timed(() =>
  call('tags.apply', { tagId: tag.id, highlightIds: highlights.slice(0, 1000) }),
);
const [, undoing] = await timed(() => call('history.undo', {}));

const person = await call('entities.create', { kind: 'person', name: 'Dmitry Chernyshenko' });
const claimTimes: number[] = [];
for (let i = 0; i < CLAIMS; i++) {
  const documentId = documents[i % documents.length]!;
  const start = 20 + (i % 300) * 101 + 50;
  const [, elapsed] = await timed(() =>
    call('claims.create', { passage: { documentId, start, end: start + 30 }, claimantId: person.id }),
  );
  claimTimes.push(elapsed);
}
claimTimes.sort((a, b) => a - b);
const lists: number[] = [];
for (let i = 0; i < 5; i++) lists.push((await timed(() => call('claims.list', {})))[1]);
lists.sort((a, b) => a - b);

console.log(
  `project: ${DOCUMENTS} documents, ${HIGHLIGHTS.toLocaleString('en')} highlights, ${CLAIMS.toLocaleString('en')} claims`,
);
console.log(`save a highlight: p50 ${ms(percentile(saves, 0.5))}, p99 ${ms(percentile(saves, 0.99))}`);
console.log(
  `make a claim from a selection: p50 ${ms(percentile(claimTimes, 0.5))}, p99 ${ms(percentile(claimTimes, 0.99))}`,
);
console.log(`tag 1,000 highlights at once: ${ms(tagging)}; undo it: ${ms(undoing)}`);
console.log(
  `list ${CLAIMS.toLocaleString('en')} claims with passages and sources: median ${ms(percentile(lists, 0.5))}`,
);
figure({ id: 'B7', name: 'save a highlight p50', value: percentile(saves, 0.5), unit: 'ms' });
figure({ id: 'B7', name: 'save a highlight p99', value: percentile(saves, 0.99), unit: 'ms', max: 5 });
figure({
  id: 'B7',
  name: 'make a claim from a selection p99',
  value: percentile(claimTimes, 0.99),
  unit: 'ms',
});
figure({ id: 'B7', name: 'tag 1,000 highlights at once', value: tagging, unit: 'ms' });
figure({
  id: 'B7',
  name: `claims.list of ${CLAIMS.toLocaleString('en')} claims, median`,
  value: percentile(lists, 0.5),
  unit: 'ms',
});
app.close();
rmSync(dir, { recursive: true, force: true });
console.log(`highlight save p99 ${ms(percentile(saves, 0.99))} (goal ≤ 5 ms)`);
