// A claim's status shown the same way everywhere: a symbol and a word beside the colour, so the five statuses
// can be told apart without colour (printouts, colour blindness, screen readers read the word).
import { CLAIM_STATUS_LABELS, type ClaimStatus } from '../../../shared/annotations';
import './claims.css';

export const STATUS_SYMBOLS: Record<ClaimStatus, string> = {
  unverified: '○',
  supported: '✓',
  disputed: '±',
  refuted: '✕',
  unclear: '?',
};

export function StatusSymbol({ status }: { status: ClaimStatus }) {
  return (
    <span className={`status-symbol status-${status}`} aria-hidden="true">
      {STATUS_SYMBOLS[status]}
    </span>
  );
}

export function StatusBadge({ status }: { status: ClaimStatus }) {
  return (
    <span className={`status-badge status-${status}`}>
      <StatusSymbol status={status} /> {CLAIM_STATUS_LABELS[status]}
    </span>
  );
}
