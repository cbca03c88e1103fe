import { describe, expect, it } from 'vitest';
import { isAppUrl, isPermissionGranted, isTrustedSender } from '../../../electron/ipc-trust';

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

describe('our own origin', () => {
  it('is app://dossier, with any path', () => {
    for (const url of ['app://dossier/index.html', 'app://dossier/', 'APP://dossier/documents/1?x=y#z']) {
      expect(isAppUrl(url), url).toBe(true);
    }
  });

  it.each([
    'app://dossier.evil.example/index.html',
    'app://evil.example@dossier/index.html',
    'app://dossier:x@dossier/index.html',
    'app://dossier@evil.example/',
    'app://dossier:8080/',
    'app://DOSSIER/',
    'app://evil.example/app://dossier/',
    'app:dossier/index.html',
    'https://dossier/',
    'blob:app://dossier/3f2a1c9e-0000-4000-8000-000000000000',
    'file:///home/user/dossier/index.html',
    'not a url',
  ])('is not %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', url)).toBe(false);
    const contents = fakeContents(url);
    expect(isTrustedSender({ sender: contents, senderFrame: contents.mainFrame }, contents)).toBe(false);
  });
});
