import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runInstruction } from '../../src/content/engine/engine';
import { describePageShape, labelFingerprint } from '../../src/content/engine/page-shape';
import { negationWords } from '../../src/shared/rules/label-match';
import { aiTrainingRule } from '../../src/shared/rules/setting-rules';
import { buildProblemReport } from '../../src/popup/problem-report';
import { lastResult, outcome } from './popup-fixtures';
import { globalNav, labelKey, mountPage, settingPath } from './fixtures/linkedin-pages';

/**
 * The page-shape report (docs/linkedin.md, "Page-shape reports"): what a maintainer needs to change the rules when the
 * engine could not be certain, and nothing personal, proven here on a page full of personal data.
 */

const member = { name: 'Jana Schmidt', publicId: 'jana-schmidt-4711', email: 'jana.schmidt@example.org' };
/** Label texts of the page: the shape may hold them only as fingerprints. */
const invertedLabel = "Refuser l'utilisation de mes données pour entraîner des modèles d'IA";
const helpText = 'Vos messages privés ne sont pas utilisés';

/** A French settings page whose keyed switch carries an unknown label, with the member's name, id and e-mail all over it. */
function personalPage(): void {
  mountPage(
    `${settingPath}?trk=mail-digest&memberToken=ACoAAB123`,
    `${globalNav(member.publicId, member.name)}
    <main><h1>Données pour l'amélioration de l'IA générative</h1>
      <p>Connecté en tant que ${member.name} (${member.email})</p>
      <div data-${member.publicId}="1" data-owner="${member.email}">
        <span id="${labelKey}">${invertedLabel}</span>
        <input type="checkbox" role="switch" id="toggle-${member.publicId}" aria-labelledby="${labelKey}" aria-describedby="help"
          aria-checked="true" checked data-member="${member.name}" title="${member.name}">
        <label for="toggle-${member.publicId}">Oui</label>
        <p id="help">${helpText}</p>
      </div>
      <input type="checkbox" role="switch" aria-label="${member.name}: messages de ${member.email}" aria-checked="false">
    </main>`,
    'fr',
  );
}

/** Everything personal or textual the page shows, in the forms a leak would take. */
const forbidden = [
  'Jana', 'Schmidt', member.publicId, member.email, '@', 'example', 'trk', 'mail-digest', 'memberToken', 'ACoAAB', '?',
  'Refuser', 'utilisation', 'données', 'entraîner', 'Oui', 'messages', 'privés', 'toggle-',
];

function expectNothingPersonal(text: string): void {
  for (const word of forbidden) expect(text.toLowerCase()).not.toContain(word.toLowerCase());
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('describePageShape', () => {
  it('names the path, language, hooks, roles and attribute names, and labels only by fingerprint', () => {
    personalPage();
    const shape = describePageShape(document, aiTrainingRule, 'fr', true);
    expect(shape).toContain(`shape ${settingPath} lang=fr`);
    expect(shape).toContain(`key on 1, key label ${labelFingerprint(invertedLabel, 'fr')}, value arrived yes, 2 switches`);
    expect(shape).toContain('1: INPUT(switch) type=checkbox key [aria-checked aria-describedby aria-labelledby checked id role type +2] in DIV<MAIN<BODY');
    expect(shape).toContain(`2: INPUT(switch) type=checkbox [aria-checked aria-label role type] in MAIN<BODY<HTML name ${labelFingerprint(`${member.name}: messages de ${member.email}`, 'fr')}`);
    expectNothingPersonal(shape);
  });

  it('fingerprints what a maintainer can recompute: equal after typography, different for another wording', () => {
    expect(labelFingerprint('Use my data for training content creation AI models', 'en')).toBe(labelFingerprint('  USE my data for training content-creation AI models.', 'en'));
    expect(labelFingerprint('Use my data for training content creation AI models', 'en')).not.toBe(labelFingerprint('Opt out of using my data for training content creation AI models', 'en'));
    expect(labelFingerprint('Oui', 'fr')).toMatch(/^#[0-9a-f]{8}\/3fr$/);
    expect(labelFingerprint('', null)).toBe('none');
  });
});

describe('"Copy report" when the engine could not be certain', () => {
  it('carries the page shape, and holds no name, public id, e-mail, URL query or label text', async () => {
    personalPage();
    const pending = runInstruction(
      { do: 'turn-off', opId: 'op-shape-1', rule: aiTrainingRule, walk: false, negationWords, deadlineMs: 30_000 },
      {
        doc: document,
        clock: { now: () => Date.now(), setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as number) },
        signal: new AbortController().signal,
        sendProgress: () => undefined,
        watchForSave: () => () => Promise.resolve(),
        // The page is refused before any click: a click would fail this test.
        confirmClick: () => Promise.reject(new Error('no click was expected')),
        valueArrivedAt: () => 0,
      },
    );
    await vi.advanceTimersByTimeAsync(5000);
    const report = await pending;
    expect(report).toMatchObject({ kind: 'failed', failure: 'not-found' });
    const diagnostic = report.kind === 'failed' ? report.diagnostic : '';
    expect(diagnostic).toMatch(/^refused: its label is not the known one \| shape /);
    expectNothingPersonal(diagnostic);
    // No accounts handed to the report: nothing is masked by name, the shape must be clean by itself.
    const copied = buildProblemReport(lastResult(outcome('not-found', { diagnostic })), [], { extensionVersion: '1.2.3', browser: 'Chrome 131' });
    expect(copied).toContain('diagnostic: refused: its label is not the known one\npage shape:\n  /mypreferences/d/settings/data-for-ai-improvement lang=fr\n  key on 1,');
    expectNothingPersonal(copied.replace(/^.*problem report$/m, ''));
  });
});
