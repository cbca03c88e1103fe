// "Add to claim…": the selected passage becomes one more passage of an existing claim, possibly one made from
// another document. A type-ahead over the claims' statements and claimants, case- and accent-insensitive.
import { useMemo, useState } from 'react';
import { Button, ComboBox, Dialog, Heading, ListBoxItem, Modal } from 'react-aria-components';
import { ComboField, ComboList } from '../../components/ComboParts';
import { foldForSearch, type Claim } from '../../../shared/annotations';
import { useDossier } from '../../store/index';

const MAX_OPTIONS = 50;

interface ClaimOption {
  claim: Claim;
  claimant: string;
  haystack: string;
}

/**
 * A dialog, not a popover on the selection toolbar: focusing its field collapses the text selection, which
 * closes the toolbar, so the passage is captured when the user asks and the dialog lives outside it.
 */
export function AddToClaimDialog({
  isOpen,
  onClose,
  onChoose,
}: {
  isOpen: boolean;
  onClose(): void;
  onChoose(claimId: string): void;
}) {
  return (
    <Modal isDismissable isOpen={isOpen} onOpenChange={(open) => !open && onClose()} className="modal">
      <Dialog className="dialog add-to-claim">
        <Heading slot="title">Add this passage to a claim</Heading>
        <ClaimChooser
          onChoose={(id) => {
            onClose();
            onChoose(id);
          }}
        />
        <div className="dialog-buttons">
          <Button slot="close" className="secondary-button">
            Cancel
          </Button>
        </div>
      </Dialog>
    </Modal>
  );
}

function ClaimChooser({ onChoose }: { onChoose(claimId: string): void }) {
  const claims = useDossier((s) => s.claims);
  const entities = useDossier((s) => s.entities);
  const [text, setText] = useState('');
  const options = useMemo((): ClaimOption[] => {
    const names = new Map(entities.map((e) => [e.id, e.name]));
    const wanted = foldForSearch(text.trim());
    return claims
      .map((claim) => {
        const claimant = claim.claimantId ? (names.get(claim.claimantId) ?? '') : '';
        return { claim, claimant, haystack: foldForSearch(`${claim.statement} ${claimant}`) };
      })
      .filter((o) => !wanted || o.haystack.includes(wanted))
      .slice(0, MAX_OPTIONS);
  }, [claims, entities, text]);
  if (claims.length === 0)
    return <p className="hint">No claims yet: select a passage and press c to make one.</p>;
  return (
    <ComboBox
      className="tag-picker"
      aria-label="Claim"
      inputValue={text}
      onInputChange={setText}
      items={options}
      onSelectionChange={(key) => key !== null && onChoose(String(key))}
      menuTrigger="focus"
      allowsEmptyCollection
    >
      <ComboField
        label="Claim"
        toggleLabel="Show claims"
        autoFocus
        placeholder="Type words of the statement or the claimant"
      />
      <ComboList<ClaimOption> empty="No claim matches.">
        {(o) => (
          <ListBoxItem id={o.claim.id} textValue={o.claim.statement} className="picker-option claim-option">
            <span>{o.claim.statement}</span>
            {o.claimant && <span className="claim-option-detail">{o.claimant}</span>}
          </ListBoxItem>
        )}
      </ComboList>
    </ComboBox>
  );
}
