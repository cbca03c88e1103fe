// One claim, edited inline and saved at once: choices (claimant, status, tags) when made, text as it is typed
// (a moment after typing stops, on leaving the field, and when the editor goes away). The main side's refusal
// shows beside the field it concerns; one polite line says whether everything is saved.
import { useCallback, useState } from 'react';
import {
  FieldError,
  Input,
  Label,
  Radio,
  RadioGroup,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import {
  CLAIM_NOTE_MAX,
  CLAIM_STATUS_LABELS,
  CLAIM_STATUSES,
  RATIONALE_MAX,
  STATEMENT_MAX,
  type Claim,
  type ClaimStatus,
} from '../../../shared/annotations';
import { PartialDateField } from '../../components/PartialDateField';
import { errorMessage, useDossier } from '../../store/index';
import type { ClaimChanges } from '../../store/claims';
import { TagChips } from '../codebook/TagChips';
import { TagPicker } from '../codebook/TagPicker';
import { EntityPicker } from '../entities/EntityPicker';
import { StatusSymbol } from './ClaimStatus';
import { ClaimPassages, DeleteClaimButton } from './ClaimPassages';
import { ClaimEvents } from '../events/LinkToEvent';
import { CopyCitationButton } from '../export/CopyCitation';
import { useAutosave } from '../../components/useAutosave';
import './claims.css';
import './claimEditor.css';
import { matchesShortcut } from '../../shortcuts';

const TEXT_SAVE_DELAY_MS = 400;
/** Longer for the date: its year is typed digit by digit, and "2", "20", "202" are dates too. */
const DATE_SAVE_DELAY_MS = 800;

type ChoiceField = 'claimant' | 'status' | 'tags';

/** Choices saved when made: shown at once (optimistically) and reported beside their field if refused. */
function useChoices(claimId: string) {
  const updateClaim = useDossier((s) => s.updateClaim);
  const [pending, setPending] = useState<{ changes: ClaimChanges; seq: number } | null>(null);
  const [inFlight, setInFlight] = useState(0);
  const [errors, setErrors] = useState<Partial<Record<ChoiceField, string>>>({});

  const track = useCallback(async (field: ChoiceField, run: () => Promise<unknown>) => {
    setInFlight((n) => n + 1);
    try {
      await run();
      setErrors((e) => ({ ...e, [field]: undefined }));
    } catch (error) {
      setErrors((e) => ({ ...e, [field]: errorMessage(error) }));
    } finally {
      setInFlight((n) => n - 1);
    }
  }, []);

  const change = useCallback(
    (field: ChoiceField, changes: ClaimChanges) => {
      const seq = Date.now() + Math.random();
      setPending((p) => ({ changes: { ...p?.changes, ...changes }, seq }));
      void track(field, () => updateClaim(claimId, changes)).finally(() =>
        setPending((p) => (p?.seq === seq ? null : p)),
      );
    },
    [claimId, track, updateClaim],
  );

  return { pending: pending?.changes ?? {}, busy: inFlight > 0, errors, change, track };
}

export function ClaimEditor({ claim }: { claim: Claim }) {
  // A new claim is a new form: drafts of the last one must not carry over.
  return <ClaimForm key={claim.id} claim={claim} />;
}

function ClaimForm({ claim }: { claim: Claim }) {
  const updateClaim = useDossier((s) => s.updateClaim);
  const applyTag = useDossier((s) => s.applyTag);
  const removeTag = useDossier((s) => s.removeTag);
  const id = claim.id;
  const stillExists = useCallback(() => useDossier.getState().claims.some((c) => c.id === id), [id]);
  const choices = useChoices(id);

  const statement = useAutosave({
    saved: claim.statement,
    save: (value) => updateClaim(id, { statement: value }),
    delay: TEXT_SAVE_DELAY_MS,
    normalize: (value) => value.trim(),
    validate: (value) => (value === '' ? 'A claim needs a statement' : null),
    stillExists,
  });
  const rationale = useAutosave({
    saved: claim.rationale,
    save: (value) => updateClaim(id, { rationale: value }),
    delay: TEXT_SAVE_DELAY_MS,
    stillExists,
  });
  const note = useAutosave({
    saved: claim.note,
    save: (value) => updateClaim(id, { note: value }),
    delay: TEXT_SAVE_DELAY_MS,
    stillExists,
  });

  // The date editor keeps its own fields; while they make no date, its reason blocks saving.
  const [dateInvalid, setDateInvalid] = useState<string | null>(null);
  const date = useAutosave<string | null>({
    saved: claim.claimDate,
    save: (value) => updateClaim(id, { claimDate: value }),
    delay: DATE_SAVE_DELAY_MS,
    invalid: dateInvalid,
    stillExists,
  });
  const [dateResets, setDateResets] = useState(date.resets);
  if (dateResets !== date.resets) {
    setDateResets(date.resets);
    setDateInvalid(null);
  }

  const status = choices.pending.status ?? claim.status;
  const claimantId = choices.pending.claimantId !== undefined ? choices.pending.claimantId : claim.claimantId;
  const fields = [statement, rationale, note, date];
  const failed = fields.some((f) => f.error !== null) || Object.values(choices.errors).some(Boolean);
  const busy = fields.some((f) => f.busy) || choices.busy;

  return (
    <section className="claim-editor" aria-label="Claim">
      <div className="claim-editor-head">
        <h2 className="pane-title">Claim</h2>
        <span className="save-state" role="status" aria-live="polite">
          {failed ? 'Not saved' : busy ? 'Saving…' : 'Saved'}
        </span>
      </div>

      <TextField
        className="claim-field"
        value={statement.draft}
        onChange={statement.setDraft}
        onBlur={statement.flush}
        maxLength={STATEMENT_MAX}
        isInvalid={statement.error !== null}
      >
        <Label>Statement</Label>
        <TextArea rows={3} className="claim-statement-input" />
        <FieldError className="field-error">{statement.error}</FieldError>
      </TextField>

      <div className="claim-field">
        <EntityPicker
          label="Claimant"
          value={claimantId}
          onChange={(entityId) => choices.change('claimant', { claimantId: entityId })}
        />
        {choices.errors.claimant && (
          <span className="field-error" role="alert">
            {choices.errors.claimant}
          </span>
        )}
      </div>

      <div className="claim-field" onBlur={date.flush}>
        <span className="label-like" aria-hidden="true">
          Claim date
        </span>
        <PartialDateField
          key={date.resets}
          label="Claim date"
          value={claim.claimDate}
          onChange={(result) => {
            if ('error' in result) return setDateInvalid(result.error);
            setDateInvalid(null);
            date.setDraft(result.value);
          }}
        />
        {date.error && (
          <span className="field-error" role="alert">
            {date.error}
          </span>
        )}
      </div>

      <RadioGroup
        className="claim-field claim-status-choice"
        orientation="horizontal"
        value={status}
        onChange={(value) => choices.change('status', { status: value as ClaimStatus })}
      >
        <Label>Status</Label>
        <div className="status-radios">
          {CLAIM_STATUSES.map((s) => (
            <Radio key={s} value={s} className={`status-radio status-${s}`}>
              <StatusSymbol status={s} />
              {CLAIM_STATUS_LABELS[s]}
            </Radio>
          ))}
        </div>
        {choices.errors.status && (
          <span className="field-error" role="alert">
            {choices.errors.status}
          </span>
        )}
      </RadioGroup>

      <TextField
        className="claim-field"
        value={rationale.draft}
        onChange={rationale.setDraft}
        onBlur={rationale.flush}
        onKeyDown={(e) => matchesShortcut(e, 'field.save') && rationale.flush()}
        maxLength={RATIONALE_MAX}
        isInvalid={rationale.error !== null}
      >
        <Label>Rationale</Label>
        <Input placeholder="Why this status, in a line" />
        <FieldError className="field-error">{rationale.error}</FieldError>
      </TextField>

      <div className="claim-field" role="group" aria-labelledby={`claim-tags-${id}`}>
        <span className="label-like" id={`claim-tags-${id}`}>
          Tags
        </span>
        <TagChips
          tagIds={claim.tagIds}
          onRemove={(tagId) => void choices.track('tags', () => removeTag(tagId, { claimIds: [id] }))}
        />
        <TagPicker
          label="Add tag"
          appliedTagIds={claim.tagIds}
          onChoose={(tagId) => void choices.track('tags', () => applyTag(tagId, { claimIds: [id] }))}
        />
      </div>

      <ClaimPassages claim={claim} />
      {claim.passages.length > 0 && <CopyCitationButton claimId={claim.id} />}

      <ClaimEvents claim={claim} />

      <TextField
        className="claim-field"
        value={note.draft}
        onChange={note.setDraft}
        onBlur={note.flush}
        maxLength={CLAIM_NOTE_MAX}
        isInvalid={note.error !== null}
      >
        <Label>Claim note</Label>
        <TextArea rows={4} placeholder="Context, doubts, what to check next (Markdown)" />
        <Text slot="description" className="field-hint">
          Markdown: *emphasis*, **strong**, `code`.
        </Text>
        <FieldError className="field-error">{note.error}</FieldError>
      </TextField>

      <DeleteClaimButton claimId={id} />
    </section>
  );
}
