// Undo and redo for every annotation action of the session: buttons in the top bar naming what they would
// undo, and Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z (and Ctrl+Y) anywhere except while typing in a field, where the
// field's own text undo applies.
import { useEffect } from 'react';
import { Button, Tooltip, TooltipTrigger } from 'react-aria-components';
import { useDossier } from '../../store/index';
import { modalIsOpen } from '../reader/Reader';
import { ariaKeyShortcuts, matchesShortcut } from '../../shortcuts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.tagName === 'TEXTAREA' ||
      (target.tagName === 'INPUT' &&
        !['checkbox', 'radio', 'button'].includes((target as HTMLInputElement).type)))
  );
}

export function useHistoryShortcuts(): void {
  const undo = useDossier((s) => s.undo);
  const redo = useDossier((s) => s.redo);
  useEffect(() => {
    let busy = false;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(isMac ? event.metaKey : event.ctrlKey) || event.altKey || isTextField(event.target)) return;
      // A dialog open over the window works on what it showed when it opened; undo waits until it closes.
      if (modalIsOpen()) return;
      const action = matchesShortcut(event, 'app.redo')
        ? redo
        : matchesShortcut(event, 'app.undo')
          ? undo
          : null;
      if (!action) return;
      event.preventDefault();
      // One step per press: a held key must not race ahead of the main side.
      if (busy || event.repeat) return;
      busy = true;
      void action().finally(() => {
        busy = false;
      });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [undo, redo]);
}

export function HistoryButtons() {
  const history = useDossier((s) => s.history);
  const undo = useDossier((s) => s.undo);
  const redo = useDossier((s) => s.redo);
  return (
    <div className="history-buttons">
      <TooltipTrigger delay={400}>
        <Button
          className="icon-button"
          aria-label={history.undo ? `Undo ${history.undo}` : 'Nothing to undo'}
          aria-keyshortcuts={ariaKeyShortcuts('app.undo')}
          isDisabled={!history.undo}
          onPress={() => void undo()}
        >
          ↶
        </Button>
        <Tooltip className="tooltip">
          {history.undo ? `Undo ${history.undo}` : 'Nothing to undo'} ({MOD}Z)
        </Tooltip>
      </TooltipTrigger>
      <TooltipTrigger delay={400}>
        <Button
          className="icon-button"
          aria-label={history.redo ? `Redo ${history.redo}` : 'Nothing to redo'}
          aria-keyshortcuts={ariaKeyShortcuts('app.redo')}
          isDisabled={!history.redo}
          onPress={() => void redo()}
        >
          ↷
        </Button>
        <Tooltip className="tooltip">
          {history.redo ? `Redo ${history.redo}` : 'Nothing to redo'} ({isMac ? '⇧⌘Z' : 'Ctrl+Shift+Z'})
        </Tooltip>
      </TooltipTrigger>
    </div>
  );
}
