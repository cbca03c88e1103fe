// Child processes for the fault tests: the worker (../children/worker.ts) bundled once per test file with
// esbuild (a plain `node` start takes a fifth of a second, tsx's ten times that), started with a file-size
// limit or as another user when asked, killed with SIGKILL at a chosen moment, and what it printed collected.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll } from 'vitest';
import { prng } from '../../../bench/lib/random';

const ROOT = process.cwd();
/** Inside node_modules, so the bundle finds better-sqlite3 and the other packages left outside it. */
const CACHE = join(ROOT, 'node_modules', '.cache', 'dossier-faults');

let built: Promise<string> | null = null;
const made: string[] = [];

afterAll(() => {
  while (made.length > 0) rmSync(made.pop()!, { recursive: true, force: true });
});

/** The worker's bundle (built on first use in this test file); its path. */
export function workerScript(): Promise<string> {
  built ??= (async () => {
    const outdir = join(CACHE, `${process.pid}-${randomBytes(4).toString('hex')}`);
    made.push(outdir);
    mkdirSync(outdir, { recursive: true });
    await build({
      entryPoints: { worker: join(ROOT, 'tests', 'faults', 'children', 'worker.ts') },
      outdir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      external: ['better-sqlite3', 'pdfjs-dist', 'jsdom', 'mammoth'],
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
      logLevel: 'warning',
    });
    // Readable by another user (the read-only tests run it as nobody).
    for (const dir of [CACHE, outdir]) chmodSync(dir, 0o755);
    return join(outdir, 'worker.js');
  })();
  return built;
}

export interface ChildResult {
  mode: string;
  lines: string[];
  /** "ack" lines, without the word: "h <id>", "n <id> <i>", "t <id>". */
  acks: string[];
  marks: string[];
  /** The `done` line's JSON, if the child finished. */
  done: Record<string, unknown> | null;
  /** The `error` line's DossierError, if the child failed with one. */
  error: { code: string; message: string } | null;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  killed: boolean;
  /** Milliseconds from "ready" to the end (or the kill). */
  workMs: number;
  /** The marks seen before the kill, in order. */
  marksBeforeKill: string[];
  /** When each mark came, in milliseconds after "ready". */
  markTimes: Record<string, number>;
}

export interface ChildOptions {
  /** SIGKILL this long after the child said "ready"; never if undefined. */
  killAfterMs?: number;
  /** RLIMIT_FSIZE in bytes: writes past it fail with EFBIG (Node ignores SIGXFSZ). */
  fileSizeLimit?: number;
  /** Run as this user id (and group), through setpriv. */
  uid?: number;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export async function runChild(
  mode: string,
  options: Record<string, unknown>,
  how: ChildOptions = {},
): Promise<ChildResult> {
  const script = await workerScript();
  let command = process.execPath;
  let args = [script, mode, JSON.stringify(options)];
  if (how.uid !== undefined) {
    args = [`--reuid=${how.uid}`, `--regid=${how.uid}`, '--clear-groups', command, ...args];
    command = 'setpriv';
  }
  if (how.fileSizeLimit !== undefined) {
    args = [`--fsize=${how.fileSizeLimit}`, command, ...args];
    command = 'prlimit';
  }
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_COMPILE_CACHE: join(CACHE, 'compile-cache'), ...how.env },
  });
  const result: ChildResult = {
    mode,
    lines: [],
    acks: [],
    marks: [],
    done: null,
    error: null,
    code: null,
    signal: null,
    stderr: '',
    killed: false,
    workMs: 0,
    marksBeforeKill: [],
    markTimes: {},
  };
  let readyAt = 0;
  let buffer = '';
  let killTimer: ReturnType<typeof setTimeout> | null = null;
  const timeout = setTimeout(() => child.kill('SIGKILL'), how.timeoutMs ?? 60_000);
  const onLine = (line: string) => {
    result.lines.push(line);
    if (line === 'ready' && readyAt === 0) {
      readyAt = performance.now();
      if (how.killAfterMs !== undefined) {
        killTimer = setTimeout(() => {
          result.killed = child.kill('SIGKILL');
          result.workMs = performance.now() - readyAt;
          result.marksBeforeKill = [...result.marks];
        }, how.killAfterMs);
      }
    } else if (line.startsWith('ack ')) result.acks.push(line.slice(4));
    else if (line.startsWith('mark ')) {
      result.marks.push(line.slice(5));
      result.markTimes[line.slice(5)] = performance.now() - readyAt;
    } else if (line.startsWith('done ')) result.done = JSON.parse(line.slice(5)) as Record<string, unknown>;
    else if (line.startsWith('error ')) result.error = JSON.parse(line.slice(6)) as ChildResult['error'];
  };
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    result.stderr += chunk.toString('utf8');
  });
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timeout);
      if (killTimer) clearTimeout(killTimer);
      result.code = code;
      result.signal = signal;
      if (!result.killed && readyAt > 0) result.workMs = performance.now() - readyAt;
      resolve();
    });
  });
  // A kill that came after the child had finished is no kill: it ended by itself.
  if (result.killed && result.signal !== 'SIGKILL') result.killed = false;
  return result;
}

/** Runs `task` for each item, `concurrency` at a time; results in the items' order. */
export async function inPool<T, R>(
  items: T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
) {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

/**
 * How many runs a fault test makes: its CI count, times DOSSIER_FAULTS_SCALE (`npm run test:faults --
 * --long` sets 10).
 */
export function faultRuns(ciCount: number): number {
  const scale = Number(process.env.DOSSIER_FAULTS_SCALE ?? '1');
  return Math.max(1, Math.round(ciCount * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** A test's time limit, grown with its number of runs (the long mode's tests run ten times as long). */
export function faultTimeout(ms: number): number {
  return faultRuns(1_000) > 1_000 ? Math.round(ms * (faultRuns(1_000) / 1_000)) : ms;
}

/** A seeded random number generator (the benchmarks' mulberry32), so a failing run can be repeated. */
export const seededRandom = prng;

/** The seed of this test run: DOSSIER_FAULTS_SEED to repeat one, else a new one (printed by the tests). */
export function runSeed(): number {
  const given = Number(process.env.DOSSIER_FAULTS_SEED);
  return Number.isInteger(given) ? given : Math.floor(Math.random() * 2 ** 31);
}

/**
 * CPU seconds used so far by this process and the children it has waited for (Linux /proc): the cost of a
 * fault test independent of how busy the machine is. Null elsewhere.
 */
export function cpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime: fields 14-17 of the line, 12-15 after the name.
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return ticks / 100;
  } catch {
    return null;
  }
}
