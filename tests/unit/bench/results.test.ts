// bench/RESULTS.md from the figures benches report: a figure's goal and ratio, reading a figures file that may
// hold a bad line, one bench's run replacing only its own part, and the table a reader sees.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { figure, FIGURES_ENV, makeFigure, parseFigures } from '../../../bench/lib/figures';
import {
  EMPTY_RESULTS,
  formatValue,
  goalsMissed,
  mergeRun,
  readResults,
  renderResults,
  type BenchRun,
  type Machine,
} from '../../../bench/lib/results';

const machine: Machine = {
  cpu: 'Example CPU @ 2.0GHz',
  cores: 2,
  ramBytes: 8 * 2 ** 30,
  os: 'Debian GNU/Linux 12 (bookworm)',
  node: 'v24.21.0',
  sqlite: '3.50.4',
  chromium: 'Chromium 156.0',
  load: 0.4,
};

function run(bench: string, figures: BenchRun['figures'], extra: Partial<BenchRun> = {}): BenchRun {
  return {
    bench,
    measuredAt: '2026-11-28T03:00:00.000Z',
    commit: 'abc1234',
    machine,
    ok: true,
    figures,
    errors: [],
    ...extra,
  };
}

describe('makeFigure', () => {
  it('works out met and the goal from an upper bound, and the ratio to a peer', () => {
    const f = makeFigure({
      id: 'B3',
      name: 'search p95 (typing)',
      value: 18.6,
      unit: 'ms',
      max: 30,
      peer: { name: 'MiniSearch', value: 3070 },
    });
    expect(f).toMatchObject({ goal: '≤ 30 ms', met: true });
    expect(f.peer!.ratio).toBeCloseTo(18.6 / 3070);
    expect(makeFigure({ name: 'APA', value: 17.7, unit: 's', max: 3 }).met).toBe(false);
  });

  it('keeps a goal and verdict the bench decided itself', () => {
    const f = makeFigure({
      id: 'B2',
      name: 'open',
      value: 1.2,
      unit: 's',
      goal: '≤ 100 ms over 100 docs',
      met: false,
    });
    expect(f).toMatchObject({ goal: '≤ 100 ms over 100 docs', met: false });
  });

  it('refuses what is not a figure', () => {
    expect(() => makeFigure({ name: 'x', value: Number.NaN, unit: 'ms' })).toThrow();
    expect(() => makeFigure({ name: '', value: 1, unit: 'ms' })).toThrow();
  });
});

