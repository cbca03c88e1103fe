// Short messages at the bottom of the window: errors, and "Highlight deleted — Undo".
import { Button } from 'react-aria-components';
import { useDossier } from '../store/index';

export function Toasts() {
  const toasts = useDossier((s) => s.toasts);
  const dismiss = useDossier((s) => s.dismissToast);
  return (
    <div className="toasts" role="region" aria-label="Notifications" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
          <span>{t.message}</span>
          {t.action && (
            <Button
              className="link-button"
              onPress={() => {
                t.action?.run();
                dismiss(t.id);
              }}
            >
              {t.action.label}
            </Button>
          )}
          <Button className="icon-button" aria-label="Dismiss" onPress={() => dismiss(t.id)}>
            ×
          </Button>
        </div>
      ))}
    </div>
  );
}
