// The keyboard-shortcut sheet: every shortcut in shortcuts.ts, by group, opened with `?` (not while typing)
// or from the Options menu. Escape closes it and React Aria gives the focus back to where it was.
import { useEffect } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { modalIsOpen } from '../reader/Reader';
import { SHORTCUTS, SHORTCUT_GROUPS, keyLabels, matchesShortcut, shortcutKeys } from '../../shortcuts';

/** Whether keys pressed at this target are typing (a field, an editable area), not commands. */
export function isTypingTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.tagName === 'TEXTAREA' ||
      target.tagName === 'SELECT' ||
      (target.tagName === 'INPUT' &&
        !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(
          (target as HTMLInputElement).type,
        )))
  );
}

/** `?` opens the sheet from anywhere but a text field or another dialog. */
export function useShortcutSheetKey(open: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || isTypingTarget(event.target) || modalIsOpen()) return;
      if (!matchesShortcut(event, 'app.shortcuts')) return;
      event.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open]);
}

function Keys({ combo }: { combo: string }) {
  const labels = keyLabels(combo);
  return (
    <span className="shortcut-combo">
      {labels.map((label, i) => (
        <span key={i}>
          {i > 0 && <span className="shortcut-plus">+</span>}
          <kbd>{label}</kbd>
        </span>
      ))}
    </span>
  );
}

export function ShortcutSheet({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  return (
    <Modal isDismissable isOpen={isOpen} onOpenChange={(open) => !open && onClose()} className="modal">
      <Dialog className="dialog shortcut-sheet">
        <Heading slot="title">Keyboard shortcuts</Heading>
        {/* The list scrolls on a small window: focusable, so the keyboard can scroll it too. */}
        <div className="shortcut-groups" tabIndex={0} role="region" aria-label="Shortcuts">
          {SHORTCUT_GROUPS.map((group) => (
            <section key={group} className="shortcut-group" aria-labelledby={`shortcuts-${slug(group)}`}>
              <h3 id={`shortcuts-${slug(group)}`}>{group}</h3>
              <table className="shortcut-table">
                <thead className="visually-hidden">
                  <tr>
                    <th scope="col">Keys</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                    <tr key={s.id}>
                      <td className="shortcut-keys">
                        {shortcutKeys(s.id).map((combo, i) => (
                          <span key={combo}>
                            {i > 0 && <span className="shortcut-or"> or </span>}
                            <Keys combo={combo} />
                          </span>
                        ))}
                      </td>
                      <td>{s.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
        <div className="dialog-buttons">
          <Button className="primary-button" slot="close">
            Close
          </Button>
        </div>
      </Dialog>
    </Modal>
  );
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z]+/g, '-');
}
