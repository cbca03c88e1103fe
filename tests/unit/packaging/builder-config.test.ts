// The packaging configuration (electron-builder.yml, issue 10), checked as far as a machine without Electron's
// binary allows: electron-builder's own schema; the installers and file types asked for; the fuses; no update
// feed; and that everything the built app loads at run time is packaged (and what must stay on disk is
// unpacked). Where Electron's binary is present, a real (unpacked, Linux) package is made and inspected.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { builtinModules, createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMain, EXTERNAL_MODULES } from '../../../scripts/build-main.mjs';
import { bundledWorkerPath } from '../../../electron/services/ingest/pool';
import { tempDir } from '../helpers/temp';
import {
  builderSchema,
  electronBinary,
  fromBuilderLib,
  isPackaged,
  isUnpacked,
  readBuilderConfig,
  type BuilderConfig,
} from './builder-files';

const require = createRequire(import.meta.url);
const config = readBuilderConfig();
const files = config.files ?? [];
const asarUnpack = config.asarUnpack ?? [];
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  build?: unknown;
};

const section = (name: string) => (config[name] ?? {}) as Record<string, unknown>;
const targets = (platform: string) =>
  ((section(platform).target ?? []) as (string | { target: string })[]).map((t) =>
    typeof t === 'string' ? t : t.target,
  );
type Association = { ext: string; mimeType?: string; role?: string; name?: string };
const associations = (where: BuilderConfig | Record<string, unknown>) =>
  (where.fileAssociations ?? []) as Association[];

describe('electron-builder.yml', () => {
  it('is valid under electron-builder’s own schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(builderSchema());
    expect(validate(config), ajv.errorsText(validate.errors, { separator: '\n' })).toBe(true);
    // The same schema refuses what electron-builder would: the check can fail.
    expect(validate({ ...config, asar: 'yes' })).toBe(false);
    expect(validate({ ...config, electronFuses: { runAsNodes: false } })).toBe(false);
  });

  it('is the only packaging configuration (package.json has no "build" key to merge into it)', () => {
    expect(pkg.build).toBeUndefined();
  });

  it('builds an AppImage and a deb for Linux, an NSIS installer for Windows and a dmg for macOS', () => {
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
    const nsis = section('nsis');
    // Per user, no administrator needed, and the user may choose the folder.
    expect(nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    });
    expect(nsis.deleteAppDataOnUninstall).not.toBe(true);
    // One 1024×1024 PNG from which electron-builder derives each platform's icons.
    const png = readFileSync('build/icon.png');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
  });

  it('associates .dossier files, and Dossier’s project files, with the app on every platform', () => {
    const everywhere = associations(config);
    const dossier = everywhere.find((a) => a.ext === 'dossier');
    expect(dossier).toMatchObject({ name: 'Dossier project file', mimeType: 'application/vnd.dossier+zip' });
    expect(dossier?.role).toBe('Editor');
    expect(everywhere.map((a) => a.ext)).toContain('dossierdb');
    // Generic types are only offered where the platform lists several apps for them: never on Windows,
    // whose installer would make Dossier their default program.
    expect(everywhere.map((a) => a.ext)).not.toContain('sqlite');
    expect(associations(section('win'))).toEqual([]);
    expect(associations(section('mac')).map((a) => a.ext)).toEqual(['sqlite', 'qdpx']);
  });

  it('sets the fuses, in electron-builder’s electronFuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    // The window is served over app://, so file:// needs none of the extra powers the last fuse removes.
    expect(readFileSync('electron/main.ts', 'utf8')).toContain('loadURL(`${APP_ORIGIN}/index.html`)');
    expect(readFileSync('electron/ipc-trust.ts', 'utf8')).toMatch(/APP_ORIGIN = 'app:\/\//);
  });

  it('packs the app into one archive and has no update feed', () => {
    expect(config.asar).toBe(true);
    expect(config).toHaveProperty('publish', null);
    for (const platform of ['linux', 'win', 'mac', 'nsis', 'deb', 'dmg', 'appImage']) {
      expect(section(platform).publish ?? null, platform).toBeNull();
    }
  });

  it('ships no source maps', () => {
    expect(isPackaged('dist/electron/main.js', files)).toBe(true);
    expect(isPackaged('dist/electron/main.js.map', files)).toBe(false);
    expect(isPackaged('dist/renderer/assets/index-abc.js.map', files)).toBe(false);
    expect(isPackaged('node_modules/jsdom/lib/api.js.map', files)).toBe(false);
  });
});

