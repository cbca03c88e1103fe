// STUB: the codebook helper builds this.
export interface TagPickerProps {
  /** Visible label of the combobox ("Add tag"). */
  label: string;
  /** Tags already applied: not offered again. */
  appliedTagIds: readonly string[];
  /** A tag was chosen (or created in place and then chosen). */
  onChoose(tagId: string): void;
  autoFocus?: boolean;
  /** Esc or leaving the picker empty. */
  onClose?(): void;
}
export function TagPicker(_props: TagPickerProps) {
  return null;
}
