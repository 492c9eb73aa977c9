import { describe, expect, it } from 'vitest';
import { issueText } from '../../src/background/issue-text';
import { BackgroundMessage } from '../../src/shared/messages/background-messages';
import { AccountIdentity } from '../../src/shared/log/outcome';
import { Preferences } from '../../src/shared/preferences/preferences';

/** zod/mini says only "Invalid input": repair notes and refusals still name what was wrong. */
function firstIssueText(schema: { safeParse(value: unknown): { success: boolean; error?: { issues: Parameters<typeof issueText>[0][] } } }, value: unknown): string {
  const parsed = schema.safeParse(value);
  expect(parsed.success).toBe(false);
  return issueText(parsed.error!.issues[0]!);
}

describe('issue text', () => {
  it('names the expected type, the bound crossed and the schema\'s own words', () => {
    expect(firstIssueText(Preferences.shape.notifyOnFlipBack, 'yes')).toBe('expected boolean');
    expect(firstIssueText(Preferences.shape.recheckIntervalHours, 721)).toBe('number above 720');
    expect(firstIssueText(Preferences.shape.recheckIntervalHours, 0)).toBe('number below 1');
    expect(firstIssueText(Preferences.shape.chosenSettings, ['nothing-like-a-rule'])).toBe('not one of the allowed values');
    expect(firstIssueText(AccountIdentity.shape.key, 'no spaces allowed')).toBe('a LinkedIn public identifier');
  });

  it('names keys a strict message does not define, shortened', () => {
    expect(firstIssueText(BackgroundMessage, { type: 'sign-in', extra: 1 })).toBe('unknown key "extra"');
    expect(firstIssueText(BackgroundMessage, { type: 'sign-in', ['x'.repeat(500)]: 1 }).length).toBeLessThanOrEqual(200);
  });
});
