// Bench: 10,000 references (issue 7, issue 10 B5). Generates newspaper articles, web pages and reports with
// authors in several languages, dates at every precision, some without author or date; maps them to CSL-JSON
// as the app does (shared/csl.ts); then times BibTeX, BibLaTeX, RIS and CSL-JSON, and an APA bibliography as
// the app makes it, and the same APA work through citation-js (@citation-js/plugin-csl, which also runs
// citeproc-js, on one thread) as a ratio. Goals: BibTeX/RIS ≤ 250 ms, APA ≤ 3 s. The writers' times are the
// median of five runs after a warm-up. APA's headline is the first export of a session (workers started and
// the style compiled in each), then a second export is timed; both with the process's CPU time.
// How the APA bibliography is made: citeproc-js in worker threads, so the main process keeps answering the
// window; for a style that allows it (APA, Harvard) the references are split into one share per worker, the
// shares formatted side by side and merged in the style's order (electron/citations/partition.ts says why
// the result is byte for byte that of one engine, and checks it with citeproc's own keys).
// Why APA still misses its goal: citeproc-js costs about 2 ms of CPU per entry on this corpus, whatever
// the split. It renders every item several times (the citation form for disambiguation, about ten sort keys,
// the entry), about 0.2 ms per rendering, and much of that is garbage collection. Two cores at most halve
// the wall time; the rest would need a faster CSL processor than citeproc-js. --single-engine also times
// the old path, one engine on the calling thread, and checks it gives the same entries.
// Run: npx tsx bench/citations.ts [--refs N] [--skip-peer] [--single-engine]
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { formatBibliography } from '../electron/citations/bibliography';
import { bundledStyleXml, createCiter } from '../electron/citations/engine';
import { CitationPool } from '../electron/citations/pool';
import { toBibTeX } from '../electron/citations/bibtex';
import { toRIS } from '../electron/citations/ris';
import { citationKeys } from '../shared/citation-keys';
import { documentToCsl, type CslItem } from '../shared/csl';
import { prng } from './lib/random';
import { figure } from './lib/figures';

const { values: args } = parseArgs({
  options: {
    refs: { type: 'string', default: '10000' },
    'skip-peer': { type: 'boolean', default: false },
    'single-engine': { type: 'boolean', default: false },
  },
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

// The APA bibliography as the app makes it (electron/citations/bibliography.ts): in worker threads, split
// into shares when the style allows. Timed cold, as the first export of a session (starting the workers and
// compiling the style in each), then warm (a second export: the workers and their engines are kept), with
// the CPU time of the whole process (both workers) and the longest the main thread's event loop stalled.
const exportApa = async (pool: CitationPool) => {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const entries = await formatBibliography({
    style: bundledStyleXml('apa'),
    locale: 'en-US',
    items,
    format: 'text',
    pool,
  });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  loop.disable();
  return { ms, cpuMs: (used.user + used.system) / 1000, stallMs: loop.max / 1e6, value: entries };
};
const pool = new CitationPool();
const apa = await exportApa(pool);
const warm = await exportApa(pool);
await pool.close();
console.log(
  `APA bibliography (Dossier, citeproc-js in ${pool.size} workers, text) ${seconds(apa.ms)}, ${apa.value.length.toLocaleString('en')} entries; goal ≤ 3 s`,
);
console.log(
  `  first export of a session ${seconds(apa.ms)} (CPU ${seconds(apa.cpuMs)}), a second one ${seconds(warm.ms)} (CPU ${seconds(warm.cpuMs)})`,
);
console.log(
  `  main thread's longest stall ${Math.round(Math.max(apa.stallMs, warm.stallMs))} ms; per entry ${(apa.cpuMs / REFS).toFixed(2)} ms of CPU`,
);
console.log(`  first entry: ${apa.value[0]}`);
if (args['single-engine']) {
  // The path before the workers: one engine on the calling thread, blocking it throughout.
  const cpu = process.cpuUsage();
  const single = time(() =>
    createCiter({ style: bundledStyleXml('apa'), locale: 'en-US', items }).bibliography('text'),
  );
  const used = process.cpuUsage(cpu);
  const same = single.value.length === apa.value.length && single.value.every((e, i) => e === apa.value[i]);
  console.log(
    `  one engine on the main thread (engine built): ${seconds(single.ms)} (CPU ${seconds((used.user + used.system) / 1000)}), ${same ? 'the same entries' : 'DIFFERENT ENTRIES'}`,
  );
}

let peerMs: number | null = null;
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
  peerMs = peer.ms;
}
figure({ id: 'B5', name: 'BibTeX', value: bibtex.ms / 1000, unit: 's', max: 0.25 });
figure({ id: 'B5', name: 'BibLaTeX', value: biblatex.ms / 1000, unit: 's', max: 0.25 });
figure({ id: 'B5', name: 'RIS', value: ris.ms / 1000, unit: 's', max: 0.25 });
figure({ id: 'B5', name: 'CSL-JSON', value: json.ms / 1000, unit: 's' });
figure({
  id: 'B5',
  name: 'APA bibliography (citeproc-js)',
  value: apa.ms / 1000,
  unit: 's',
  max: 3,
  ...(peerMs === null ? {} : { peer: { name: 'citation-js', value: peerMs / 1000 } }),
});
const met = bibtex.ms <= 250 && ris.ms <= 250 && apa.ms <= 3000;
console.log(
  `${REFS.toLocaleString('en')} references: BibTeX ${seconds(bibtex.ms)}, RIS ${seconds(ris.ms)}, APA ${seconds(apa.ms)}${met ? '' : ' — goal missed'}`,
);
