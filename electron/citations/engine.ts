// Citation formatting (export citations): a reference list and in-text citations or notes, in a CSL style
// and locale, from CSL-JSON items (shared/csl.ts). The formatting itself is citeproc-js, the processor
// Zotero and Mendeley use, so a style behaves here as it does there; this module chooses its files, keeps
// citeproc's global state and console output in check, and refuses a user's .csl file with a message that
// says what is wrong before citeproc sees it. Five styles and eight locales are bundled (csl/, see
// csl/NOTICE.md for where they come from); they are read from disk on first use, from the sources or from
// the copy scripts/build-main.mjs puts next to the bundle. One engine formats every item of a call: citeproc
// sorts and disambiguates ("2024a", "2024b") across all of them, and building it costs more than a
// thousand entries. A whole exported bibliography is made in worker threads (bibliography.ts), in shares
// when partition.ts proves they cannot affect each other; formatShare gives them what they need to merge.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import CSL from 'citeproc';
import type { CslItem } from '../../shared/csl';
import { DossierError } from '../../shared/errors';

export type StyleClass = 'in-text' | 'note';
export type CitationFormat = 'html' | 'text' | 'rtf';

export const BUNDLED_STYLES = [
  { id: 'apa', title: 'APA 7th edition', class: 'in-text' },
  { id: 'chicago-author-date', title: 'Chicago 17th edition (author-date)', class: 'in-text' },
  { id: 'chicago-note-bibliography', title: 'Chicago 17th edition (notes and bibliography)', class: 'note' },
  { id: 'modern-language-association', title: 'MLA 9th edition', class: 'in-text' },
  { id: 'harvard-cite-them-right', title: 'Harvard (Cite Them Right 12th edition)', class: 'in-text' },
] as const satisfies readonly { id: string; title: string; class: StyleClass }[];
export type BundledStyleId = (typeof BUNDLED_STYLES)[number]['id'];

export const BUNDLED_LOCALES = [
  'en-US',
  'en-GB',
  'nl-NL',
  'es-ES',
  'fr-FR',
  'de-DE',
  'pt-BR',
  'ru-RU',
] as const;
export type BundledLocale = (typeof BUNDLED_LOCALES)[number];

/** The region a language means when only the language is given ("nl", or "de-AT" which is not bundled). */
const LANGUAGE_DEFAULTS: Record<string, BundledLocale> = {
  en: 'en-US',
  nl: 'nl-NL',
  es: 'es-ES',
  fr: 'fr-FR',
  de: 'de-DE',
  pt: 'pt-BR',
  ru: 'ru-RU',
};

/** What parseStyle learns from a style file. */
export interface StyleInfo {
  /** The style's <id> (a URI such as http://www.zotero.org/styles/apa). */
  id: string;
  title: string;
  class: StyleClass;
  /** The style's default-locale attribute, if it has one (Cite Them Right: en-GB). */
  defaultLocale: string | null;
  /** False for a style that only formats citations (no <bibliography>). */
  hasBibliography: boolean;
}

export interface CiteRef {
  id: string;
  locator?: string;
  label?: 'page' | 'paragraph' | 'section';
}

export interface CiterOptions {
  /** The style's XML: a bundled one (bundledStyleXml) or a user's, checked with parseStyle when added. */
  style: string;
  /** A BCP 47 tag; see resolveLocale. Without one the style's default-locale applies, else en-US. */
  locale?: string;
  items: CslItem[];
}

export interface Citer {
  readonly styleClass: StyleClass;
  /** The locale the engine formats in. */
  readonly locale: BundledLocale;
  /** The reference list in the style's order, one trimmed string per entry; [] for a style without one. */
  bibliography(format: CitationFormat, ids?: string[]): string[];
  /** One citation cluster: "(Müller, 2024, p. 12)", or the note's text for a note style. */
  cite(cites: CiteRef[], format: CitationFormat): string;
  /** What citeproc warned about while this citer worked (it would otherwise print them). */
  readonly warnings: readonly string[];
}

