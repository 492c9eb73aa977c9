import { describe, expect, it } from 'vitest';
import { hasPolicy, ManagedPolicy, noPolicy, policyFields, policyRuleId, readManagedPolicy, withPolicy } from '../../src/shared/preferences/managed-policy';
import { defaultPreferences } from '../../src/shared/preferences/preferences';
import { otherRuleIds, ruleIds } from '../../src/shared/rules/setting-rules';
import { unreadable } from '../../src/shared/validation/checks';

const [research, sharing] = otherRuleIds;

describe('readManagedPolicy: what an organisation set', () => {
  it('reads no policy (Chrome answers {}, Firefox throws and the caller passes undefined) as nothing set', () => {
    for (const raw of [undefined, null, {}, [], 'policy', 42]) {
      const policy = readManagedPolicy(raw);
      expect(policy).toEqual(noPolicy);
      expect(hasPolicy(policy)).toBe(false);
    }
  });

  it('reads every value of a complete policy', () => {
    const policy = readManagedPolicy({
      chosenSettings: [research, sharing],
      keepItOff: true,
      recheckIntervalHours: 12,
      notifyOnFlipBack: false,
      optOutOnFirstVisit: true,
      organizationName: '  ACME Works Council ',
      helpUrl: 'https://intranet.example/linkedin-ai',
    });
    expect(policy).toEqual({
      preferences: { chosenSettings: [research, sharing], keepItOff: true, recheckIntervalHours: 12, notifyOnFlipBack: false },
      optOutOnFirstVisit: true,
      organizationName: 'ACME Works Council',
      helpUrl: 'https://intranet.example/linkedin-ai',
      ignored: [],
    });
    expect(hasPolicy(policy)).toBe(true);
  });

  it('ignores bad values one by one, says why for each, and keeps the rest', () => {
    const policy = readManagedPolicy({
      keepItOff: 'yes',
      recheckIntervalHours: 0,
      notifyOnFlipBack: true,
      helpUrl: 'http://intranet.example/help',
      organizationName: '   ',
      optOutOnFirstVisit: true,
      keepItOn: true,
    });
    expect(policy.preferences).toEqual({ notifyOnFlipBack: true });
    expect(policy.optOutOnFirstVisit).toBe(true);
    expect(policy.helpUrl).toBeNull();
    expect(policy.organizationName).toBeNull();
    expect(policy.ignored).toEqual([
      'keepItOff: expected true or false; ignored',
      'recheckIntervalHours: expected a whole number from 1 to 720; ignored',
      'helpUrl: expected an https:// address of at most 500 characters; ignored',
      'organizationName: expected text of 1 to 80 characters; ignored',
      'keepItOn: not a policy of this extension; ignored',
    ]);
  });

  it('never takes a help link that is not https, whatever it looks like', () => {
    for (const helpUrl of ['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd', 'chrome://settings', '//example.org', 'intranet/help', `https://example.org/${'a'.repeat(500)}`]) {
      expect(readManagedPolicy({ helpUrl }).helpUrl).toBeNull();
    }
  });

  it('drops only the unknown entries of the chosen settings, and the AI setting (always kept private) silently', () => {
    const policy = readManagedPolicy({ chosenSettings: [research, 'allowEverything', ruleIds[0], 7, research] });
    expect(policy.preferences.chosenSettings).toEqual([research]);
    expect(policy.ignored).toEqual([
      'chosenSettings[1]: "allowEverything" is not a rule id this version knows; ignored',
      'chosenSettings[3]: 7 is not a rule id this version knows; ignored',
    ]);
    expect(readManagedPolicy({ chosenSettings: research }).ignored).toEqual(['chosenSettings: expected a list of rule ids; ignored']);
  });

  it('an empty list is a choice too: none of the other settings', () => {
    expect(readManagedPolicy({ chosenSettings: [] }).preferences).toEqual({ chosenSettings: [] });
  });
});

describe('withPolicy: the organisation wins, the member\'s own choice comes back without it', () => {
  it('lays the policy over the member\'s preferences, field by field', () => {
    const own = { ...defaultPreferences, keepItOff: false, recheckIntervalHours: 168, chosenSettings: [sharing!] };
    const policy = readManagedPolicy({ keepItOff: true, chosenSettings: [research] });
    expect(withPolicy(own, policy)).toEqual({ ...own, keepItOff: true, chosenSettings: [research] });
    expect(withPolicy(own, noPolicy)).toEqual(own);
  });
});

describe('the checks agree with the ManagedPolicy schema', () => {
  const samples: unknown[] = [
    true, false, 0, 1, 12, 720, 721, -1, 1.5, Number.NaN, '', ' ', 'ACME', ' ACME ', 'x'.repeat(80), 'x'.repeat(81),
    'https://example.org/', 'http://example.org/', 'https://', 'ftp://example.org', null, undefined, [], {}, '12', 'true',
  ];

  it('accepts and refuses each single value exactly as zod does', () => {
    const shape = ManagedPolicy.def.shape;
    for (const [key, check] of Object.entries(policyFields)) {
      for (const sample of samples) {
        const parsed = shape[key as keyof typeof shape].safeParse(sample);
        const read = check.read(sample);
        expect([key, sample, read === unreadable ? 'refused' : read]).toEqual([key, sample, parsed.success ? parsed.data : 'refused']);
      }
    }
  });

  it('reads rule ids as the schema does', () => {
    for (const sample of [...ruleIds, 'allowEverything', '', 3, null]) {
      const parsed = ManagedPolicy.def.shape.chosenSettings.safeParse([sample]);
      expect([sample, policyRuleId.read(sample) !== unreadable]).toEqual([sample, parsed.success]);
    }
  });
});
