// STUB: built next.
export function OrphansView() {
  return <main className="view" aria-label="Orphans" />;
}
