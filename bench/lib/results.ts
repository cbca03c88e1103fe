// bench/RESULTS.md: the latest figures of every bench, the machine they ran on, and the goals missed. Running
// one bench replaces only its own part, so the file keeps each bench's last run with when, at which commit and
// on which machine it was measured. The runs themselves travel inside the file (a comment at its end), so the
// table and its data are one file, written at once.
import { z } from 'zod';
import { figureSchema, WORKLOADS, type Figure, type WorkloadId } from './figures';

export const machineSchema = z.strictObject({
  cpu: z.string(),
  cores: z.number().int(),
  ramBytes: z.number(),
  os: z.string(),
  node: z.string(),
  sqlite: z.string(),
  chromium: z.string().nullable(),
  /** The 1-minute load average when the run began: figures taken on a busy machine read slower. */
  load: z.number().optional(),
});
export type Machine = z.infer<typeof machineSchema>;

export const benchRunSchema = z.strictObject({
  bench: z.string().regex(/^[\w-]+$/),
  /** ISO 8601, when the bench finished. */
  measuredAt: z.string(),
  /** The short commit, with "+changes" when the tree had uncommitted changes. */
  commit: z.string(),
  machine: machineSchema,
  /** The bench's exit status: a failed bench keeps the figures it reported before failing. */
  ok: z.boolean(),
  figures: z.array(figureSchema),
  /** Figures lines that could not be read. */
  errors: z.array(z.string()).default([]),
});
export type BenchRun = z.infer<typeof benchRunSchema>;

export const resultsSchema = z.strictObject({
  version: z.literal(1),
  runs: z.record(z.string(), benchRunSchema),
});
export type Results = z.infer<typeof resultsSchema>;

export const EMPTY_RESULTS: Results = { version: 1, runs: {} };

const DATA_START = '<!-- bench-data ';
const DATA_END = ' -->';

/** The runs kept in a RESULTS.md, or empty results for a file without them (or with damaged ones). */
export function readResults(markdown: string): Results {
  const start = markdown.lastIndexOf(DATA_START);
  if (start < 0) return EMPTY_RESULTS;
  const end = markdown.indexOf(DATA_END, start + DATA_START.length);
  if (end < 0) return EMPTY_RESULTS;
  try {
    const parsed = resultsSchema.safeParse(JSON.parse(markdown.slice(start + DATA_START.length, end)));
    return parsed.success ? parsed.data : EMPTY_RESULTS;
  } catch {
    return EMPTY_RESULTS;
  }
}

/** The results with `run` as its bench's latest; every other bench keeps its last run. */
export function mergeRun(results: Results, run: BenchRun): Results {
  return { version: 1, runs: { ...results.runs, [run.bench]: run } };
}

export interface MissedGoal {
  bench: string;
  figure: Figure;
}

export function goalsMissed(results: Results): MissedGoal[] {
  return sortedRuns(results).flatMap((run) =>
    run.figures.filter((f) => f.met === false).map((figure) => ({ bench: run.bench, figure })),
  );
}

function sortedRuns(results: Results): BenchRun[] {
  return Object.values(results.runs).sort((a, b) => (a.bench < b.bench ? -1 : a.bench > b.bench ? 1 : 0));
}

/** A number as a person reads it: three significant digits or so, thousands separated. */
export function formatValue(value: number, unit: string): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : 2;
  const number = value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (unit === '') return number;
  return unit === '×' || unit === '%' ? `${number}${unit}` : `${number} ${unit}`;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function when(run: BenchRun): string {
  return `${run.measuredAt.slice(0, 16).replace('T', ' ')} UTC`;
}

function describeMachine(machine: Machine): string {
  return `${machine.cpu}, ${machine.cores} cores, ${gigabytes(machine.ramBytes)} RAM, ${machine.os}`;
}

