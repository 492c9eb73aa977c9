import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright';
import { expect } from 'vitest';

/** axe-core, run inside the popup page (Chromium, Playwright): its rules in light and in dark mode. */

const axeSource = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');

type AxeViolation = { id: string; impact: string | null; help: string; nodes: string[] };

/** axe-core on the whole popup document. Evaluated, not injected as a tag: extension pages allow only their own scripts. */
async function axeViolations(page: Page): Promise<{ violations: AxeViolation[]; passed: number }> {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(await readFile(axeSource, 'utf8'));
  return page.evaluate(async () => {
    type AxeResult = {
      violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
      passes: unknown[];
    };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return {
      passed: result.passes.length,
      violations: result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => node.target.join(' ')),
      })),
    };
  });
}

export async function expectAccessibleInBothSchemes(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // The scheme really switched: a missing dark palette would otherwise pass as "light, twice".
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
    const { violations, passed } = await axeViolations(page);
    expect(violations, `axe, ${colorScheme}`).toEqual([]);
    // axe really ran its rules (colour contrast among them) on a rendered popup.
    expect(passed).toBeGreaterThan(10);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
