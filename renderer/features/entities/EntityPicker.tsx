// STUB: the codebook helper builds this.
export interface EntityPickerProps {
  label: string;
  /** The chosen entity's id, or null (unknown). */
  value: string | null;
  onChange(entityId: string | null): void;
  autoFocus?: boolean;
}
export function EntityPicker(_props: EntityPickerProps) {
  return null;
}
