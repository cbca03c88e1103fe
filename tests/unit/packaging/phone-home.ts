// Finds what would make Dossier call home: update and telemetry modules among what the app ships, and calls
// that update, upload crash reports or open a network connection in the code built into it. Network calls are
// allowed only where a reviewed rule says the call stays on the machine (see no-phone-home.test.ts).

export interface Finding {
  file: string;
  line: number;
  rule: string;
  text: string;
}

/** Modules whose purpose is updating the app or reporting on its use. */
const UPDATE_MODULES = [/^electron-updater$/, /^update-electron-app$/, /^electron-simple-updater$/];
const TELEMETRY_MODULES = [
  /^@sentry\//,
  /^@bugsnag\//,
  /^@datadog\//,
  /^@amplitude\//,
  /^@segment\//,
  /^@aptabase\//,
  /^@vercel\/analytics$/,
  /^@honeybadger-io\//,
  /^@opentelemetry\/exporter-/,
  /^analytics(-node)?$/,
  /^universal-analytics$/,
  /^electron-google-analytics4?$/,
  /^mixpanel(-browser)?$/,
  /^posthog-(js|node)$/,
  /^applicationinsights$/,
  /^newrelic$/,
  /^rollbar$/,
  /^logrocket$/,
  /^trackjs$/,
  /^nucleus-nodejs$/,
  /^electron-crash-reporter$/,
];

export function forbiddenModule(name: string): string | null {
  if (UPDATE_MODULES.some((re) => re.test(name))) return 'update module';
  if (TELEMETRY_MODULES.some((re) => re.test(name))) return 'telemetry module';
  return null;
}

/** Calls that open a connection (or hand data to one), whatever the host. */
const NETWORK_CALLS: [string, RegExp][] = [
  ['fetch', /(?<![\w.])fetch\s*\(/g],
  ['net.fetch', /\bnet\.fetch\s*\(/g],
  ['net.request', /\bnet\.request\s*\(/g],
  ['http(s).request/get', /\bhttps?\.(request|get)\s*\(/g],
  ['socket', /\bnew\s+(WebSocket|EventSource)\s*\(|\bnet\.(connect|createConnection)\s*\(/g],
  ['beacon', /\bsendBeacon\s*\(/g],
  ['XMLHttpRequest', /\bXMLHttpRequest\b/g],
  ['network module', /['"](node:)?(https|tls|dgram|http2)['"]/g],
];

/** A reviewed network call: in this file, a call whose text from the match on matches `call`. */
export interface AllowedCall {
  file: string;
  call: RegExp;
  why: string;
}

/** Source without comments (so that "no auto-update here" in a comment is not a finding), lines kept. */
function withoutComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/(^|\s)\/\/.*$/gm, '$1');
}

/** The text between the parenthesis at `open` and the one that closes it. */
function callArguments(code: string, open: number): string {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return code.slice(open + 1, i);
  }
  return code.slice(open + 1);
}

const lineOf = (source: string, index: number) => source.slice(0, index).split('\n').length;

export function scanSource(file: string, source: string, allowed: readonly AllowedCall[] = []): Finding[] {
  const code = withoutComments(source);
  const findings: Finding[] = [];
  const add = (rule: string, index: number, length: number) =>
    findings.push({ file, line: lineOf(code, index), rule, text: code.slice(index, index + length).trim() });

  for (const m of code.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)) {
    const rule = forbiddenModule(m[1]!);
    if (rule) add(rule, m.index, m[0].length);
  }
  for (const m of code.matchAll(/\bautoUpdater\b/g)) add('auto-update', m.index, 40);
  for (const m of code.matchAll(/\bcrashReporter\.start\s*\(/g)) {
    // Crash reports may be kept on the machine, never sent: this call's own options must say so.
    const options = callArguments(code, m.index + m[0].length - 1);
    if (!/uploadToServer\s*:\s*false/.test(options)) add('crash report upload', m.index, 60);
  }
  for (const [rule, re] of NETWORK_CALLS) {
    for (const m of code.matchAll(re)) {
      const call = code.slice(m.index, m.index + 200);
      if (allowed.some((a) => a.file === file && a.call.test(call))) continue;
      add(`network call (${rule})`, m.index, 80);
    }
  }
  return findings;
}

interface LockPackage {
  dev?: boolean;
  devOptional?: boolean;
}

/**
 * Update and telemetry modules among the dependencies the app ships: package.json's own, and every package
 * the lock file installs for them (not the development tools, which never reach an installer).
 */
export function scanDependencies(
  pkg: { dependencies?: Record<string, string> },
  lock: { packages?: Record<string, LockPackage> },
): Finding[] {
  const findings: Finding[] = [];
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    const rule = forbiddenModule(name);
    if (rule) findings.push({ file: 'package.json', line: 0, rule, text: name });
  }
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path || entry.dev || entry.devOptional) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const rule = forbiddenModule(name);
    if (rule) findings.push({ file: 'package-lock.json', line: 0, rule, text: path });
  }
  return findings;
}
