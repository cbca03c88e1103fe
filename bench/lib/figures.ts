// The machine-readable side of a benchmark: besides the lines it prints for people, each bench reports its
// figures through figure(), and bench/run.ts collects them into bench/RESULTS.md. A figure goes to the file
// named by DOSSIER_BENCH_FIGURES (one JSON object a line), which run.ts sets; run on its own, a bench prints
// only what it printed before, so its last line stays its headline.
import { appendFileSync } from 'node:fs';
import { z } from 'zod';

/** The environment variable through which bench/run.ts asks a bench for its figures. */
export const FIGURES_ENV = 'DOSSIER_BENCH_FIGURES';

/** The workloads of issue 10; other benches (anchoring, timeline, open-check) report without one. */
export const WORKLOADS = {
  B1: 'Import 10,000 articles until searchable',
  B2: 'Open a project of 10,000 documents and 100,000 highlights',
  B3: 'Search-as-you-type over 100,000 documents',
  B4: 'Open a 200,000-word document with 5,000 highlights',
  B5: '10,000 citations',
  B6: 'Export and merge 10,000 documents',
  B7: 'Annotating, and 100,000 claims',
} as const;
export type WorkloadId = keyof typeof WORKLOADS;

export const figureSchema = z.strictObject({
  /** A workload of issue 10 (B1–B7), or absent for the other benches. */
  id: z.enum(Object.keys(WORKLOADS) as [WorkloadId, ...WorkloadId[]]).optional(),
  name: z.string().min(1).max(200),
  value: z.number(),
  unit: z.string().max(20),
  /** The goal as people read it ("≤ 30 ms"), when the issue sets one. */
  goal: z.string().max(60).optional(),
  met: z.boolean().optional(),
  /** The same work done by a peer library in the same run; ratio = our value / the peer's. */
  peer: z.strictObject({ name: z.string().min(1).max(80), value: z.number(), ratio: z.number() }).optional(),
});
export type Figure = z.infer<typeof figureSchema>;

/**
 * What a bench passes: the ratio is worked out here, and `met` from an upper bound when the goal is one
 * ("≤ N" in the figure's unit) unless the bench decides it itself (goals of another shape).
 */
export interface FigureInput extends Omit<Figure, 'peer' | 'met'> {
  met?: boolean;
  /** An upper bound in the figure's unit; gives `met` and, without `goal`, the goal's text. */
  max?: number;
  peer?: { name: string; value: number };
}

export function makeFigure(input: FigureInput): Figure {
  const { max, peer, ...rest } = input;
  const figure: Figure = { ...rest };
  if (max !== undefined) {
    figure.goal ??= `≤ ${max} ${input.unit}`.trim();
    figure.met ??= input.value <= max;
  }
  if (peer) figure.peer = { ...peer, ratio: peer.value === 0 ? 0 : input.value / peer.value };
  return figureSchema.parse(figure);
}

/** Reports a figure to bench/run.ts (nothing when the bench runs on its own). */
export function figure(input: FigureInput): Figure {
  const made = makeFigure(input);
  const path = process.env[FIGURES_ENV];
  // Appended synchronously: a bench may end with process.exit() right after.
  if (path) appendFileSync(path, `${JSON.stringify(made)}\n`);
  return made;
}

/** The figures in a figures file; a line that is not one is reported, not guessed at. */
export function parseFigures(text: string): { figures: Figure[]; errors: string[] } {
  const figures: Figure[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      errors.push(`line ${i + 1}: not JSON`);
      return;
    }
    const parsed = figureSchema.safeParse(json);
    if (parsed.success) figures.push(parsed.data);
    else errors.push(`line ${i + 1}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  });
  return { figures, errors };
}
