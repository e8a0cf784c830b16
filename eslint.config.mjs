// Lint: type-aware rules stay off to keep `npm test` quick; the one rule that matters
// architecturally is that the engine imports neither VS Code nor LSP packages.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.vscode-test/**', 'bench/.work/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-*', 'vscode-languageserver*', 'vscode-languageclient*'], message: 'The engine is pure: no VS Code or LSP imports. Put adapters in server/src or client/src.' },
          { group: ['node:fs', 'fs', 'node:http', 'http', 'node:https', 'https', 'node:net', 'net', 'node:child_process', 'child_process'], message: 'The engine does no I/O: pass data in from an adapter.' },
        ],
      }],
    },
  },
);
