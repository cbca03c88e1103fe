// STUB: the codebook helper builds this.
export function EntitiesView() {
  return <main className="view" aria-label="People and places" />;
}
