// ESLint flat config. The determinism rule is the one that matters most: model/ and sim/ must not
// reach for real time or ambient randomness, or the same seed stops giving the same trace.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nondeterminism = [
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Math.random is banned: take randomness from the seeded Rng passed in.' },
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Date.now is banned: read the simulated clock.' },
  { selector: "NewExpression[callee.name='Date']", message: 'new Date is banned: read the simulated clock.' },
  { selector: "MemberExpression[object.name='performance'][property.name='now']", message: 'performance.now is banned: read the simulated clock.' },
  { selector: "CallExpression[callee.name='setTimeout']", message: 'setTimeout is banned: schedule on the simulator event queue.' },
  { selector: "CallExpression[callee.name='setInterval']", message: 'setInterval is banned: schedule on the simulator event queue.' },
  { selector: "CallExpression[callee.name='setImmediate']", message: 'setImmediate is banned: schedule on the simulator event queue.' },
  { selector: "MemberExpression[object.name='crypto'][property.name=/^random/]", message: 'crypto randomness is banned: take randomness from the seeded Rng.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'out/**', '.txsim/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['model/**/*.ts', 'sim/**/*.ts', 'designs/**/*.ts', 'report/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...nondeterminism] },
  },
  {
    // House style: no function over 70 lines (blank lines and comments not counted) where the harness lives.
    files: ['model/**/*.ts', 'sim/**/*.ts', 'properties/**/*.ts', 'cli/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 70, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
);