// ---------------------------------------------------------------------------------------------------
// The bundled files

const CSL_DIR_CANDIDATES = [
  // The sources (vitest, tsx), and the bundle when this module ends up in dist/electron/*.js.
  './csl/',
  // A chunk (dist/electron/chunks/*.js).
  '../csl/',
  // The sources, seen from the bundle or a chunk (a development build run from the checkout).
  '../../electron/citations/csl/',
  '../../../electron/citations/csl/',
];

let cslDir: string | undefined;
const fileCache = new Map<string, string>();

function bundledDir(): string {
  if (cslDir !== undefined) return cslDir;
  const tried: string[] = [];
  for (const candidate of CSL_DIR_CANDIDATES) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    tried.push(dir);
    if (existsSync(`${dir}styles/apa.csl`) && existsSync(`${dir}locales/locales-en-US.xml`)) {
      cslDir = dir;
      return dir;
    }
  }
  throw new DossierError(
    'internal',
    `The bundled citation styles are missing (looked in ${tried.join(', ')}).`,
  );
}

function readBundled(relative: string): string {
  let text = fileCache.get(relative);
  if (text === undefined) {
    text = readFileSync(`${bundledDir()}${relative}`, 'utf8');
    fileCache.set(relative, text);
  }
  return text;
}

export function isBundledStyle(id: string): id is BundledStyleId {
  return BUNDLED_STYLES.some((style) => style.id === id);
}

export function bundledStyleXml(id: BundledStyleId): string {
  if (!isBundledStyle(id)) throw new DossierError('not_found', `No bundled citation style "${String(id)}".`);
  return readBundled(`styles/${id}.csl`);
}

export function bundledLocaleXml(tag: BundledLocale): string {
  return readBundled(`locales/locales-${resolveLocale(tag)}.xml`);
}

/**
 * The bundled locale for a tag: the tag itself if bundled (any case, "_" or "-"); else its language's
 * bundled region ("nl" → nl-NL, "en" → en-US, "pt" → pt-BR, "de-AT" → de-DE); else en-US.
 */
export function resolveLocale(tag: string | undefined | null): BundledLocale {
  if (typeof tag !== 'string') return 'en-US';
  const parts = tag.trim().replace(/_/g, '-').split('-');
  const language = (parts[0] ?? '').toLowerCase();
  const region = (parts[1] ?? '').toUpperCase();
  const exact = BUNDLED_LOCALES.find((locale) => locale === `${language}-${region}`);
  return exact ?? LANGUAGE_DEFAULTS[language] ?? 'en-US';
}

// ---------------------------------------------------------------------------------------------------
// citeproc's global state

// citeproc prints its warnings with console.log; they go to the citer at work instead.
let warningSink: string[] | null = null;
const MAX_WARNINGS = 100;
CSL.debug = (message: string) => {
  if (warningSink && warningSink.length < MAX_WARNINGS) warningSink.push(String(message));
};

// citeproc sorts with String.prototype.localeCompare(other, locale, options), which builds a collator on every
// comparison: a third of the time of a 2,000-entry bibliography. The same comparison through one Intl.Collator
// per engine state (ECMA-402 defines localeCompare as exactly that) gives the same order, faster. Otherwise
// citeproc's own function: lower-cased first, and leading brackets and quotes set aside when the collator
// does not already ignore them.
CSL.getSortCompare = function (this: unknown, defaultLocale: string) {
  const collator = new Intl.Collator(defaultLocale || 'en-US', {
    sensitivity: 'base',
    ignorePunctuation: true,
    numeric: true,
  });
  const lower = (text: string) => CSL.toLocaleLowerCase.call(this, text);
  const strcmp = (a: string, b: string) => collator.compare(lower(a), lower(b));
  const stripPunctuation = (text: string) => text.replace(/^[[\]'"]*/g, '');
  return strcmp('[x', 'x') === 0 ? strcmp : (a, b) => strcmp(stripPunctuation(a), stripPunctuation(b));
};

/** Runs citeproc with its warnings going to `sink`, and its errors (thrown strings, too) as Errors. */
function withCiteproc<T>(sink: string[], run: () => T): T {
  const previous = warningSink;
  warningSink = sink;
  try {
    return run();
  } catch (error) {
    if (error instanceof DossierError) throw error;
    throw new Error(citeprocMessage(error), { cause: error });
  } finally {
    warningSink = previous;
  }
}

function citeprocMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^(citeproc-js error: )+/, '').trim() || 'citeproc failed';
}

