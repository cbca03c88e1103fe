// The Options menu in the top bar: the colour theme (System, Light, Dark) and the keyboard-shortcut sheet.
import { useCallback, useState } from 'react';
import {
  Button,
  Header,
  Keyboard,
  Menu,
  MenuItem,
  MenuSection,
  MenuTrigger,
  Popover,
  Separator,
} from 'react-aria-components';
import { THEME_CHOICES, setThemeChoice, useThemeChoice, type ThemeChoice } from '../../theme';
import { ShortcutSheet, useShortcutSheetKey } from './ShortcutSheet';
import { ariaKeyShortcuts } from '../../shortcuts';

const THEME_LABELS: Record<ThemeChoice, string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
};

export function OptionsMenu() {
  const theme = useThemeChoice();
  const [sheetOpen, setSheetOpen] = useState(false);
  const openSheet = useCallback(() => setSheetOpen(true), []);
  useShortcutSheetKey(openSheet);
  return (
    <>
      <MenuTrigger>
        <Button className="secondary-button options-button">
          Options <span aria-hidden="true">▾</span>
        </Button>
        <Popover className="menu-popover" placement="bottom end">
          <Menu
            className="menu"
            onAction={(key) => {
              if (key === 'shortcuts') openSheet();
            }}
          >
            <MenuSection
              selectionMode="single"
              selectedKeys={[`theme:${theme}`]}
              onSelectionChange={(keys) => {
                const key = [...keys][0];
                if (typeof key === 'string') setThemeChoice(key.slice('theme:'.length) as ThemeChoice);
              }}
            >
              <Header className="menu-header">Theme</Header>
              {THEME_CHOICES.map((choice) => (
                <MenuItem key={choice} id={`theme:${choice}`} className="menu-choice">
                  {({ isSelected }) => (
                    <>
                      <span className="menu-check" aria-hidden="true">
                        {isSelected ? '✓' : ''}
                      </span>
                      {THEME_LABELS[choice]}
                    </>
                  )}
                </MenuItem>
              ))}
            </MenuSection>
            <Separator />
            <MenuItem
              id="shortcuts"
              className="menu-choice"
              textValue="Keyboard shortcuts"
              aria-keyshortcuts={ariaKeyShortcuts('app.shortcuts')}
            >
              <span className="menu-check" aria-hidden="true" />
              Keyboard shortcuts
              <Keyboard className="menu-kbd">?</Keyboard>
            </MenuItem>
          </Menu>
        </Popover>
      </MenuTrigger>
      <ShortcutSheet isOpen={sheetOpen} onClose={() => setSheetOpen(false)} />
    </>
  );
}
