// ESLint looks for mistakes (`npm run lint:code`); Prettier owns the layout (prettier.config.js). The recommended sets
// of ESLint and typescript-eslint hold no layout rules, so nothing here fights Prettier. The type-aware sets are left
// out: they take three to four times as long on this code, and nearly all they add is no-unsafe-* on values read
// from JSON and YAML, which are `unknown` or `any` on purpose until validated.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'dist/',
    'editors/vscode/dist/',
    'fixtures/',
    'test/import-fixtures/',
    'bench/.inputs/',
    'test-output/',
    // Written by `npm run generate` (src/generate/generate.ts): a mistake there is fixed in the generator.
    'src/types/export.d.ts',
    'src/model/reference-table.ts',
    'src/model/model-types.ts',
    'src/model/model-fields.ts',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Escaping and stripping control characters is what these regular expressions are for (the reporters, the YAML
      // writer, the tests of hostile input); the rule cannot tell them from a slip.
      'no-control-regex': 'off',
      // Literal spaces in a pattern match YAML indentation as it is written; {2} would say the same less plainly.
      'no-regex-spaces': 'off',
      // `catch {}` is how the code says "absent or unreadable is the same as empty"; an empty block elsewhere is kept.
      'no-empty': ['error', { allowEmptyCatch: true }],
      // A leading underscore marks a parameter or binding that is unused on purpose, as tsc's noUnused* read it.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `a ? x++ : y++` as a statement is deliberate; an expression whose value is dropped is still an error.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true }],
    },
  },
  {
    // CommonJS by name, and bin/cmlint.js, which bin/package.json makes CommonJS for a faster start.
    files: ['**/*.cjs', 'bin/cmlint.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The bundle is CommonJS and has no dynamic import(): these modules call require() when it exists, on purpose.
    files: ['src/project/lint-pool.ts', 'src/validate/schemas.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests poke at parsed JSON, SARIF and mocks of any shape; `any` there is no hole in the product's types.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Functions passed to Playwright's page.evaluate run in the browser.
    files: ['bench/run.mjs'],
    languageOptions: { globals: { requestAnimationFrame: 'readonly' } },
  },
);
