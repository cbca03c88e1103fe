// Highlights (and the claims they support) whose passage was lost when their document's text changed: a
// corrected re-import, later a teammate's copy. Each is listed with its quote; "Re-attach…" opens its document
// so the user can select the passage again, and "Delete" lets it go (undoable like any deletion).
import { useMemo } from 'react';
import { Button, GridList, GridListItem } from 'react-aria-components';
import { formatPartialDate } from '../../../shared/dates';
import { api } from '../../api';
import { errorMessage, useDossier } from '../../store/index';

export function OrphansView() {
  const orphans = useDossier((s) => s.orphans);
  const claims = useDossier((s) => s.claims);
  const startReattach = useDossier((s) => s.startReattach);
  const afterAction = useDossier((s) => s.afterAction);
  const showToast = useDossier((s) => s.showToast);
  const claimsById = useMemo(() => new Map(claims.map((c) => [c.id, c])), [claims]);

  const remove = async (highlightId: string, documentId: string) => {
    try {
      await api['highlights.delete']({ id: highlightId });
      await afterAction(['highlights', 'claims', 'tags'], [documentId]);
    } catch (error) {
      showToast({ message: errorMessage(error), tone: 'error' });
    }
  };

  return (
    <main className="view orphans-view" aria-labelledby="orphans-title">
      <header className="view-header">
        <h1 id="orphans-title">Orphans</h1>
        <p className="hint">
          {orphans.length === 0
            ? 'Every highlight and claim is attached to its passage.'
            : `${orphans.length} ${orphans.length === 1 ? 'highlight' : 'highlights'} lost ${orphans.length === 1 ? 'its' : 'their'} passage when ${orphans.length === 1 ? 'its document' : 'their documents'} changed. Re-attach each to the passage it meant, or delete it.`}
        </p>
      </header>
      {orphans.length > 0 && (
        <GridList aria-label="Orphaned highlights" className="orphan-list">
          {orphans.map((orphan) => {
            const supported = orphan.claimIds.map((id) => claimsById.get(id)).filter((c) => c !== undefined);
            return (
              <GridListItem
                key={orphan.highlightId}
                id={orphan.highlightId}
                textValue={orphan.quote}
                className="orphan-item"
              >
                <div className="orphan-body">
                  <blockquote className="orphan-quote">{orphan.quote}</blockquote>
                  <p className="orphan-source">
                    {orphan.documentTitle} · lost on {formatPartialDate(orphan.orphanedAt.slice(0, 10))}
                  </p>
                  {orphan.note && <p className="orphan-note">{orphan.note}</p>}
                  {supported.length > 0 && (
                    <ul className="orphan-claims" aria-label="Claims it supports">
                      {supported.map((claim) => (
                        <li key={claim.id}>Claim: {claim.statement}</li>
                      ))}
                    </ul>
                  )}
                </div>
                <div className="orphan-actions">
                  <Button
                    className="secondary-button"
                    onPress={() =>
                      void startReattach({
                        highlightId: orphan.highlightId,
                        documentId: orphan.documentId,
                        quote: orphan.quote,
                      })
                    }
                  >
                    Re-attach…
                  </Button>
                  <Button
                    className="danger-button"
                    onPress={() => void remove(orphan.highlightId, orphan.documentId)}
                  >
                    Delete
                  </Button>
                </div>
              </GridListItem>
            );
          })}
        </GridList>
      )}
    </main>
  );
}
