// The "⋯" button at the end of a catalog row (a tag, a person or place): a menu of what can be done to that
// row, named "Actions for <name>" so that each row's menu can be told apart.
import { Fragment } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover, Separator } from 'react-aria-components';

export interface RowAction<A extends string> {
  id: A;
  label: string;
  /** A line above this item, setting it apart from those before (as "Delete…" is). */
  separated?: boolean;
}

export function RowActionsMenu<A extends string>({
  name,
  items,
  disabledKeys,
  onAction,
}: {
  /** The row's name, for the button's accessible name. */
  name: string;
  items: readonly RowAction<A>[];
  disabledKeys?: readonly A[];
  onAction(action: A): void;
}) {
  return (
    <MenuTrigger>
      <Button className="icon-button row-actions" aria-label={`Actions for ${name}`}>
        <span aria-hidden="true">⋯</span>
      </Button>
      <Popover className="menu-popover" placement="bottom end">
        <Menu className="menu" onAction={(key) => onAction(key as A)} disabledKeys={disabledKeys}>
          {items.map((item) => (
            <Fragment key={item.id}>
              {item.separated && <Separator />}
              <MenuItem id={item.id}>{item.label}</MenuItem>
            </Fragment>
          ))}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
