// Lint keeps the process boundaries of design.md: the renderer never reaches Node or the main side, shared
// code belongs to neither side, and only the three shell files touch Electron.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
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
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': boundaryRule('The renderer runs in a browser: no Node built-ins.', [
        { folder: 'electron', message: toMainSide },
      ]),
      'no-restricted-syntax': noDynamicNodeImports,
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
