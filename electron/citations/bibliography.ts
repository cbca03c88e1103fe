// A whole formatted bibliography (the "bibliography" export), off the main thread. Small lists and styles
// that partition.ts cannot split go to one worker whole; a large list in a style that can be split goes to
// every worker in shares, merged in the style's order, and is formatted whole instead if the shares turn
// out to hold items citeproc would have compared. Either way the entries are those of one citeproc engine
// over all the items (Citer.bibliography), only sooner and without freezing the window.
import type { CslItem } from '../../shared/csl';
import { DossierError } from '../../shared/errors';
import type { CitationFormat } from './engine';
import { mergeShares, partitionBlocker, splitIntoShares } from './partition';
import { CitationPool } from './pool';

/** Below this many items, one worker does it all: a share costs a message and, cold, an engine build. */
export const MIN_ITEMS_TO_SPLIT = 400;

let sharedPool: CitationPool | null = null;
const defaultPool = () => (sharedPool ??= new CitationPool());

/** Stops the shared workers (tests, and a process that wants to exit at once). */
export async function closeCitationWorkers(): Promise<void> {
  const pool = sharedPool;
  sharedPool = null;
  await pool?.close();
}

export interface BibliographyOptions {
  style: string;
  locale?: string;
  items: CslItem[];
  format: CitationFormat;
  /** The workers to use; the shared pool without. */
  pool?: CitationPool;
}

/** The reference list in the style's order, one trimmed string per entry; [] for a style without one. */
export async function formatBibliography(options: BibliographyOptions): Promise<string[]> {
  const { style, locale, items, format } = options;
  const pool = options.pool ?? defaultPool();
  const order = new Map<string, number>();
  for (const item of items) {
    // Checked here too: a duplicate split across shares would not meet itself in either.
    if (order.has(item.id))
      throw new DossierError('invalid_input', `Two references have the id "${item.id}".`);
    order.set(item.id, order.size);
  }
  const whole = async () => (await pool.format({ style, locale, items, format })).entries.map((e) => e.text);
  if (items.length < MIN_ITEMS_TO_SPLIT || pool.size < 2 || partitionBlocker(style) !== null) return whole();
  const shares = splitIntoShares(items, pool.size);
  if (shares.length < 2) return whole();
  const results = await Promise.all(
    shares.map((share) => pool.format({ style, locale, items: share, format })),
  );
  return mergeShares(results, order) ?? whole();
}
