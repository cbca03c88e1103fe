// Lint keeps the process boundaries of design.md: the renderer never reaches Node or the main side, shared
// code belongs to neither side, and only the three shell files touch Electron. It also keeps the renderer
// free of the ways text becomes markup or code (innerHTML, dangerouslySetInnerHTML, eval, …): it draws
// documents as React elements (design.md §4), so a hostile document has nothing to run.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronShellFiles = ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts'];
const noElectron = {
  name: 'electron',
  message: 'Only electron/main.ts, preload.ts and ipc.ts may import electron.',
};

/** `import X from 'node:fs'`, and the same by folder (`../electron`, `../../renderer/api`). */
function boundaryRule(builtinMessage, folders) {
  return [
    'error',
    {
      paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: builtinMessage }))],
      patterns: folders.map(({ folder, message }) => ({
        regex: `^(\\.{1,2}/)+(.*/)?${folder}(/|$)`,
        message,
      })),
    },
  ];
}

/** import('node:fs') gets round no-restricted-imports; this closes that door in browser-side code. */
const builtinNames = builtinModules.filter((m) => !m.includes('/') && !m.startsWith('_')).join('|');
const noDynamicNodeImports = [
  'error',
  {
    selector: `ImportExpression > Literal[value=/^(node\\x3a.*|(${builtinNames})(\\W.*)?)$/]`,
    message: 'Browser-side code cannot load Node built-ins.',
  },
];

/** Sinks that turn a string into markup or code, beyond eslint-plugin-no-unsanitized's and core ESLint's. */
const noMarkupSinks = [
  {
    selector:
      ":matches(JSXIdentifier, Identifier)[name='dangerouslySetInnerHTML'], Literal[value='dangerouslySetInnerHTML']",
    message: 'No dangerouslySetInnerHTML: draw the content as React elements (design.md §4).',
  },
  {
    selector: 'JSXAttribute[name.name=/^srcdoc$/i]',
    message: 'No srcdoc: a frame of markup made from a string is markup injection.',
  },
  {
    selector: "CallExpression[callee.property.name='setAttribute'][arguments.0.value=/^(srcdoc|on.*)$/i]",
    message: 'No srcdoc or event-handler attributes set from strings: they run or render the string.',
  },
  {
    selector: "CallExpression[callee.property.name='execCommand'][arguments.0.value=/^insertHTML$/i]",
    message: "No execCommand('insertHTML'): it parses its argument as markup.",
  },
];

/** No escaping helper may vouch for a string: the renderer has no markup to build. srcdoc is a sink too. */
const noUnsanitizedOptions = { escape: { taggedTemplates: [], methods: [] } };

const toMainSide = 'The renderer talks to the main side only through the contract (renderer/api.ts).';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'release',
      '.tools',
      '.ci',
      'test-results',
      'playwright-report',
      '.tmp-*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: electronShellFiles,
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'no-unsanitized': noUnsanitized },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': boundaryRule('The renderer runs in a browser: no Node built-ins.', [
        { folder: 'electron', message: toMainSide },
      ]),
      'no-restricted-syntax': [...noDynamicNodeImports, ...noMarkupSinks],
      'no-unsanitized/property': ['error', noUnsanitizedOptions, { srcdoc: {} }],
      'no-unsanitized/method': ['error', noUnsanitizedOptions],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': boundaryRule('shared/ runs on both sides: no Node built-ins.', [
        { folder: 'electron', message: 'shared/ must not import the main side.' },
        { folder: 'renderer', message: 'shared/ must not import the renderer.' },
      ]),
      'no-restricted-syntax': noDynamicNodeImports,
    },
  },
);
