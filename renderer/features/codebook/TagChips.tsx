// STUB: the codebook helper builds this.
export interface TagChipsProps {
  tagIds: readonly string[];
  /** When given, each chip has a remove button ("Remove tag X"). */
  onRemove?(tagId: string): void;
}
export function TagChips(_props: TagChipsProps) {
  return null;
}
