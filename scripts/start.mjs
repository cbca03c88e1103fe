// `npm start`: build, make sure Electron's binary is there (fetching it now, not at install), then launch.
// Where the binary cannot be had, say so plainly and point at `npm run serve`, which needs no Electron.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function electronBinary() {
  try {
    return require('electron'); // the path to the binary; throws when it has not been downloaded
  } catch {
    return null;
  }
}

const built = spawnSync(npm, ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (built.status !== 0) process.exit(built.status ?? 1);

// require('electron') downloads the runtime on first use (npm install never does).
const binary = electronBinary();
if (!binary) {
  console.error(
    [
      '',
      'Dossier could not start its desktop window: the Electron runtime could not be downloaded',
      '(no network, or a proxy blocks it).',
      '',
      'Use Dossier in your browser instead:   npm run serve',
      'Or download Electron later with:       npx install-electron   (then npm start again)',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
