// The desktop window's app:// scheme serves the renderer build and nothing else.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppResource } from '../../../electron/app-protocol';
import { tempDir } from '../helpers/temp';

function rendererBuild() {
  const root = tempDir();
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'secret');
  symlinkSync(join(root, 'secret.txt'), join(dir, 'assets', 'link.js'));
  return dir;
}

describe('app:// resources', () => {
  it('serves the build with its content type', async () => {
    const dir = rendererBuild();
    expect(await resolveAppResource(dir, 'app://dossier/index.html')).toMatchObject({
      found: true,
      contentType: 'text/html; charset=utf-8',
    });
    expect(await resolveAppResource(dir, 'app://dossier/assets/app.js')).toMatchObject({
      found: true,
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it('refuses traversal, links out of the build, folders, other hosts and malformed escapes', async () => {
    const dir = rendererBuild();
    for (const url of [
      'app://dossier/../secret.txt',
      'app://dossier/%2e%2e/secret.txt',
      'app://dossier/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://dossier/..%5csecret.txt',
      'app://dossier/assets/link.js',
      'app://dossier/assets',
      'app://dossier/assets/',
      'app://other/index.html',
      'app://evil.example@dossier/index.html',
      'app://dossier:8080/index.html',
      'app://dossier/%E0%A4%A',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(await resolveAppResource(dir, url), url).toEqual({ found: false });
    }
  });
});
