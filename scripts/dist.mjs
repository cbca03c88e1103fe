// `npm run dist`: installers with electron-builder (electron-builder.yml) for this platform, or
// `npm run dist -- --linux|--win|--mac [targets] [--x64|--arm64]` for others (README "Building installers").
// Packaging needs Electron's runtime for each platform it builds for. This checks, before anything is built,
// that it can be had, and says plainly what to do when it cannot, instead of failing in a stack trace:
//   - for this platform, the runtime `npm start` downloaded is used as it is (no download);
//   - for another, a copy in Electron's download cache is used, or else the download must be reachable.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const PLATFORMS = { '--linux': 'linux', '--win': 'win32', '--mac': 'darwin' };
const FLAGS = Object.fromEntries(Object.entries(PLATFORMS).map(([flag, platform]) => [platform, flag]));

const args = process.argv.slice(2);
const electronDir = dirname(require.resolve('electron/package.json'));
const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const arch = args.includes('--arm64') ? 'arm64' : args.includes('--x64') ? 'x64' : process.arch;

/**
 * The platforms asked for, each with the targets named after its flag (`--linux AppImage`); this platform
 * when none is. Everything else is passed on to electron-builder as it is.
 */
const requested = [];
const others = [];
for (const arg of args) {
  if (arg in PLATFORMS) requested.push({ platform: PLATFORMS[arg], targets: [] });
  else if (!arg.startsWith('-') && requested.length > 0 && others.length === 0)
    requested.at(-1).targets.push(arg);
  else if (arg !== '--x64' && arg !== '--arm64') others.push(arg);
}
if (requested.length === 0) requested.push({ platform: process.platform, targets: [] });

const zipName = (platform) => `electron-v${version}-${platform}-${arch}.zip`;

/** The runtime `npm start` downloaded into node_modules/electron, when it is this platform's. */
function installedRuntime(platform) {
  if (platform !== process.platform || arch !== process.arch) return null;
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  return existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()))
    ? join(electronDir, 'dist')
    : null;
}

/** A folder of Electron's download cache holding this platform's zip (from `npx install-electron` or a build). */
function cachedZipFolder(platform) {
  const roots = [
    process.env.electron_config_cache,
    process.platform === 'darwin'
      ? join(homedir(), 'Library', 'Caches', 'electron')
      : process.platform === 'win32'
        ? join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'electron', 'Cache')
        : join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron'),
  ].filter(Boolean);
  for (const root of roots) {
    if (!existsSync(root)) continue;
    if (existsSync(join(root, zipName(platform)))) return root;
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(join(root, entry.name, zipName(platform))))
        return join(root, entry.name);
    }
  }
  return null;
}

/** Whether Electron's download server (or ELECTRON_MIRROR) answers for this platform's zip. */
async function downloadReachable(platform) {
  const mirror = process.env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/';
  const folder = (process.env.ELECTRON_CUSTOM_DIR ?? 'v{{ version }}').replace('{{ version }}', version);
  const url = `${mirror.endsWith('/') ? mirror : `${mirror}/`}${folder}/${zipName(platform)}`;
  try {
    const response = await fetch(url, {
      method: 'HEAD',
      redirect: 'follow',
      signal: AbortSignal.timeout(20_000),
    });
    return response.ok ? null : `${url} answered ${response.status}`;
  } catch (error) {
    return `${url}: ${error.cause?.code ?? error.cause?.message ?? error.message}`;
  }
}

function blocked(platform, reason) {
  const flag = FLAGS[platform];
  console.error(
    [
      '',
      `Packaging for ${platform}-${arch} needs Electron ${version} for that platform, and it cannot be downloaded:`,
      `  ${reason}`,
      '',
      'What to do:',
      '  - Through a mirror or a proxy: set ELECTRON_MIRROR to a mirror of Electron’s releases (with its',
      '    trailing slash; ELECTRON_CUSTOM_DIR if its folders are not named v<version>), and HTTPS_PROXY if',
      '    needed, then run this again.',
      `  - With the zip at hand (${zipName(platform)}, from a machine that can download it): put it in a`,
      `    folder and run  npm run dist -- ${flag} -c.electronDist=/that/folder`,
      process.platform === platform
        ? '  - For this platform, `npx install-electron` downloads the runtime `npm start` uses (it honours\n' +
          '    ELECTRON_MIRROR, and electron_config_cache names the folder it keeps the download in); packaging\n' +
          '    then uses that copy without downloading anything.'
        : `  - Or build on a ${platform} machine that has run \`npx install-electron\`.`,
      '  - ELECTRON_SKIP_BINARY_DOWNLOAD does not help here: this Electron never downloads at `npm install`',
      '    (only on first `npm start` or `npx install-electron`), and packaging needs the runtime regardless.',
      '',
      'electron-builder also downloads its packaging tools (AppImage and deb tools, NSIS) on first use;',
      'ELECTRON_BUILDER_BINARIES_MIRROR points it at a mirror of them.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

/** The deb lists the project's homepage and a maintainer with an e-mail address, from package.json. */
function debProblem(targets) {
  if (targets.length > 0 && !targets.some((t) => t.toLowerCase() === 'deb')) return null;
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const missing = [];
  if (!pkg.homepage && !pkg.repository) missing.push('"homepage" (the project’s web address)');
  if (!pkg.author?.email && !/<[^>]+@[^>]+>/.test(typeof pkg.author === 'string' ? pkg.author : ''))
    missing.push('"author" with an e-mail address (the package’s Maintainer)');
  return missing.length > 0 ? missing : null;
}

for (const { platform, targets } of requested) {
  if (platform === 'linux') {
    const missing = debProblem(targets);
    if (missing) {
      console.error(
        [
          '',
          `The .deb package needs package.json's ${missing.join(' and ')}; Debian's package manager shows them.`,
          'Add them, or build only the AppImage:  npm run dist -- --linux AppImage',
          '',
        ].join('\n'),
      );
      process.exit(1);
    }
  }
  const electronDist = installedRuntime(platform) ?? cachedZipFolder(platform);
  if (!electronDist && !args.some((a) => a.startsWith('-c.electronDist'))) {
    const reason = await downloadReachable(platform);
    if (reason) blocked(platform, reason);
  }
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--config',
      'electron-builder.yml',
      '--publish',
      'never',
      FLAGS[platform],
      ...targets,
      `--${arch}`,
      ...(electronDist ? [`-c.electronDist=${electronDist}`] : []),
      ...others,
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) {
    console.error(`\nPackaging for ${platform} failed (electron-builder's messages are above).`);
    process.exit(result.status ?? 1);
  }
}
