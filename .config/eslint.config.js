// Flat config kept in .config/ so the project's top level stays as the design card fixes it.
import tseslint from 'typescript-eslint';

/** Execution contexts never import each other (style.md §1); only src/shared/browser/polyfilled-browser.ts imports the polyfill (§4). */
function contextBoundary(context, others) {
  return {
    files: [`src/${context}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'webextension-polyfill', message: 'Import { browser } from src/shared/browser/polyfilled-browser.ts.' }],
          patterns: others.map((other) => ({ group: [`**/${other}/**`], message: `src/${context} must not import src/${other}.` })),
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'packages/**', 'artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  contextBoundary('background', ['content', 'popup']),
  contextBoundary('content', ['background', 'popup']),
  contextBoundary('popup', ['background', 'content']),
  {
    ...contextBoundary('shared', ['background', 'content', 'popup']),
    ignores: ['src/shared/browser/polyfilled-browser.ts'],
  },
);