function makeEngine(
  style: string,
  locale: BundledLocale,
  force: boolean,
  item: (id: string) => CslItem | undefined,
): CSL.Engine {
  const sys: CSL.Sys = {
    // Must answer synchronously and never throw: an unknown tag gets en-US.
    retrieveLocale: (lang: string) => bundledLocaleXml(resolveLocale(lang)),
    retrieveItem: (id: string) => {
      const found = item(id);
      if (!found) throw new DossierError('not_found', `No reference with id "${id}" was given.`);
      return found;
    },
  };
  return force ? new CSL.Engine(sys, style, locale, true) : new CSL.Engine(sys, style);
}

/**
 * A citeproc engine kept for reuse: building one costs half a second or more (citeproc compiles the style
 * and locale), registering a few items some milliseconds. The items it reads are those of the citer using
 * it now (`items`, swapped by each citer); `owner` says which citer registered them last.
 */
interface CachedEngine {
  engine: CSL.Engine;
  items: ReadonlyMap<string, CslItem>;
  owner: object | null;
}

/** Engines by style, locale and whether the locale is forced: the few a session formats with. */
const engines = new Map<string, CachedEngine>();
const MAX_ENGINES = 6;

function cachedEngine(style: string, locale: BundledLocale, force: boolean): CachedEngine {
  const key = `${locale}\u0000${force}\u0000${style}`;
  const cached = engines.get(key);
  if (cached) {
    // Most recently used last.
    engines.delete(key);
    engines.set(key, cached);
    return cached;
  }
  const slot: CachedEngine = { engine: null as unknown as CSL.Engine, items: new Map(), owner: null };
  slot.engine = makeEngine(style, locale, force, (id) => slot.items.get(id));
  engines.set(key, slot);
  if (engines.size > MAX_ENGINES) engines.delete(engines.keys().next().value!);
  return slot;
}

// ---------------------------------------------------------------------------------------------------
// Checking a user's style

export const MAX_STYLE_BYTES = 2 * 1024 * 1024;
const CSL_NAMESPACE = 'http://purl.org/net/xbiblio/csl';
const MAX_DEPTH = 100;

function invalid(message: string): DossierError {
  return new DossierError('invalid_input', `Not a usable CSL style: ${message}`);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);/g;

function decodeXml(text: string, where: string): string {
  if (/&(?!#x[0-9a-fA-F]+;|#[0-9]+;|[A-Za-z][\w.-]*;)/.test(text)) {
    throw invalid(`a bare "&" in ${where} (write &amp;).`);
  }
  return text.replace(REFERENCE, (_whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff))
        throw invalid(`an invalid character reference &${name}; in ${where}.`);
      return String.fromCodePoint(code);
    }
    const value = ENTITIES[name];
    if (value === undefined) throw invalid(`an undefined entity &${name}; in ${where}.`);
    return value;
  });
}

interface StartTag {
  name: string;
  attributes: Map<string, string>;
  selfClosing: boolean;
}

