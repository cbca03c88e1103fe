// Bench: 10,000 references (issue 7). Generates newspaper articles, web pages and reports with authors in
// several languages, dates at every precision, some without author or date; maps them to CSL-JSON as the app
// does (shared/csl.ts); then times BibTeX, BibLaTeX, RIS and CSL-JSON, and an APA bibliography through the
// app's citeproc engine, and the same APA work through citation-js (@citation-js/plugin-csl, which also runs
// citeproc-js) as a ratio. Goals: BibTeX/RIS ≤ 250 ms, APA ≤ 3 s. The writers' times are the median of five
// runs after a warm-up; APA's is one run (it is long enough, and its engine cache would flatter a second),
// split into the engine's build (once per session and style), registering the items and formatting them.
// Why APA misses its goal: citeproc-js spends about 0.2 ms on each rendering of an entry or citation, and
// renders every item several times (sort keys, the citation form for disambiguation, again for each step of
// disambiguation in a group of look-alike citations, then the entry); sorting, disambiguation and
// "subsequent author" dashes span the whole list, so it cannot be split across the two cores either.
// Run: npx tsx bench/citations.ts [--refs N] [--skip-peer]
import { parseArgs } from 'node:util';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { bundledStyleXml, createCiter } from '../electron/citations/engine';
import { toBibTeX } from '../electron/citations/bibtex';
import { toRIS } from '../electron/citations/ris';
import { citationKeys } from '../shared/citation-keys';
import { documentToCsl, type CslItem } from '../shared/csl';
import { prng } from './lib/random';

const { values: args } = parseArgs({
  options: { refs: { type: 'string', default: '10000' }, 'skip-peer': { type: 'boolean', default: false } },
});
const REFS = Number(args.refs);

const random = prng(7);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

const GIVEN = [
  'Anna',
  'Jürgen',
  'Nicolás',
  'Sergey',
  'Thi Lan',
  'Pieter',
  'Marie',
  'João',
  'Olga',
  'Ahmed',
  'Li',
];
const FAMILY = [
  'Müller',
  'de Vries',
  'Maduro',
  'Lavrov',
  'Nguyễn',
  'Jansen',
  'Dubois',
  'Silva',
  'Ivanova',
  'Haddad',
];
const OUTLETS = [
  'Reuters',
  'TASS',
  'Báo Thanh niên',
  'NRC Handelsblad',
  'El País',
  'Der Spiegel',
  'Folha de S.Paulo',
];
const WORDS =
  'agreement border ceasefire delegation election energy factory grain harbour inquiry minister oil parliament protest sanctions summit talks trade treaty visit'.split(
    ' ',
  );

function reference(i: number): CslItem {
  const kind = random();
  const year = 1995 + Math.floor(random() * 31);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const precision = random();
  const published =
    precision < 0.1
      ? null
      : precision < 0.2
        ? `${year}`
        : precision < 0.35
          ? `${year}-${String(month).padStart(2, '0')}`
          : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const authors =
    random() < 0.2
      ? []
      : Array.from({ length: 1 + Math.floor(random() * 3) }, () => `${pick(GIVEN)} ${pick(FAMILY)}`);
  const words = Array.from({ length: 5 + Math.floor(random() * 8) }, () => pick(WORDS));
  const title = `${words.join(' ').replace(/^./, (c) => c.toUpperCase())} ${i}`;
  return documentToCsl({
    id: `ref-${i}`,
    title,
    outlet: kind < 0.7 ? pick(OUTLETS) : null,
    url: kind < 0.9 ? `https://news.example/${year}/${i}` : null,
    authors,
    published,
    language: pick(['en', 'nl', 'es', 'vi', 'pt-BR', 'ru', 'de']),
    importedAt: '2026-11-27T10:00:00.000Z',
    mediaType: kind < 0.9 ? 'text/html' : 'application/pdf',
  });
}

