// updated_at must be monotonic per device (design.md §5) so a later merge can tell which side changed a row
// last. Wall clocks step backwards (NTP, a wrong date fixed by hand); this clock never returns the same or an
// earlier value than any it returned before or saw in an open project.
let last = 0;

export function nowIso(): string {
  const now = Date.now();
  last = now > last ? now : last + 1;
  return new Date(last).toISOString();
}

/** Makes sure later timestamps sort after `iso` (the newest change already in a project being opened). */
export function observeTimestamp(iso: string | null): void {
  if (!iso) return;
  const seen = Date.parse(iso);
  if (Number.isFinite(seen) && seen > last) last = seen;
}