describe('what the built app loads at run time', () => {
  let outdir: string;
  let built: Awaited<ReturnType<typeof buildMain>>;

  beforeAll(async () => {
    // A build of its own (not dist/, which the end-to-end tests share), as `npm run build` makes it; kept
    // for the whole group (helpers/temp.ts removes its folders after each test).
    outdir = mkdtempSync(join(tmpdir(), 'dossier-pack-'));
    built = await buildMain(outdir);
  }, 60_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('packages every file the main-side build writes, except source maps', () => {
    const code = built.files.filter((f) => !f.endsWith('.map'));
    expect(code).toEqual(expect.arrayContaining(['main.js', 'preload.cjs', 'ingest-worker.js', 'cli.js']));
    const left = code.filter((f) => !isPackaged(`dist/electron/${f}`, files));
    expect(left).toEqual([]);
    // And the files read beside the bundle at run time: CSL styles and locales, and the renderer build.
    for (const file of readdirSync(join(outdir, 'csl'), { recursive: true }) as string[]) {
      expect(isPackaged(`dist/electron/csl/${file}`, files), file).toBe(true);
    }
    expect(isPackaged('dist/renderer/index.html', files)).toBe(true);
    expect(isPackaged('dist/renderer/assets/index-abc.js', files)).toBe(true);
    expect(isPackaged('package.json', files)).toBe(true);
    expect(pkg.main).toBe('dist/electron/main.js');
  });

  it('ships every module the bundles leave to node_modules as a production dependency, and their files', () => {
    const externals = new Set<string>();
    for (const metafile of built.metafiles) {
      for (const output of Object.values(metafile.outputs)) {
        for (const imported of output.imports) if (imported.external) externals.add(imported.path);
      }
    }
    const packages = [...externals]
      .filter((p) => !p.startsWith('node:') && !builtinModules.includes(p) && p !== 'electron')
      .map((p) => (p.startsWith('@') ? p.split('/').slice(0, 2) : p.split('/').slice(0, 1)).join('/'));
    expect(packages.length).toBeGreaterThan(0);
    for (const name of new Set(packages)) {
      expect(EXTERNAL_MODULES, name).toContain(name);
      expect(Object.keys(pkg.dependencies), `${name} must be a dependency`).toContain(name);
      expect(isPackaged(`node_modules/${name}/package.json`, files), name).toBe(true);
    }
    // The files those libraries load by path (services/ingest/pdf.ts, better-sqlite3's lib/binding.js).
    for (const path of [
      'node_modules/pdfjs-dist/legacy/build/pdf.mjs',
      'node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs',
      'node_modules/pdfjs-dist/cmaps/UniJIS-UCS2-H.bcmap',
      'node_modules/jsdom/lib/api.js',
      'node_modules/mammoth/lib/index.js',
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/better-sqlite3/prebuilds/win32-x64.node',
    ]) {
      expect(existsSync(path), path).toBe(true);
      expect(isPackaged(path, files), path).toBe(true);
    }
    // What is left out is what nothing loads.
    expect(isPackaged('node_modules/better-sqlite3/deps/sqlite3/sqlite3.c', files)).toBe(false);
    expect(isPackaged('node_modules/pdfjs-dist/build/pdf.mjs', files)).toBe(false);
  });

  it('keeps better-sqlite3’s binaries, and only they, outside the archive', () => {
    const binaries = readdirSync('node_modules/better-sqlite3/prebuilds').map(
      (f) => `node_modules/better-sqlite3/prebuilds/${f}`,
    );
    expect(binaries.length).toBeGreaterThan(0);
    for (const binary of binaries) expect(isUnpacked(binary, asarUnpack), binary).toBe(true);
    // The workers and their libraries stay inside, under the integrity check (electron-builder.yml says why).
    expect(isUnpacked('dist/electron/ingest-worker.js', asarUnpack)).toBe(false);
    expect(isUnpacked('node_modules/jsdom/lib/api.js', asarUnpack)).toBe(false);
  });

  it('starts import workers from the script the build puts beside the entry points, wherever pool.ts lands', () => {
    const pooled = Object.entries(built.metafiles[0]!.outputs).filter(
      ([file, output]) =>
        !file.endsWith('.map') &&
        Object.keys(output.inputs).some((input) => input.endsWith('services/ingest/pool.ts')),
    );
    expect(pooled.length).toBeGreaterThan(0);
    for (const [file] of pooled) {
      const worker = bundledWorkerPath(pathToFileURL(join(process.cwd(), file)).href);
      expect(worker, file).toBe(join(outdir, 'ingest-worker.js'));
      expect(existsSync(worker!)).toBe(true);
    }
  });
});

const binary = electronBinary();
if (!binary) {
  console.info(
    'Note: the packaging dry run is skipped: Electron’s binary is not downloaded here (`npx install-electron` fetches it; the Electron end-to-end spec is skipped for the same reason).',
  );
}

describe('a Linux package made here', () => {
  it.skipIf(!binary)(
    'has the app in app.asar, better-sqlite3’s binary beside it, and the fuses set (needs Electron’s binary)',
    () => {
      const build = spawnSync('npm', ['run', 'build'], { encoding: 'utf8' });
      expect(build.status, build.stderr).toBe(0);
      const out = tempDir('dossier-release-');
      const electronDir = join(require.resolve('electron/package.json'), '..');
      const version = (
        JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }
      ).version;
      // The Electron already downloaded, never a download: electronDist points at it.
      const run = spawnSync(
        process.execPath,
        [
          require.resolve('electron-builder/cli.js'),
          '--config',
          'electron-builder.yml',
          '--linux',
          'dir',
          '--publish',
          'never',
          `-c.electronDist=${join(electronDir, 'dist')}`,
          `-c.electronVersion=${version}`,
          `-c.directories.output=${out}`,
        ],
        { encoding: 'utf8', timeout: 300_000 },
      );
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      const app = join(out, 'linux-unpacked');
      const resources = join(app, 'resources');
      expect(existsSync(join(resources, 'app.asar'))).toBe(true);
      expect(existsSync(join(resources, 'app'))).toBe(false);
      expect(
        existsSync(
          join(
            resources,
            'app.asar.unpacked',
            'node_modules',
            'better-sqlite3',
            'prebuilds',
            'linux-x64.node',
          ),
        ),
      ).toBe(true);

      const asar = fromBuilderLib('@electron/asar') as { listPackage(path: string, o: object): string[] };
      const listed = asar.listPackage(join(resources, 'app.asar'), {}).map((f) => relative('/', f));
      expect(listed).toEqual(
        expect.arrayContaining([pkg.main, 'dist/electron/ingest-worker.js', 'dist/renderer/index.html']),
      );
      expect(listed.filter((f) => f.endsWith('.map'))).toEqual([]);
      expect(listed.some((f) => f.startsWith('node_modules/electron-updater'))).toBe(false);

      // Read back with the @electron/fuses that electron-builder flipped them with. The wire holds one byte
      // per fuse: '1' on, '0' off.
      const fuses = fromBuilderLib('@electron/fuses') as {
        getCurrentFuseWire(binary: string): Promise<Record<number, number>>;
        FuseV1Options: Record<string, number>;
      };
      const [on, off] = ['1'.charCodeAt(0), '0'.charCodeAt(0)];
      return fuses.getCurrentFuseWire(join(app, 'dossier')).then((wire) => {
        const state = (name: string) => wire[fuses.FuseV1Options[name]!];
        expect(state('RunAsNode')).toBe(off);
        expect(state('EnableCookieEncryption')).toBe(on);
        expect(state('EnableNodeOptionsEnvironmentVariable')).toBe(off);
        expect(state('EnableNodeCliInspectArguments')).toBe(off);
        expect(state('EnableEmbeddedAsarIntegrityValidation')).toBe(on);
        expect(state('OnlyLoadAppFromAsar')).toBe(on);
        expect(state('LoadBrowserProcessSpecificV8Snapshot')).toBe(off);
        expect(state('GrantFileProtocolExtraPrivileges')).toBe(off);
      });
    },
    600_000,
  );
});