describe('figures file', () => {
  let dir: string | null = null;
  afterEach(() => {
    delete process.env[FIGURES_ENV];
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('collects what figure() reports when run.ts asks, and names lines it cannot read', () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-figures-'));
    const path = join(dir, 'figures.jsonl');
    process.env[FIGURES_ENV] = path;
    figure({ id: 'B7', name: 'save a highlight p99', value: 2.2, unit: 'ms', max: 5 });
    figure({ name: 're-anchor 5,000 highlights', value: 55, unit: 'ms', max: 100 });
    const text = `${readFileSync(path, 'utf8')}not json\n{"name":"no value","unit":"ms"}\n`;
    const { figures, errors } = parseFigures(text);
    expect(figures.map((f) => [f.id, f.name, f.value, f.met])).toEqual([
      ['B7', 'save a highlight p99', 2.2, true],
      [undefined, 're-anchor 5,000 highlights', 55, true],
    ]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^line 3: not JSON/);
    expect(errors[1]).toMatch(/^line 4:/);
  });

  it('writes nothing when a bench runs on its own', () => {
    expect(() => figure({ name: 'alone', value: 1, unit: 'ms' })).not.toThrow();
  });
});

describe('RESULTS.md', () => {
  const search = run('search', [
    makeFigure({
      id: 'B3',
      name: 'as you type p95',
      value: 18.6,
      unit: 'ms',
      max: 30,
      peer: { name: 'MiniSearch', value: 3070 },
    }),
  ]);
  const citations = run('citations', [
    makeFigure({ id: 'B5', name: 'BibTeX', value: 0.15, unit: 's', max: 0.25 }),
    makeFigure({ id: 'B5', name: 'APA bibliography', value: 17.7, unit: 's', max: 3 }),
  ]);
  const anchoring = run('anchoring', [
    makeFigure({ name: 're-anchor -- warm', value: 55, unit: 'ms', max: 100 }),
  ]);

  it('shows the machine, a table per workload with goals and peers, and the goals missed', () => {
    const md = renderResults(mergeRun(mergeRun(mergeRun(EMPTY_RESULTS, search), citations), anchoring));
    expect(md).toContain('| CPU | Example CPU @ 2.0GHz |');
    expect(md).toContain('| SQLite | 3.50.4 |');
    expect(md).toContain('| Commit | abc1234 |');
    expect(md).toContain('## B3 · Search-as-you-type over 100,000 documents');
    expect(md).toContain('| as you type p95 | 18.6 ms | ≤ 30 ms | ✔ | MiniSearch: 3,070 ms | 0.01× |');
    expect(md).toContain('| APA bibliography | 17.7 s | ≤ 3 s | ✘ |  |  |');
    expect(md).toMatch(/## B1 · [^\n]*\n\n_Not measured yet._/);
    expect(md).toMatch(
      /## Goals missed\n\n- B5 APA bibliography: 17.7 s \(goal ≤ 3 s; bench\/citations.ts\)\n\n/,
    );
    expect(md).toMatch(
      /### bench\/anchoring.ts\n\n_bench\/anchoring.ts, measured 2026-11-28 03:00 UTC at abc1234/,
    );
  });

  it('reads back what it wrote, even names that would end an HTML comment', () => {
    const results = mergeRun(mergeRun(EMPTY_RESULTS, search), anchoring);
    expect(readResults(renderResults(results))).toEqual(results);
  });

  it('replaces one bench and keeps the others with when and where they were measured', () => {
    const before = mergeRun(mergeRun(EMPTY_RESULTS, search), citations);
    const later = run(
      'search',
      [makeFigure({ id: 'B3', name: 'as you type p95', value: 41, unit: 'ms', max: 30 })],
      {
        measuredAt: '2026-11-29T10:30:00.000Z',
        commit: 'def5678+changes',
      },
    );
    const md = renderResults(mergeRun(readResults(renderResults(before)), later));
    expect(md).toContain('| as you type p95 | 41 ms | ≤ 30 ms | ✘ |');
    expect(md).not.toContain('18.6 ms');
    expect(md).toContain('_bench/search.ts, measured 2026-11-29 10:30 UTC at def5678+changes');
    expect(md).toContain('_bench/citations.ts, measured 2026-11-28 03:00 UTC at abc1234');
    expect(md).toContain('| Last run | 2026-11-29 10:30 UTC (bench/search.ts) |');
    expect(goalsMissed(readResults(md)).map((m) => m.figure.name)).toEqual([
      'APA bibliography',
      'as you type p95',
    ]);
  });

  it('says when a bench failed or ran on another machine', () => {
    const elsewhere = run('citations', citations.figures, {
      ok: false,
      machine: { ...machine, cpu: 'Other CPU', cores: 8 },
      measuredAt: '2026-11-27T00:00:00.000Z',
    });
    const md = renderResults(mergeRun(mergeRun(EMPTY_RESULTS, search), elsewhere));
    expect(md).toContain('on Other CPU, 8 cores');
    expect(md).toContain('**the bench failed**');
    expect(md).toContain('- bench/citations.ts: the bench failed');
    expect(md).not.toContain('None.');
  });

  it('starts afresh from a file without data or with damaged data', () => {
    expect(readResults('# Benchmark results\n')).toEqual(EMPTY_RESULTS);
    expect(readResults('<!-- bench-data {"version":1,"runs":{"x":{}}} -->')).toEqual(EMPTY_RESULTS);
    expect(readResults('<!-- bench-data {not json -->')).toEqual(EMPTY_RESULTS);
  });

  it('formats values as people read them', () => {
    expect(formatValue(1234.5, 'ms')).toBe('1,235 ms');
    expect(formatValue(18.63, 'ms')).toBe('18.6 ms');
    expect(formatValue(0.153, 's')).toBe('0.15 s');
    expect(formatValue(2.7, '×')).toBe('2.70×');
    expect(formatValue(42, 'documents/s')).toBe('42 documents/s');
  });
});