const ATTRIBUTE = /([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseStartTag(source: string, line: number): StartTag {
  const selfClosing = source.endsWith('/');
  const body = selfClosing ? source.slice(0, -1) : source;
  const nameMatch = /^[A-Za-z_][\w:.-]*/.exec(body);
  if (!nameMatch) throw invalid(`a malformed tag on line ${line}.`);
  const name = nameMatch[0];
  const attributes = new Map<string, string>();
  const rest = body.slice(name.length);
  let leftover = '';
  let last = 0;
  for (const match of rest.matchAll(ATTRIBUTE)) {
    leftover += rest.slice(last, match.index);
    last = match.index + match[0].length;
    const key = match[1] ?? '';
    if (attributes.has(key)) throw invalid(`attribute ${key} repeated in <${name}> on line ${line}.`);
    attributes.set(key, decodeXml(match[2] ?? match[3] ?? '', `<${name}> on line ${line}`));
  }
  leftover += rest.slice(last);
  if (leftover.trim() !== '' || (rest !== '' && !/^\s/.test(rest))) {
    throw invalid(`a malformed <${name}> tag on line ${line}.`);
  }
  return { name, attributes, selfClosing };
}

/**
 * Checks a .csl file a user adds (untrusted): size, no DOCTYPE or entity declarations, well-formed XML with
 * a <style> root in the CSL namespace, class in-text or note, an <info> with <title> and <id>, a
 * <citation>; then that citeproc can build an engine from it and format an item. Throws
 * DossierError('invalid_input') saying what is wrong.
 */
export function parseStyle(xml: string): StyleInfo {
  const info = scanStyle(xml);
  const sink: string[] = [];
  const sample: CslItem = {
    id: 'sample',
    type: 'article-newspaper',
    title: 'Sample',
    'container-title': 'Sample',
    author: [{ family: 'Sample', given: 'A.' }],
    issued: { 'date-parts': [[2024, 1, 1]] },
  };
  try {
    withCiteproc(sink, () => {
      const engine = makeEngine(xml, 'en-US', false, (id) => (id === sample.id ? sample : undefined));
      engine.setOutputFormat('text');
      engine.updateItems([sample.id]);
      engine.makeCitationCluster([{ id: sample.id }]);
      if (info.hasBibliography) engine.makeBibliography();
    });
  } catch (error) {
    throw invalid(`citeproc cannot use it: ${error instanceof Error ? error.message : String(error)}`);
  }
  return info;
}

function scanStyle(xml: unknown): StyleInfo {
  if (typeof xml !== 'string') throw invalid('the file is not text.');
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > MAX_STYLE_BYTES) {
    throw invalid(`the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a style may be at most 2 MB.`);
  }
  const text = xml.replace(/^\uFEFF/, '');
  if (/<!DOCTYPE/i.test(text)) throw invalid('it contains a DOCTYPE declaration, which styles may not have.');
  if (/<!ENTITY/i.test(text)) throw invalid('it contains an ENTITY declaration, which styles may not have.');
  if (!text.trimStart().startsWith('<')) throw invalid('the file is not XML.');

  const stack: string[] = [];
  let root: StartTag | null = null;
  let rootClosed = false;
  let title: string | null = null;
  let id: string | null = null;
  let hasCitation = false;
  let hasBibliography = false;
  let capture: 'title' | 'id' | null = null;
  let captured = '';
  let position = 0;
  // Line numbers for messages, by binary search over where lines start (a style may be one long line).
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (index: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };

  while (position < text.length) {
    const open = text.indexOf('<', position);
    const chunk = text.slice(position, open === -1 ? text.length : open);
    if (chunk.trim() !== '') {
      if (stack.length === 0) throw invalid(`text outside the root element on line ${lineAt(position)}.`);
      decodeXml(chunk, `the text on line ${lineAt(position)}`);
    }
    if (capture) captured += chunk;
    if (open === -1) break;
    const line = lineAt(open);

    if (text.startsWith('<!--', open)) {
      const end = text.indexOf('-->', open + 4);
      if (end === -1) throw invalid(`a comment opened on line ${line} is never closed.`);
      position = end + 3;
      continue;
    }
    if (text.startsWith('<?', open)) {
      const end = text.indexOf('?>', open + 2);
      if (end === -1) throw invalid(`a processing instruction on line ${line} is never closed.`);
      position = end + 2;
      continue;
    }
    if (text.startsWith('<![CDATA[', open)) {
      const end = text.indexOf(']]>', open + 9);
      if (end === -1) throw invalid(`a CDATA section on line ${line} is never closed.`);
      if (stack.length === 0) throw invalid(`text outside the root element on line ${line}.`);
      if (capture)
        captured += text
          .slice(open + 9, end)
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;');
      position = end + 3;
      continue;
    }
    if (text.startsWith('<!', open))
      throw invalid(`a declaration (<!…>) on line ${line}, which styles may not have.`);

    // A tag: find its end outside quoted attribute values.
    let end = open + 1;
    let quote = '';
    for (; end < text.length; end++) {
      const c = text[end];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '<') throw invalid(`a tag on line ${line} is not closed before the next one.`);
      else if (c === '>') break;
    }
    if (end >= text.length) throw invalid(`a tag on line ${line} is never closed.`);
    const source = text.slice(open + 1, end);
    position = end + 1;

    if (source.startsWith('/')) {
      const name = source.slice(1).trim();
      const expected = stack.pop();
      if (expected === undefined)
        throw invalid(`a closing </${name}> without an opening tag on line ${line}.`);
      if (expected !== name) throw invalid(`<${expected}> is closed by </${name}> on line ${line}.`);
      if (capture && stack.length === 2) {
        const value = decodeXml(captured, `<${capture}>`).trim();
        if (capture === 'title') title = value;
        else id = value;
        capture = null;
      }
      if (stack.length === 0) rootClosed = true;
      continue;
    }

    const tag = parseStartTag(source, line);
    if (rootClosed) throw invalid(`a second root element <${tag.name}> on line ${line}.`);
    if (!root) {
      root = tag;
      if (tag.name !== 'style') {
        throw invalid(`the root element is <${tag.name}>, not <style>.`);
      }
      const namespace = tag.attributes.get('xmlns');
      if (namespace !== CSL_NAMESPACE) {
        throw invalid(
          namespace === undefined
            ? `<style> has no namespace; it must be xmlns="${CSL_NAMESPACE}".`
            : `<style> is in namespace "${namespace}", not "${CSL_NAMESPACE}".`,
        );
      }
      const styleClass = tag.attributes.get('class');
      if (styleClass === undefined) throw invalid('<style> has no class attribute (in-text or note).');
      if (styleClass !== 'in-text' && styleClass !== 'note') {
        throw invalid(`<style> has class "${styleClass}"; it must be in-text or note.`);
      }
    } else if (stack.length === 1) {
      if (tag.name === 'citation') hasCitation = true;
      if (tag.name === 'bibliography') hasBibliography = true;
    } else if (stack.length === 2 && stack[1] === 'info' && (tag.name === 'title' || tag.name === 'id')) {
      if ((tag.name === 'title' ? title : id) === null && !tag.selfClosing) {
        capture = tag.name;
        captured = '';
      } else if (tag.selfClosing) {
        if (tag.name === 'title') title ??= '';
        else id ??= '';
      }
    } else if (capture) {
      throw invalid(`<${capture}> in <info> contains markup (<${tag.name}>) on line ${line}.`);
    }
    if (!tag.selfClosing) {
      stack.push(tag.name);
      if (stack.length > MAX_DEPTH) throw invalid(`elements are nested more than ${MAX_DEPTH} deep.`);
    } else if (stack.length === 0) {
      rootClosed = true;
    }
  }

  if (!root) throw invalid('the file is not XML (no element found).');
  if (stack.length > 0) throw invalid(`<${stack[stack.length - 1]}> is never closed.`);
  if (title === null) throw invalid('<info> has no <title>.');
  if (title === '') throw invalid('the <title> in <info> is empty.');
  if (id === null) throw invalid('<info> has no <id>.');
  if (id === '') throw invalid('the <id> in <info> is empty.');
  if (!hasCitation) throw invalid('it has no <citation> element.');
  return {
    id,
    title,
    class: root.attributes.get('class') as StyleClass,
    defaultLocale: root.attributes.get('default-locale') ?? null,
    hasBibliography,
  };
}

