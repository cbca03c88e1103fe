// The renderer never turns a string into markup or code (design.md §4). ESLint enforces it in `npm run lint`;
// this proves each rule still bites, so none can quietly disappear from eslint.config.js.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

const PRELUDE = [
  'declare const el: HTMLElement;',
  'declare const frame: HTMLIFrameElement;',
  'declare const range: Range;',
  'declare const html: string;',
  'declare function createElement(type: string, props: object): unknown;',
  'declare function escapeHTML(strings: TemplateStringsArray, ...values: unknown[]): string;',
].join('\n');

/** The rules that report a snippet placed in a renderer file (only those guarding sinks). */
async function sinkRulesFor(snippet: string, filePath = 'renderer/features/x.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(`${PRELUDE}\n${snippet}\n`, { filePath });
  const fatal = result?.messages.filter((m) => m.fatal) ?? [];
  if (fatal.length > 0) throw new Error(`The snippet does not parse: ${fatal[0]?.message}`);
  return (result?.messages ?? [])
    .map((m) => m.ruleId ?? '')
    .filter((rule) => rule.startsWith('no-unsanitized/') || SINK_RULES.includes(rule));
}

const SINK_RULES = ['no-restricted-syntax', 'no-eval', 'no-implied-eval', 'no-new-func', 'no-script-url'];

describe('the renderer may not turn strings into markup or code', () => {
  it.each([
    [
      'dangerouslySetInnerHTML in JSX',
      'export const a = <div dangerouslySetInnerHTML={{ __html: html }} />;',
      'no-restricted-syntax',
    ],
    [
      'dangerouslySetInnerHTML in props',
      "createElement('div', { dangerouslySetInnerHTML: { __html: html } });",
      'no-restricted-syntax',
    ],
    [
      'dangerouslySetInnerHTML as a quoted key',
      "createElement('div', { ['dangerouslySetInnerHTML']: { __html: html } });",
      'no-restricted-syntax',
    ],
    ['innerHTML =', 'el.innerHTML = html;', 'no-unsanitized/property'],
    ['innerHTML +=', 'el.innerHTML += html;', 'no-unsanitized/property'],
    [
      'innerHTML with an "escaping" template tag',
      'el.innerHTML = escapeHTML`<b>${html}</b>`;',
      'no-unsanitized/property',
    ],
    ['outerHTML =', 'el.outerHTML = html;', 'no-unsanitized/property'],
    ['srcdoc =', 'frame.srcdoc = html;', 'no-unsanitized/property'],
    ['srcDoc in JSX', 'export const a = <iframe srcDoc={html} />;', 'no-restricted-syntax'],
    ["setAttribute('srcdoc')", "frame.setAttribute('srcdoc', html);", 'no-restricted-syntax'],
    ["setAttribute('onclick')", "el.setAttribute('onclick', html);", 'no-restricted-syntax'],
    ['insertAdjacentHTML', "el.insertAdjacentHTML('beforeend', html);", 'no-unsanitized/method'],
    ['document.write', 'document.write(html);', 'no-unsanitized/method'],
    ['document.writeln', 'document.writeln(html);', 'no-unsanitized/method'],
    ['createContextualFragment', 'range.createContextualFragment(html);', 'no-unsanitized/method'],
    [
      'setHTMLUnsafe',
      '(el as unknown as { setHTMLUnsafe(h: string): void }).setHTMLUnsafe(html);',
      'no-unsanitized/method',
    ],
    ["execCommand('insertHTML')", "document.execCommand('insertHTML', false, html);", 'no-restricted-syntax'],
    ['eval', 'eval(html);', 'no-eval'],
    ['window.eval', 'window.eval(html);', 'no-eval'],
    ['new Function', 'new Function(html)();', 'no-new-func'],
    ['Function()', 'Function(html)();', 'no-new-func'],
    ['setTimeout with a string', "setTimeout('alert(1)', 10);", 'no-implied-eval'],
    ['setInterval with a template', 'setInterval(`${html}`, 10);', 'no-implied-eval'],
    ['a javascript: URL', "location.href = 'javascript:alert(1)';", 'no-script-url'],
  ])('reports %s', async (_name, snippet, rule) => {
    expect(await sinkRulesFor(snippet)).toContain(rule);
  });

  it('reports sinks in plain .ts files of the renderer too', async () => {
    expect(await sinkRulesFor('el.innerHTML = html;', 'renderer/store/x.ts')).toEqual([
      'no-unsanitized/property',
    ]);
  });

  it('lets text through as text', async () => {
    for (const snippet of [
      'el.textContent = html;',
      'export const a = <p title={html}>{html}</p>;',
      "el.setAttribute('aria-label', html);",
      'setTimeout(() => el.focus(), 10);',
      "el.innerHTML = '';",
    ]) {
      expect(await sinkRulesFor(snippet), snippet).toEqual([]);
    }
  });
});
