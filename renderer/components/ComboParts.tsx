// The parts the pickers' comboboxes share (TagPicker, TagChoice, EntityPicker): the label and the field with
// its "▾" button, and the popover list with what it says when empty. Each picker keeps its own ComboBox and
// what goes between the two (a description, an error, HighlightFirst): what it holds and does on a choice
// differ from one picker to the next.
import type { ReactNode, Ref } from 'react';
import { Button, Input, Label, ListBox, Popover, type InputProps } from 'react-aria-components';

/** The combobox's label, its input (given `inputProps`) and the button that opens the list. */
export function ComboField({
  label,
  toggleLabel,
  ...inputProps
}: {
  label: string;
  /** The button's accessible name ("Show choices"). */
  toggleLabel: string;
} & Omit<InputProps, 'className'>) {
  return (
    <>
      <Label className="picker-label">{label}</Label>
      <div className="picker-field">
        <Input className="picker-input" {...inputProps} />
        <Button
          className="picker-button"
          aria-label={toggleLabel}
          // Its own name only (React Aria adds the field's label), so it never matches a search for other buttons.
          aria-labelledby=""
        >
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
    </>
  );
}

/** The list of options (the ComboBox's items, drawn by `children`) in its popover. */
export function ComboList<T extends object>({
  empty,
  popoverRef,
  children,
}: {
  /** What the list says when it has no options. */
  empty: ReactNode;
  popoverRef?: Ref<HTMLElement>;
  children(option: T): ReactNode;
}) {
  return (
    <Popover ref={popoverRef} className="picker-popover" placement="bottom start">
      <ListBox<T> className="picker-list" renderEmptyState={() => <p className="picker-empty">{empty}</p>}>
        {children}
      </ListBox>
    </Popover>
  );
}
