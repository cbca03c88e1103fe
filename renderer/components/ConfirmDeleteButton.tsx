// A delete that asks first: an alert dialog saying what goes and what stays, with Cancel focused so Enter
// never deletes by accident. ConfirmDeleteButton opens it from its own button (claims, events);
// ConfirmDeleteDialog is opened by its caller (a row's menu, as for saved searches). Tags and entities say
// more, in their own dialogs.
import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal } from 'react-aria-components';

interface Confirmation {
  /** The dialog's title ("Delete this claim?"). */
  title: string;
  message: string;
  onConfirm(): void;
  dialogClassName?: string | undefined;
}

function ConfirmDeleteContent(props: Confirmation & { close(): void }) {
  return (
    <Dialog
      role="alertdialog"
      className={props.dialogClassName ? `dialog ${props.dialogClassName}` : 'dialog'}
    >
      <Heading slot="title">{props.title}</Heading>
      <p>{props.message}</p>
      <div className="dialog-buttons">
        <Button className="secondary-button" autoFocus onPress={props.close}>
          Cancel
        </Button>
        <Button
          className="danger-button"
          onPress={() => {
            props.close();
            props.onConfirm();
          }}
        >
          Delete
        </Button>
      </div>
    </Dialog>
  );
}

export function ConfirmDeleteButton(
  props: Confirmation & { /** The button's text ("Delete claim"). */ label: string },
) {
  const [open, setOpen] = useState(false);
  return (
    <DialogTrigger isOpen={open} onOpenChange={setOpen}>
      <Button className="danger-button">{props.label}</Button>
      <Modal isDismissable className="modal">
        <ConfirmDeleteContent {...props} close={() => setOpen(false)} />
      </Modal>
    </DialogTrigger>
  );
}

export function ConfirmDeleteDialog(props: Confirmation & { isOpen: boolean; onCancel(): void }) {
  return (
    <Modal
      isDismissable
      isOpen={props.isOpen}
      onOpenChange={(open) => !open && props.onCancel()}
      className="modal"
    >
      <ConfirmDeleteContent {...props} close={props.onCancel} />
    </Modal>
  );
}
