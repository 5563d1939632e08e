// Flat ESLint config. Each top-level folder is one runtime; the import rules below keep it so
// (renderer: DOM only, shared: neither DOM nor Node, server: Node only).
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'url']

const serverIsNodeOnly = {
  group: ['electron', 'react', 'react-dom', '**/renderer/**', '**/electron/**'],
  message: 'server/ is Node only.',
}

/**
 * Import paths that reach the folder server/<name> from a file elsewhere under server/: relatively
 * (`../name/…`, `../../name/…`, … from any depth) or through the repository root (`…/server/name/…`).
 * Only a folder directly under server/ matches, so shared/api/klantinteracties.ts and
 * shared/gateway/api.ts stay allowed.
 */
function serverFolder(name) {
  const ups = [1, 2, 3, 4, 5, 6].map((depth) => '../'.repeat(depth))
  return [
    `**/server/${name}`,
    `**/server/${name}/**`,
    ...ups.flatMap((up) => [`${up}${name}`, `${up}${name}/**`]),
  ]
}

// The gateway and our Klantinteracties provider are two servers, even when server/compose/ runs them
// in one process: the gateway must run against Open Klant with our provider absent (switched off in
// the configuration), and the provider must stand alone as a register. They talk over HTTP only;
// what both use lives in server/lib/ or shared/. server/compose/ (the composition root), test/ and
// bench/ may import both.
const gatewayApart = {
  group: serverFolder('klantinteracties'),
  message:
    'The gateway must run against Open Klant with our provider absent: no imports from server/klantinteracties (shared code goes to server/lib/ or shared/).',
}
const providerApart = {
  group: serverFolder('gateway'),
  message:
    'The provider is a register of its own: no imports from server/gateway (shared code goes to server/lib/ or shared/).',
}
const libApart = {
  group: [...serverFolder('gateway'), ...serverFolder('klantinteracties')],
  message: 'server/lib/ is what the gateway and the provider both use: it imports neither.',
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'data/',
      'shared/api/*.generated.ts',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'Do not commit focused tests.' },
        { object: 'describe', property: 'only', message: 'Do not commit focused tests.' },
        { object: 'test', property: 'only', message: 'Do not commit focused tests.' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node built-ins.' },
            {
              group: ['electron', 'react', 'react-dom', '**/renderer/**', '**/server/**', '**/electron/**'],
              message: 'shared/ imports no runtime.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'renderer/ runs in the browser: no Node built-ins.' },
            {
              group: ['electron', '**/electron/**', '**/server/**'],
              message: 'renderer/ talks to main only through the preload bridge.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['caller/src/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'caller/ runs in the browser: no Node built-ins.' },
            {
              group: ['electron', 'react', 'react-dom', '**/renderer/**', '**/server/**', '**/electron/**'],
              message: 'caller/ is a page of its own: sip.js and the DOM only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', '**/server/**', 'react', 'react-dom'],
              message: 'electron/ is the shell: no renderer or server code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts', 'scripts/**/*.{ts,js,mjs}', 'bench/**/*.ts', 'deploy/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', { patterns: [serverIsNodeOnly] }],
    },
  },
  // A later block's no-restricted-imports replaces the one above for its files, so each repeats
  // serverIsNodeOnly.
  {
    files: ['server/gateway/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [serverIsNodeOnly, gatewayApart] }],
    },
  },
  {
    files: ['server/klantinteracties/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [serverIsNodeOnly, providerApart] }],
    },
  },
  {
    files: ['server/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [serverIsNodeOnly, libApart] }],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', '*.config.{ts,js}', 'caller/vite.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
)
