// The desktop app's native menu reaches the page only with commands from a fixed list (preload.ts).
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, isMenuCommand } from '../../../shared/bridge';

describe('native menu commands', () => {
  it('pass for the listed commands only', () => {
    for (const command of MENU_COMMANDS) expect(isMenuCommand(command)).toBe(true);
    for (const other of [
      'open-external',
      '__proto__',
      'export-project ',
      'EXPORT-PROJECT',
      '',
      1,
      null,
      {},
    ]) {
      expect(isMenuCommand(other)).toBe(false);
    }
  });
});
