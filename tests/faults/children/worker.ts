// The process the fault tests kill, starve of disk or run as another user. It does one piece of real work
// through the app's own code, and says how far it got on stdout, one line at a time, written synchronously:
//   ready              the project is open (or, for `migrate`, about to be)
//   ack <kind> <id>    a write has committed (the test then expects to find it after any kill)
//   mark <name>        a step has begun (the test learns where its kill landed)
//   done <json>        finished; <json> says what it did
//   error <json>       failed with a DossierError: { code, message }
// Bundled by ../lib/children.ts and started with `node worker.js <mode> <json options>`.
import { DossierError } from '../../../shared/errors';
import { say } from './say';

type Mode = (options: Record<string, unknown>) => unknown;

/** Each kind of work is its own module (its own chunk in the bundle): a child loads only what it does. */
async function load(mode: string): Promise<Mode | undefined> {
  const modules: Record<string, () => Promise<{ MODES: Record<string, Mode> }>> = {
    edits: () => import('./edits'),
    writer: () => import('./edits'),
    import: () => import('./import'),
    merge: () => import('./exchange'),
    export: () => import('./exchange'),
    open: () => import('./other'),
    backup: () => import('./other'),
    cli: () => import('./other'),
  };
  const loader = modules[mode];
  return loader ? (await loader()).MODES[mode] : undefined;
}

async function main(): Promise<void> {
  const [mode, json] = process.argv.slice(2);
  const options = JSON.parse(json ?? '{}') as Record<string, unknown>;
  const run = await load(mode ?? '');
  if (!run) throw new Error(`unknown mode ${mode}`);
  try {
    const result = await run(options);
    say(`done ${JSON.stringify(result ?? {})}`);
    process.exit(0);
  } catch (error) {
    if (error instanceof DossierError) {
      say(`error ${JSON.stringify({ code: error.code, message: error.message })}`);
      process.exit(1);
    }
    throw error;
  }
}

void main();
