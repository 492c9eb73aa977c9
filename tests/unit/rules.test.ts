import { describe, expect, it } from 'vitest';
import { findSettingToggle } from '../../src/content/engine/find-toggle';
import { findSettingRowLink } from '../../src/content/engine/walk';
import { labelMatches, normalizeLabel } from '../../src/shared/label-match';
import { labelLanguages } from '../../src/shared/languages';
import { SettingRule, type SettingLabels, validatedRules } from '../../src/shared/rules';
import { aiTrainingRule, settingRules } from '../../src/shared/setting-rules';
import { categoryPageBody, categoryPath, mountPage, settingPageBody, settingPath } from './fixtures/linkedin-pages';

describe('the rule table', () => {
  it('validates against its schema', () => {
    expect(() => validatedRules()).not.toThrow();
    expect(Object.keys(validatedRules())).toEqual(Object.keys(settingRules));
  });

  it('rejects a rule that would set anything but off, or that has no language-free hook', () => {
    expect(SettingRule.safeParse({ ...aiTrainingRule, desiredState: 'on' }).success).toBe(false);
    expect(SettingRule.safeParse({ ...aiTrainingRule, labelKey: '' }).success).toBe(false);
    expect(SettingRule.safeParse({ ...aiTrainingRule, settingPath: 'https://evil.example/' }).success).toBe(false);
  });

  it('keys the setting by the language-free hook and its documented address', () => {
    expect(aiTrainingRule.labelKey).toBe('allowDataForGenerativeAI');
    expect(aiTrainingRule.settingPath).toBe('/mypreferences/d/settings/data-for-ai-improvement');
  });

  it('has labels for all eight languages of the facts table', () => {
    expect(Object.keys(aiTrainingRule.labels).sort()).toEqual([...labelLanguages].sort());
  });
});

describe('label matching', () => {
  it('ignores case, punctuation, typographic quotes and spacing', () => {
    expect(normalizeLabel('  „Daten zur Verbesserung  generativer KI“ ')).toBe('daten zur verbesserung generativer ki');
    expect(labelMatches("Données pour l’amélioration de l’IA générative", ["Données pour l'amélioration de l'IA générative"])).toBe(true);
    expect(labelMatches('DATA FOR GENERATIVE AI IMPROVEMENT', ['Data for Generative AI Improvement'])).toBe(true);
  });

  it('tolerates a small wording change but not a different setting', () => {
    const label = ['Use my data for training content creation AI models'];
    expect(labelMatches('Use my data for training content-creation AI models.', label)).toBe(true);
    expect(labelMatches('Use my data for training content creation AI models of LinkedIn and its affiliates', label)).toBe(true);
    expect(labelMatches('Use my data to train content creation AI models', label)).toBe(true);
    expect(labelMatches('Use my data for training AI models that create content', label)).toBe(true);
    expect(labelMatches('Use my data for ads personalisation', label)).toBe(false);
    expect(labelMatches('Use my data for training job matching AI models', label)).toBe(false);
    expect(labelMatches('Allow LinkedIn to use my data for content creation', label)).toBe(false);
    expect(labelMatches('Share profile updates with your network', label)).toBe(false);
    expect(labelMatches('', label)).toBe(false);
  });

  // Every language of the facts table: the row is found on the category page by its text alone, and
  // where the toggle label is known, a relabelled toggle is found by its text alone.
  it.each(labelLanguages)('finds the row and the toggle by label in %s', (lang) => {
    const labels: SettingLabels = aiTrainingRule.labels[lang];
    const row = labels.row?.[0] as string;
    mountPage(categoryPath, categoryPageBody([
      { href: '/mypreferences/d/settings/profile-visibility', label: 'Profile visibility' },
      { href: '/mypreferences/d/settings/renamed', label: `${row.toUpperCase()} ` },
    ]), lang);
    expect(findSettingRowLink(document, aiTrainingRule, lang)?.getAttribute('href')).toBe('/mypreferences/d/settings/renamed');

    const toggleLabel = labels.toggle?.[0];
    if (!toggleLabel) return;
    mountPage(settingPath, settingPageBody(
      `<input type="checkbox" role="switch" id="x" aria-labelledby="renamed-key" checked><span id="renamed-key">${toggleLabel}</span>`,
    ), lang);
    const search = findSettingToggle(document, aiTrainingRule, lang, { allowLabelText: true });
    expect(search).toMatchObject({ kind: 'found', hook: 'label-text' });
  });

  it('does not match by text away from the setting page', () => {
    mountPage('/feed/', `<input type="checkbox" role="switch" aria-label="${aiTrainingRule.labels.en.toggle[0]}" checked>`);
    expect(findSettingToggle(document, aiTrainingRule, 'en', { allowLabelText: false })).toMatchObject({ kind: 'absent' });
  });

  it('refuses two switches that both match the label', () => {
    const label = aiTrainingRule.labels.en.toggle[0];
    mountPage(settingPath, settingPageBody(
      `<input type="checkbox" role="switch" aria-label="${label}" checked><input type="checkbox" role="switch" aria-label="${label}" checked>`,
    ));
    expect(findSettingToggle(document, aiTrainingRule, 'en', { allowLabelText: true })).toMatchObject({ kind: 'refused' });
  });
});
