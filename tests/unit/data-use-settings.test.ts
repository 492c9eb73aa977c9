import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { otherSettingRules } from '../../src/shared/rules/setting-rules';
import { DATA_USE_SETTINGS } from '../simulator/site-map';

/**
 * docs/linkedin.md §8 is the one record of the other data-use settings. The simulator is written from it and
 * the extension's rules must match it: a wrong address, key or name in either is caught here, not served by
 * the simulator to the extension that made the same mistake.
 */

type DocumentedSetting = { englishLabel: string; path: string; key: string; category: string };

function documentedSettings(): DocumentedSetting[] {
  const docs = readFileSync(resolve(import.meta.dirname, '../../docs/linkedin.md'), 'utf8');
  const section = docs.slice(docs.indexOf('## 8. '), docs.indexOf('\n## ', docs.indexOf('## 8. ') + 1));
  const cells = (row: string) => row.split('|').slice(1, -1).map((cell) => cell.trim());
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && /`/.test(line))
    .map((row) => {
      const [englishLabel = '', path = '', key = '', category = ''] = cells(row);
      return {
        englishLabel,
        path: `/mypreferences/d/${path.replaceAll('`', '')}`,
        key: key.replaceAll('`', ''),
        category: category.replace(/[^a-z]/g, ''),
      };
    });
}

describe('the other data-use settings, from docs/linkedin.md §8', () => {
  const documented = documentedSettings();

  it('the section lists ten settings', () => {
    expect(documented).toHaveLength(10);
  });

  it('the simulator serves exactly the documented settings', () => {
    expect(DATA_USE_SETTINGS).toEqual(documented);
  });

  it("the extension's rules name each documented setting by its address, key, English name and category", () => {
    expect(
      otherSettingRules.map((rule) => ({
        englishLabel: rule.labels.en?.toggle?.[0],
        path: rule.settingPath,
        key: rule.labelKey,
        category: rule.walk.categoryPath.split('/').at(-1),
      })),
    ).toEqual(documented);
    expect(otherSettingRules.map((rule) => rule.id)).toEqual(documented.map((setting) => setting.key));
  });
});
