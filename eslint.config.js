// Lint keeps the process boundaries of docs/architecture (design.md): the renderer never reaches Node or
// the main side, shared code belongs to neither side, and only the three shell files touch Electron.
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

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'release', '.tools', 'test-results', 'playwright-report'] },
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
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noElectron,
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'The renderer runs in a browser: no Node built-ins.',
            })),
          ],
          patterns: [
            {
              group: ['**/electron/**', '../electron/*'],
              message: 'The renderer talks to the main side only through the contract (renderer/api.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noElectron,
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'shared/ runs on both sides: no Node built-ins.',
            })),
          ],
          patterns: [
            { group: ['**/electron/**', '../electron/*'], message: 'shared/ must not import the main side.' },
            { group: ['**/renderer/**', '../renderer/*'], message: 'shared/ must not import the renderer.' },
          ],
        },
      ],
    },
  },
);