function gigabytes(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GB`;
}

function figureTable(figures: Figure[]): string[] {
  const lines = [
    '| Figure | Value | Goal | Met | Peer | Ratio |',
    '| --- | ---: | --- | :---: | --- | ---: |',
  ];
  for (const f of figures) {
    const met = f.met === undefined ? '' : f.met ? '✔' : '✘';
    const peer = f.peer ? `${f.peer.name}: ${formatValue(f.peer.value, f.unit)}` : '';
    const ratio = f.peer ? `${formatValue(f.peer.ratio, '')}×` : '';
    lines.push(
      `| ${cell(f.name)} | ${formatValue(f.value, f.unit)} | ${cell(f.goal ?? '')} | ${met} | ${cell(peer)} | ${ratio} |`,
    );
  }
  return lines;
}

/** Where and when a bench's figures were taken, with the machine when it is not the one at the top. */
function provenance(run: BenchRun, reference: Machine): string {
  const machine = sameMachine(run.machine, reference) ? '' : `, on ${describeMachine(run.machine)}`;
  const load = run.machine.load === undefined ? '' : `, load ${run.machine.load.toFixed(2)}`;
  const failed = run.ok ? '' : ' — **the bench failed**; these are the figures it reported before';
  return `_bench/${run.bench}.ts, measured ${when(run)} at ${run.commit}${load}${machine}${failed}._`;
}

function sameMachine(a: Machine, b: Machine): boolean {
  return a.cpu === b.cpu && a.cores === b.cores && a.ramBytes === b.ramBytes && a.os === b.os;
}

/** Escapes "--" so the JSON cannot end the comment it sits in; JSON.parse reads \u002d back as "-". */
function embed(results: Results): string {
  return `${DATA_START}${JSON.stringify(results).replaceAll('--', '-\\u002d')}${DATA_END}`;
}

export function renderResults(results: Results): string {
  const runs = sortedRuns(results);
  const latest = runs.reduce<BenchRun | null>(
    (newest, run) => (newest === null || run.measuredAt > newest.measuredAt ? run : newest),
    null,
  );
  const out = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts) from the figures each bench reports; `npm run bench -- NAME`',
    'replaces one bench’s part and keeps the others’ last figures. Goals are those of issue 10, on a 2-core',
    'machine. Do not edit by hand.',
    '',
  ];
  if (!latest) return [...out, 'No bench has run yet.', '', embed(results), ''].join('\n');
  const m = latest.machine;
  out.push(
    '## Machine',
    '',
    '| | |',
    '| --- | --- |',
    `| CPU | ${cell(m.cpu)} |`,
    `| Cores | ${m.cores} |`,
    `| RAM | ${gigabytes(m.ramBytes)} |`,
    `| OS | ${cell(m.os)} |`,
    `| Node | ${cell(m.node)} |`,
    `| SQLite | ${cell(m.sqlite)} |`,
    `| Chromium | ${cell(m.chromium ?? 'not found')} |`,
    `| Last run | ${when(latest)} (bench/${latest.bench}.ts) |`,
    `| Commit | ${cell(latest.commit)} |`,
    '',
  );
  const missed = goalsMissed(results);
  const failed = runs.filter((run) => !run.ok || run.errors.length > 0);
  out.push('## Goals missed', '');
  if (missed.length === 0 && failed.length === 0) out.push('None.');
  for (const { bench, figure } of missed) {
    out.push(
      `- ${figure.id ? `${figure.id} ` : ''}${figure.name}: ${formatValue(figure.value, figure.unit)} (goal ${figure.goal ?? 'not met'}; bench/${bench}.ts)`,
    );
  }
  for (const run of failed) {
    const why = run.ok ? `unreadable figures: ${run.errors.join('; ')}` : 'the bench failed';
    out.push(`- bench/${run.bench}.ts: ${why} (${when(run)})`);
  }
  out.push('');

  for (const id of Object.keys(WORKLOADS) as WorkloadId[]) {
    out.push(`## ${id} · ${WORKLOADS[id]}`, '');
    const parts = runs
      .map((run) => ({ run, figures: run.figures.filter((f) => f.id === id) }))
      .filter((part) => part.figures.length > 0);
    if (parts.length === 0) out.push('_Not measured yet._', '');
    for (const { run, figures } of parts) out.push(provenance(run, m), '', ...figureTable(figures), '');
  }

  out.push('## Other benchmarks', '');
  const others = runs
    .map((run) => ({ run, figures: run.figures.filter((f) => f.id === undefined) }))
    .filter((part) => part.figures.length > 0 || (!part.run.ok && part.run.figures.length === 0));
  if (others.length === 0) out.push('_None measured yet._', '');
  for (const { run, figures } of others) {
    out.push(`### bench/${run.bench}.ts`, '', provenance(run, m), '');
    if (figures.length > 0) out.push(...figureTable(figures), '');
  }
  out.push(embed(results), '');
  return out.join('\n');
}