// ---------------------------------------------------------------------------------------------------
// Formatting

/**
 * An engine for one style, locale and set of items. Build it once per export: it registers every item
 * (updateItems once), so that sorting and disambiguation see them all.
 */
export function createCiter(options: CiterOptions): Citer {
  return buildCiter(options);
}

/** One entry of a share of a bibliography (see formatShare). */
export interface ShareEntry {
  id: string;
  /** The entry, trimmed, as Citer.bibliography gives it. */
  text: string;
  /** citeproc's bibliography sort keys for the item, to merge shares in the style's order. */
  sortKeys: (string | null)[];
}

/**
 * A bibliography of some of the items, with what it takes to check that the other shares could not have
 * changed it and to merge it with them (electron/citations/partition.ts).
 */
export interface ShareResult {
  /** In the style's order. */
  entries: ShareEntry[];
  /** The items' citations before disambiguation: citeproc disambiguates among items with the same one. */
  ambiguityKeys: string[];
  /** The names citeproc's name register counts across items (for "add given name" disambiguation). */
  nameKeys: string[];
  /** [result if a < b, result if a > b] per sort key: citeproc's own ascending/descending table. */
  sortDirections: [number, number][];
  /** The locale citeproc sorts in. */
  sortLocale: string;
  warnings: string[];
}

