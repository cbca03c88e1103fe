// A delete that asks first: the button opens an alert dialog saying what goes and what stays, with Cancel
// focused so Enter never deletes by accident. Used for claims and events (tags and entities say more, in
// their own dialogs).
import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal } from 'react-aria-components';

export function ConfirmDeleteButton({
  label,
  title,
  message,
  onConfirm,
  dialogClassName,
}: {
  /** The button's text ("Delete claim"). */
  label: string;
  /** The dialog's title ("Delete this claim?"). */
  title: string;
  message: string;
  onConfirm(): void;
  dialogClassName?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <DialogTrigger isOpen={open} onOpenChange={setOpen}>
      <Button className="danger-button">{label}</Button>
      <Modal isDismissable className="modal">
        <Dialog role="alertdialog" className={dialogClassName ? `dialog ${dialogClassName}` : 'dialog'}>
          <Heading slot="title">{title}</Heading>
          <p>{message}</p>
          <div className="dialog-buttons">
            <Button className="secondary-button" autoFocus onPress={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              className="danger-button"
              onPress={() => {
                setOpen(false);
                onConfirm();
              }}
            >
              Delete
            </Button>
          </div>
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}