const time = <T>(run: () => T): { value: T; ms: number } => {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
};
/** The median of five runs after one to warm up: what an export costs once the app has run a while. */
const timeMedian = <T>(run: () => T): { value: T; ms: number } => {
  run();
  const runs = Array.from({ length: 5 }, () => time(run)).sort((a, b) => a.ms - b.ms);
  return runs[2]!;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

const generated = time(() => Array.from({ length: REFS }, (_, i) => reference(i)));
const items = generated.value;
console.log(
  `${REFS.toLocaleString('en')} references generated and mapped to CSL-JSON in ${seconds(generated.ms)}`,
);

const keyed = timeMedian(() => citationKeys(items));
const bibtex = timeMedian(() => toBibTeX(items, 'bibtex'));
const biblatex = timeMedian(() => toBibTeX(items, 'biblatex'));
const ris = timeMedian(() => toRIS(items));
const json = timeMedian(() =>
  JSON.stringify(
    items.map((item) => ({ ...item, 'citation-key': keyed.value.get(item.id) })),
    null,
    2,
  ),
);
console.log(`citation keys ${seconds(keyed.ms)}`);
console.log(`BibTeX ${seconds(bibtex.ms)} (${(bibtex.value.length / 2 ** 20).toFixed(1)} MB), goal ≤ 0.25 s`);
console.log(`BibLaTeX ${seconds(biblatex.ms)} (${(biblatex.value.length / 2 ** 20).toFixed(1)} MB)`);
console.log(`RIS ${seconds(ris.ms)} (${(ris.value.length / 2 ** 20).toFixed(1)} MB), goal ≤ 0.25 s`);
console.log(`CSL-JSON ${seconds(json.ms)} (${(json.value.length / 2 ** 20).toFixed(1)} MB)`);

// citeproc compiles the style and locale once per session (the engine cache); that is timed on its own, then
// the 10,000 entries: registering them (sort keys and disambiguation) and formatting the list.
const build = time(() =>
  createCiter({ style: bundledStyleXml('apa'), locale: 'en-US', items: items.slice(0, 1) }).bibliography(
    'text',
  ),
);
const apaRun = time(() => {
  const citer = time(() => createCiter({ style: bundledStyleXml('apa'), locale: 'en-US', items }));
  const entries = time(() => citer.value.bibliography('text'));
  return { registerMs: citer.ms, formatMs: entries.ms, entries: entries.value };
});
const apa = { ms: build.ms + apaRun.ms, value: apaRun.value.entries };
console.log(
  `APA bibliography (Dossier's citeproc-js engine, text) ${seconds(apa.ms)}, ${apa.value.length.toLocaleString('en')} entries; goal ≤ 3 s`,
);
console.log(
  `  engine build ${seconds(build.ms)} (once per session), registering (sort keys, disambiguation) ${seconds(apaRun.value.registerMs)}, formatting ${seconds(apaRun.value.formatMs)}`,
);
console.log(
  `  per entry: ${((apaRun.value.registerMs + apaRun.value.formatMs) / REFS).toFixed(2)} ms with the engine built`,
);
console.log(`  first entry: ${apa.value[0]}`);

if (!args['skip-peer']) {
  const peer = time(() => {
    return new Cite(items as object[]).format('bibliography', {
      format: 'text',
      template: 'apa',
      lang: 'en-US',
    }) as string;
  });
  const peerEntries = peer.value.trim().split('\n').length;
  console.log(
    `APA bibliography (citation-js 0.9, text) ${seconds(peer.ms)}, ${peerEntries.toLocaleString('en')} lines`,
  );
  console.log(`Dossier/citation-js: ${(apa.ms / peer.ms).toFixed(2)}×`);
}
const met = bibtex.ms <= 250 && ris.ms <= 250 && apa.ms <= 3000;
console.log(
  `${REFS.toLocaleString('en')} references: BibTeX ${seconds(bibtex.ms)}, RIS ${seconds(ris.ms)}, APA ${seconds(apa.ms)}${met ? '' : ' — goal missed'}`,
);
