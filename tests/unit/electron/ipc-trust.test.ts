import { describe, expect, it } from 'vitest';
import { isPermissionGranted, isTrustedSender } from '../../../electron/ipc-trust';

function fakeContents(url: string) {
  const mainFrame = { url };
  return { mainFrame };
}

describe('IPC sender check', () => {
  it('accepts our window main frame at app://dossier', () => {
    const contents = fakeContents('app://dossier/index.html');
    expect(isTrustedSender({ sender: contents, senderFrame: contents.mainFrame }, contents)).toBe(true);
  });

  it('refuses other windows, subframes, foreign origins and destroyed frames', () => {
    const ours = fakeContents('app://dossier/index.html');
    const other = fakeContents('app://dossier/index.html');
    expect(isTrustedSender({ sender: other, senderFrame: other.mainFrame }, ours)).toBe(false);
    const subframe = { url: 'app://dossier/index.html' };
    expect(isTrustedSender({ sender: ours, senderFrame: subframe }, ours)).toBe(false);
    const navigatedAway = fakeContents('https://evil.example/');
    expect(
      isTrustedSender({ sender: navigatedAway, senderFrame: navigatedAway.mainFrame }, navigatedAway),
    ).toBe(false);
    const fileUrl = fakeContents('file:///home/user/page.html');
    expect(isTrustedSender({ sender: fileUrl, senderFrame: fileUrl.mainFrame }, fileUrl)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: null }, ours)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: ours.mainFrame }, null)).toBe(false);
  });
});

describe('permissions', () => {
  it('grants writing to the clipboard to our own page only, and nothing else to anyone', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://dossier/index.html')).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://dossier.evil/')).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', 'not a url')).toBe(false);
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal']) {
      expect(isPermissionGranted(permission, 'app://dossier/index.html')).toBe(false);
    }
  });
});
