// A modal dialog around one action (rename, move, merge, delete…): a heading that names it, the fields, and
// Cancel plus the action's button. It closes when the action succeeds and stays open with the main side's
// message when it fails: the toast that also reports it sits behind the modal, out of reach.
import { useState, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { useDossier } from '../../store/index';
import './codebook.css';

export interface ActionDialogProps {
  title: string;
  /** 'alertdialog' for destructive confirmations. */
  role?: 'dialog' | 'alertdialog';
  submitLabel: string;
  danger?: boolean;
  /** False while the form is incomplete: the action's button is disabled. */
  canSubmit?: boolean;
  /** Runs the action; resolves true on success (the dialog closes), false to stay open. */
  onSubmit(): Promise<boolean>;
  onClose(): void;
  className?: string;
  children?: ReactNode;
}

export function ActionDialog({
  title,
  role = 'dialog',
  submitLabel,
  danger,
  canSubmit = true,
  onSubmit,
  onClose,
  className,
  children,
}: ActionDialogProps) {
  const [failure, setFailure] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const submit = async () => {
    if (!canSubmit || running) return;
    setRunning(true);
    setFailure(null);
    try {
      if (await onSubmit()) onClose();
      else setFailure(useDossier.getState().codebookError ?? 'That did not work. Please try again.');
    } finally {
      setRunning(false);
    }
  };

  return (
    <Modal
      isOpen
      isDismissable={role === 'dialog'}
      onOpenChange={(open) => !open && onClose()}
      className="modal"
    >
      <Dialog role={role} className={`dialog action-dialog ${className ?? ''}`}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Heading slot="title">{title}</Heading>
          {children}
          {failure && (
            <p className="form-failure" role="alert">
              {failure}
            </p>
          )}
          <div className="dialog-buttons">
            <Button className="secondary-button" onPress={onClose} autoFocus={role === 'alertdialog'}>
              Cancel
            </Button>
            <Button
              type="submit"
              className={danger ? 'danger-button solid' : 'primary-button'}
              isDisabled={!canSubmit || running}
            >
              {submitLabel}
            </Button>
          </div>
        </form>
      </Dialog>
    </Modal>
  );
}