/** The bibliography of `options.items` with citeproc's internals needed to merge it with other shares. */
export function formatShare(options: CiterOptions, format: CitationFormat): ShareResult {
  return buildCiter(options).share(format);
}

/**
 * The comparison citeproc sorts a bibliography with (CSL.Registry.Comparifier): key by key, a missing key
 * after a present one, then the order the items were given in (`seq`).
 */
export function compareShareEntries(
  sortDirections: readonly (readonly [number, number])[],
  sortLocale: string,
): (a: { sortKeys: readonly (string | null)[]; seq: number }, b: typeof a) => number {
  // citeproc lower-cases in the languages of the item being rendered; between renders that list is empty.
  const compare = CSL.getSortCompare.call({ tmp: { lang_array: [] } }, sortLocale);
  return (a, b) => {
    for (let i = 0; i < a.sortKeys.length; i++) {
      const x = a.sortKeys[i] ?? undefined;
      const y = b.sortKeys[i] ?? undefined;
      const [ascending, descending] = sortDirections[i]!;
      let cmp: number;
      if (x === y) cmp = 0;
      else if (x === undefined) cmp = descending;
      else if (y === undefined) cmp = ascending;
      else cmp = compare(x, y);
      if (cmp > 0) return descending;
      if (cmp < 0) return ascending;
    }
    return a.seq - b.seq;
  };
}

