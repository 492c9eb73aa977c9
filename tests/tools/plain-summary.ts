import type { Reporter } from 'vitest/reporters';

/**
 * Ends every run with the plain "N passed, N failed" line that CI reads regardless of the runner. A file
 * that failed to import, or a suite whose hook (beforeAll, afterAll) threw, is a failure too, even though
 * none of its tests failed: each counts once, and so does every error outside any file.
 */
export const plainSummary: Reporter = {
  onTestRunEnd(testModules, unhandledErrors) {
    const results = testModules.flatMap((module) => [...module.children.allTests()].map((test) => test.result().state));
    const passed = results.filter((state) => state === 'passed').length;
    const failedTests = results.filter((state) => state === 'failed').length;
    const brokenFilesAndSuites = testModules
      .flatMap((module) => [module, ...module.children.allSuites()])
      .filter((part) => part.errors().length > 0).length;
    console.log(`\n${passed} passed, ${failedTests + brokenFilesAndSuites + unhandledErrors.length} failed`);
  },
};
