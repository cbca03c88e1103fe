// updated_at must be monotonic per device (design.md §5) so a later merge can tell which side changed a row
// last. Wall clocks step backwards (NTP, DST mistakes); this clock never returns the same or an earlier value.
let last = 0;

export function nowIso(): string {
  const now = Date.now();
  last = now > last ? now : last + 1;
  return new Date(last).toISOString();
}
