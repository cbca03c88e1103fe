// Electronegativity (Doyensec's scanner for Electron misconfigurations and anti-patterns) over the main side,
// the preload and the renderer; part of `npm run lint`. Any finding of medium or high severity fails, and so
// does a file it cannot parse (it would otherwise pass unread). A reviewed finding is silenced where it
// occurs, with `// eng-disable CHECK_ID` and a comment saying why, never here for the whole code base.
//
// Run offline: AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK asks the internet for newer Electron releases, so it is
// left out (keeping Electron current is Dependabot's job, not a lint's), and the tool's translation fetch,
// which it tries on every run and which crashes it when it times out, is answered locally with "none".
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SCANNED = ['electron', 'renderer', 'shared'];
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const FAILING_SEVERITIES = ['HIGH', 'MEDIUM'];

// The repository, or another tree given as the argument (the unit test scans small fixtures).
const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const require = createRequire(import.meta.url);
const runnerPath = require.resolve('@doyensec/electronegativity');
const gotPath = createRequire(runnerPath).resolve('got');
const offlineGot = new Module(gotPath);
offlineGot.filename = gotPath;
offlineGot.loaded = true;
offlineGot.exports = async () => ({ statusCode: 404, body: '' });
require.cache[gotPath] = offlineGot;
const run = require(runnerPath);

/** The oldest Electron the package allows, e.g. 45.5.0 from "^45.5.0". */
async function electronVersion() {
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const range = manifest.devDependencies?.electron ?? manifest.dependencies?.electron;
  const version = /\d+\.\d+\.\d+/.exec(range ?? '')?.[0];
  if (!version) throw new Error('package.json names no Electron version');
  return version;
}

// One scan over a copy of just the scanned folders: its global checks (navigation limits, permission
// handler, CSP) need the main side and the renderer together, and the repository root would drag in the
// hostile test documents and the build output.
const workDir = await mkdtemp(path.join(tmpdir(), 'dossier-electronegativity-'));
try {
  for (const folder of SCANNED.filter((name) => existsSync(path.join(root, name)))) {
    await cp(path.join(root, folder), path.join(workDir, folder), { recursive: true });
  }
  const result = await run({
    input: workDir,
    isRelative: false,
    isVerbose: true,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS,
    severitySet: 'informational',
    confidenceSet: 'tentative',
    electronVersionOverride: await electronVersion(),
    parserPlugins: [],
  });
  const unreadable = result.errors.filter((error) => !error.tolerable);
  for (const error of unreadable) console.error(`could not parse ${error.file}: ${error.message}`);
  let failing = 0;
  for (const issue of result.issues) {
    const severity = issue.severity.name.toUpperCase();
    const fails = FAILING_SEVERITIES.includes(severity);
    if (fails) failing += 1;
    const file = path.isAbsolute(issue.file) ? path.relative(workDir, issue.file) : issue.file;
    const where = `${file}:${issue.location.line}:${issue.location.column}`;
    const line = `${fails ? 'error' : 'note '} ${issue.id} (${severity}, ${issue.confidence.name.toLowerCase()}) ${where}: ${issue.description}`;
    (fails ? console.error : console.log)(line);
  }
  console.log(
    `Electronegativity: ${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} findings, ` +
      `${failing} of medium or high severity, ${unreadable.length} unreadable files.`,
  );
  if (failing > 0 || unreadable.length > 0) process.exitCode = 1;
} finally {
  await rm(workDir, { recursive: true, force: true });
}
