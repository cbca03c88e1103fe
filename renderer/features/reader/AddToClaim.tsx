// "Add to claim…": the selected passage becomes one more passage of an existing claim, possibly one made from
// another document. A type-ahead over the claims' statements and claimants, case- and accent-insensitive.
import { useMemo, useState } from 'react';
import {
  Button,
  ComboBox,
  Dialog,
  DialogTrigger,
  Heading,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
} from 'react-aria-components';
import { foldForSearch, type Claim } from '../../../shared/annotations';
import { useDossier } from '../../store/index';

const MAX_OPTIONS = 50;

interface ClaimOption {
  claim: Claim;
  claimant: string;
  haystack: string;
}

export function AddToClaimButton({ onChoose }: { onChoose(claimId: string): void }) {
  const [open, setOpen] = useState(false);
  return (
    <DialogTrigger isOpen={open} onOpenChange={setOpen}>
      <Button className="toolbar-button">Add to claim…</Button>
      <Popover className="popover add-to-claim" placement="bottom start">
        <Dialog aria-label="Add to claim" className="popover-dialog">
          <Heading slot="title" className="popover-title">
            Add this passage to a claim
          </Heading>
          <ClaimChooser
            onChoose={(id) => {
              setOpen(false);
              onChoose(id);
            }}
          />
        </Dialog>
      </Popover>
    </DialogTrigger>
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
      className="combo"
      aria-label="Claim"
      inputValue={text}
      onInputChange={setText}
      items={options}
      onSelectionChange={(key) => key !== null && onChoose(String(key))}
      menuTrigger="focus"
      allowsEmptyCollection
    >
      <Label>Claim</Label>
      <Input autoFocus placeholder="Type words of the statement or the claimant" />
      <Popover className="popover combo-popover">
        <ListBox className="combo-list" renderEmptyState={() => <p className="hint">No claim matches.</p>}>
          {(o: ClaimOption) => (
            <ListBoxItem id={o.claim.id} textValue={o.claim.statement} className="combo-option">
              <span className="combo-option-main">{o.claim.statement}</span>
              {o.claimant && <span className="combo-option-detail">{o.claimant}</span>}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
