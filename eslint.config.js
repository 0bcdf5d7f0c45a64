// ESLint over the code, its tests, the build and bench scripts and the preview page (npm run lint).
// TypeScript is linted with type information (typescript-eslint's recommendedTypeChecked) against
// tsconfig.json, which holds src/ and test/; plain JavaScript gets ESLint's recommended set.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Destructuring a key out to drop it (`const { message: _m, ...rest } = w`) is how we omit keys.
const unusedVars = ['error', { ignoreRestSiblings: true, varsIgnorePattern: '^_', argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }];

export default defineConfig([
  globalIgnores(['dist/', 'output/', '**/.briefing-cache/', 'test/fixtures/']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    rules: {
      'no-unused-vars': unusedVars,
      // Chinese text is set with U+3000 (全角空格) on purpose; it is still flagged in code itself.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipComments: true, skipTemplates: true, skipRegExps: true }],
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    rules: {
      '@typescript-eslint/no-unused-vars': unusedVars,
      // String(value) is how messages quote the user's data and PDF values as they are; the rule
      // cannot tell a value of unknown type from an object, and would have every call site cast.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read the JSON the CLI wrote (JSON.parse: any) and check its shape with expect, whose
      // asymmetric matchers (expect.any, expect.closeTo) are typed any as well.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['web/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
]);
