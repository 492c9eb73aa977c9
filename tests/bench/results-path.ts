/** Where `npm run bench` writes its results (artifacts/ is git-ignored) and readme-table.ts reads them. */
export const resultsPath = 'artifacts/bench/results.json';
