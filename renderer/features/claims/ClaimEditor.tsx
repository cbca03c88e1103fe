// STUB: the claims helper builds this.
import type { Claim } from '../../../shared/annotations';
export function ClaimEditor(_props: { claim: Claim }) {
  return null;
}
