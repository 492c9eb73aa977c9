// Set-up file of the e2e projects: tags each test with the browsers it used, for the run's summary.

import { afterEach, beforeEach } from 'vitest';
import { browsersUsedByCurrentTest, startCountingBrowserUse } from '../harness/browser-use';

declare module 'vitest' {
  interface TaskMeta {
    /** The browsers the test used (tests/harness/browser-use.ts). */
    browsers?: string[];
  }
}

beforeEach(() => startCountingBrowserUse());
afterEach(({ task }) => {
  task.meta.browsers = browsersUsedByCurrentTest();
});
