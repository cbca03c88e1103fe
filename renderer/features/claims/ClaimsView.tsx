// STUB: the claims helper builds this.
export function ClaimsView() {
  return <main className="view" aria-label="Claims" />;
}