function buildCiter(options: CiterOptions): Citer & { share(format: CitationFormat): ShareResult } {
  const info = scanStyle(options.style);
  const items = new Map<string, CslItem>();
  for (const item of options.items) {
    if (typeof item?.id !== 'string' || item.id === '') {
      throw new DossierError('invalid_input', 'A reference has no id.');
    }
    if (items.has(item.id))
      throw new DossierError('invalid_input', `Two references have the id "${item.id}".`);
    // A copy: citeproc keeps (and annotates) what it is given.
    items.set(item.id, structuredClone(item));
  }
  const explicit = options.locale !== undefined && options.locale !== '';
  const locale = resolveLocale(explicit ? options.locale : (info.defaultLocale ?? 'en-US'));
  const warnings: string[] = [];
  const allIds = [...items.keys()];

  const citer = {};
  const slot = withCiteproc(warnings, () => {
    try {
      return cachedEngine(options.style, locale, explicit);
    } catch (error) {
      if (error instanceof DossierError) throw error;
      throw invalid(`citeproc cannot use it: ${citeprocMessage(error)}`);
    }
  });
  const engine = slot.engine;
  let registered: string[] = [];

  /** Registers these items, after this citer's own items (an engine is shared) were read afresh. */
  function register(ids: string[]): void {
    if (slot.owner !== citer) {
      // Another citer's items, or older versions of these: citeproc keeps what it read until purged.
      engine.updateItems([]);
      slot.items = items;
      slot.owner = citer;
      registered = [];
    }
    if (ids.length === registered.length && ids.every((id, i) => id === registered[i])) return;
    engine.updateItems(ids);
    registered = ids;
  }
  withCiteproc(warnings, () => register(allIds));

  function known(ids: readonly string[]): void {
    const unknown = ids.filter((id) => !items.has(id));
    if (unknown.length > 0) {
      throw new DossierError(
        'not_found',
        `No reference with id ${unknown.map((id) => `"${id}"`).join(', ')}.`,
      );
    }
  }

  return {
    styleClass: info.class,
    locale,
    warnings,
    bibliography(format, ids) {
      checkFormat(format);
      const wanted = ids === undefined ? allIds : [...new Set(ids)];
      known(wanted);
      if (!info.hasBibliography || wanted.length === 0) return [];
      return withCiteproc(warnings, () => {
        // Only the listed items take part, so "2024a" is not printed without a "2024b".
        register(wanted);
        engine.setOutputFormat(format);
        const result = engine.makeBibliography();
        if (result === false) return [];
        return result[1].map((entry) => entry.trim());
      });
    },
    share(format) {
      checkFormat(format);
      return withCiteproc(warnings, () => {
        register(allIds);
        engine.setOutputFormat(format);
        const result = info.hasBibliography && allIds.length > 0 ? engine.makeBibliography() : false;
        const { registry, namereg } = engine.registry;
        const entries: ShareEntry[] = [];
        if (result !== false) {
          result[1].forEach((text, i) => {
            const id = result[0].entry_ids[i]![0]!;
            const keys = registry[id]?.sortkeys;
            entries.push({
              id,
              text: text.trim(),
              sortKeys: keys ? keys.map((key) => (key === undefined ? null : key)) : [],
            });
          });
        }
        const ambiguityKeys = new Set<string>();
        const nameKeys = new Set<string>();
        for (const id of allIds) {
          const ambig = registry[id]?.ambig;
          if (typeof ambig === 'string') ambiguityKeys.add(ambig);
          for (const key of Object.keys(namereg.nameindpkeys[id] ?? {})) nameKeys.add(key);
        }
        return {
          entries,
          ambiguityKeys: [...ambiguityKeys],
          nameKeys: [...nameKeys],
          sortDirections: engine.bibliography_sort.opt.sort_directions.map(([a, d]) => [a, d]),
          sortLocale: engine.opt['default-locale-sort'],
          warnings: [...warnings],
        };
      });
    },
    cite(cites, format) {
      checkFormat(format);
      if (cites.length === 0)
        throw new DossierError('invalid_input', 'A citation needs at least one reference.');
      known(cites.map((cite) => cite.id));
      return withCiteproc(warnings, () => {
        // Disambiguation ("Müller, 2024a") counts every item of the citer.
        register(allIds);
        engine.setOutputFormat(format);
        const cluster = cites.map((cite) => ({
          id: cite.id,
          ...(cite.locator ? { locator: cite.locator, label: cite.label ?? 'page' } : {}),
        }));
        return engine.makeCitationCluster(cluster).trim();
      });
    },
  };
}

function checkFormat(format: string): asserts format is CitationFormat {
  if (format !== 'html' && format !== 'text' && format !== 'rtf') {
    throw new DossierError('invalid_input', `Unknown citation format "${format}" (html, text or rtf).`);
  }
}
