import { describe, expect, it } from 'vitest';
import { clickOnlyWhenCertain } from '../../src/content/engine/find-toggle';
import { findSettingRowLink } from '../../src/content/engine/walk';
import { negationIn, negationWords } from '../../src/shared/rules/label-match';
import { labelLanguages } from '../../src/shared/rules/languages';
import { SettingRule, type SettingLabels, validatedRules } from '../../src/shared/rules/rule-schema';
import { aiTrainingRule, settingRules } from '../../src/shared/rules/setting-rules';
import { categoryPageBody, categoryPath, mountPage, rowLabels, settingPageBody, settingPath, toggleLabels } from './fixtures/linkedin-pages';

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
    expect(aiTrainingRule.walk.categoryPath).toBe('/mypreferences/d/categories/privacy');
  });

  it('has labels for all eight languages of the facts table', () => {
    expect(Object.keys(aiTrainingRule.labels).sort()).toEqual([...labelLanguages].sort());
  });
});

describe('the table against the facts (docs/linkedin.md)', () => {
  it('names the known labels exactly as the facts give them', () => {
    for (const [lang, label] of Object.entries(toggleLabels)) {
      expect(aiTrainingRule.labels[lang as keyof typeof toggleLabels].toggle, lang).toContain(label);
    }
    for (const [lang, label] of Object.entries(rowLabels)) {
      expect(aiTrainingRule.labels[lang as keyof typeof rowLabels].row, lang).toContain(label);
    }
  });

  it('holds no label that carries a negation (such a label could never identify a switch)', () => {
    const every = Object.values(aiTrainingRule.labels).flatMap((labels: SettingLabels) => [...(labels.toggle ?? []), ...(labels.row ?? []), ...(labels.category ?? [])]);
    expect(every.filter((label) => negationIn(label, negationWords) !== null)).toEqual([]);
  });
});

describe('identification by label, per language', () => {
  // The row is found on the category page by its exact text alone, and where the toggle label is known in
  // full, a toggle with a renamed key is found by its exact text alone.
  it.each(labelLanguages)('%s', (lang) => {
    const row = rowLabels[lang];
    mountPage(categoryPath, categoryPageBody([
      { href: '/mypreferences/d/settings/profile-visibility', label: 'Profile visibility' },
      { href: '/mypreferences/d/settings/renamed', label: `${row.toUpperCase()} ` },
    ]), lang);
    expect(findSettingRowLink(document, aiTrainingRule, lang)?.getAttribute('href')).toBe('/mypreferences/d/settings/renamed');

    const known = lang in toggleLabels ? toggleLabels[lang as keyof typeof toggleLabels] : null;
    // Italian is known only by its start and Spanish not at all: their full labels never identify a switch by text.
    const shown = known ?? (lang === 'it' ? 'Usa i miei dati per addestrare i modelli di IA per la creazione di contenuti' : 'Usar mis datos para entrenar modelos de IA de creación de contenido');
    mountPage(settingPath, settingPageBody(
      `<input type="checkbox" role="switch" id="x" aria-labelledby="renamed-key" checked><span id="renamed-key">${shown}</span>`,
    ), lang);
    const search = clickOnlyWhenCertain(document, aiTrainingRule, lang, { allowLabelText: true, negationWords });
    expect(search).toMatchObject(known ? { kind: 'found', hook: 'label-text' } : { kind: 'absent' });
  });
});
