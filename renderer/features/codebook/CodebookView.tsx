// STUB: the codebook helper builds this.
export function CodebookView() {
  return <main className="view" aria-label="Codebook" />;
}
