/** Where `npm run bench` writes its results (artifacts/ is git-ignored) and readme-table.ts reads them. */
export const resultsPath = 'artifacts/bench/results.json';
/** The run the README's performance section claims, kept in the repository. */
export const benchResultsFile = 'docs/results/bench.json';
