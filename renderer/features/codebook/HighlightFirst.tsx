// Type-ahead pickers highlight their best option as the user types, so Enter takes it (ArrowDown still moves
// on), and keep React Aria's combobox state at hand for the picker (to close the list after a choice).
import { useContext, useEffect, useRef, type ContextType, type RefObject } from 'react';
import { ComboBoxStateContext } from 'react-aria-components';

/** React Aria's combobox state, as its context provides it. */
export type ComboState = NonNullable<ContextType<typeof ComboBoxStateContext>>;

/**
 * Place inside a ComboBox. The highlight is set a tick after the combobox's own reaction to typing, which
 * clears it; nothing is highlighted while the field is empty (the list is then for browsing).
 */
export function HighlightFirst({
  stateRef,
  firstKey,
  text,
}: {
  stateRef?: RefObject<ComboState | null>;
  firstKey: string | undefined;
  text: string;
}) {
  const state = useContext(ComboBoxStateContext);
  const own = useRef<ComboState | null>(null);
  const ref = stateRef ?? own;
  useEffect(() => {
    ref.current = state;
  });
  const isOpen = state?.isOpen ?? false;
  // Only typing (or a new best option) moves the highlight, not every render: ArrowDown must stick.
  useEffect(() => {
    if (!isOpen || firstKey === undefined || text.trim() === '') return;
    const timer = window.setTimeout(() => ref.current?.selectionManager.setFocusedKey(firstKey));
    return () => window.clearTimeout(timer);
  }, [ref, isOpen, firstKey, text]);
  return null;
}
