// A claim's evidence: each passage quoted with its source named (title, outlet, date, page), a way to open it
// in its document, and a way to take it off the claim (the highlight itself stays). Also the claim's delete
// button, which asks first.
import { Button } from 'react-aria-components';
import { ConfirmDeleteButton } from '../../components/ConfirmDeleteButton';
import type { Claim, ClaimPassage } from '../../../shared/annotations';
import { formatPartialDate } from '../../../shared/dates';
import { useDossier } from '../../store/index';
import './claims.css';
import './claimEditor.css';

/** "Title, Outlet, 8 November 2024, p. 3": the source as a citation would name it. */
export function passageSource(passage: ClaimPassage): string[] {
  const parts = [passage.documentTitle || 'Untitled document'];
  if (passage.outlet) parts.push(passage.outlet);
  if (passage.published) parts.push(formatPartialDate(passage.published));
  if (passage.page !== null) parts.push(`p. ${passage.page}`);
  return parts;
}

function PassageItem({ claimId, passage }: { claimId: string; passage: ClaimPassage }) {
  const openDocument = useDossier((s) => s.openDocument);
  const selectHighlight = useDossier((s) => s.selectHighlight);
  const setView = useDossier((s) => s.setView);
  const removePassage = useDossier((s) => s.removePassage);
  const [title, ...rest] = passageSource(passage);

  const open = async () => {
    setView('documents');
    if (useDossier.getState().openDocumentId !== passage.documentId) await openDocument(passage.documentId);
    if (useDossier.getState().openDocumentId === passage.documentId) {
      selectHighlight(passage.highlightId, { scroll: true });
    }
  };

  return (
    <li className={`claim-passage${passage.orphaned ? ' orphaned' : ''}`}>
      <blockquote className="claim-passage-quote">{passage.quote}</blockquote>
      <p className="claim-passage-source">
        <cite>{title}</cite>
        {rest.map((part, i) => (
          <span key={i} className="source-part">
            {part}
          </span>
        ))}
      </p>
      {passage.orphaned && (
        <p className="orphan">
          <span aria-hidden="true">⚠ </span>orphaned — passage lost (the document’s text changed)
        </p>
      )}
      <div className="claim-passage-actions">
        <Button className="secondary-button small" onPress={() => void open()}>
          Open in document
        </Button>
        <Button
          className="link-button small-link"
          onPress={() => void removePassage(claimId, passage.highlightId)}
        >
          Remove passage
        </Button>
      </div>
    </li>
  );
}

export function ClaimPassages({ claim }: { claim: Claim }) {
  const headingId = `claim-passages-${claim.id}`;
  return (
    <section className="claim-passages" aria-labelledby={headingId}>
      <h3 id={headingId} className="claim-subtitle">
        Passages ({claim.passages.length})
      </h3>
      {claim.passages.length === 0 ? (
        <p className="hint">
          No passage supports this claim any more. Select one in a document and add it to this claim.
        </p>
      ) : (
        <ol className="claim-passage-list">
          {claim.passages.map((passage) => (
            <PassageItem key={passage.highlightId} claimId={claim.id} passage={passage} />
          ))}
        </ol>
      )}
    </section>
  );
}

export function DeleteClaimButton({ claimId }: { claimId: string }) {
  const deleteClaim = useDossier((s) => s.deleteClaim);
  return (
    <ConfirmDeleteButton
      label="Delete claim"
      title="Delete this claim?"
      message="Its passages stay highlighted in their documents. You can undo this."
      dialogClassName="claim-delete-dialog"
      onConfirm={() => void deleteClaim(claimId)}
    />
  );
}
