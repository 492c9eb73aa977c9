import { describe, expect, it } from 'vitest';
import { isKnownLabel, negationIn, negationWords, normalizeLabel } from '../../src/shared/rules/label-match';

// Labels written from docs/linkedin.md, not taken from the rule table.
const english = ['Use my data for training content creation AI models'];

describe('exact label matching, typography forgiven', () => {
  it('folds case, Unicode forms, whitespace, punctuation, typographic quotes, apostrophes and dashes', () => {
    expect(normalizeLabel('  „Daten zur Verbesserung  generativer KI“ ')).toBe('daten zur verbesserung generativer ki');
    expect(isKnownLabel('Données pour l’amélioration de l’IA générative', ["Données pour l'amélioration de l'IA générative"])).toBe(true);
    expect(isKnownLabel('DATA FOR GENERATIVE AI IMPROVEMENT', ['Data for Generative AI Improvement'])).toBe(true);
    expect(isKnownLabel('Use my data for training content‑creation AI models.', english)).toBe(true);
    expect(isKnownLabel('Use\u00A0my data for training content creation AI models', english)).toBe(true);
    // NFKC: a full-width letter and a ligature are the same text.
    expect(isKnownLabel('Ｕse my data for training content creation AI models', english)).toBe(true);
    expect(isKnownLabel('Ihre Daten zum Schulen von KI–Modellen verwenden um Inhalte zu erstellen', ['Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen'])).toBe(true);
  });

  it('never accepts a reworded, longer, shorter or similar label', () => {
    expect(isKnownLabel('Use my data for training content creation AI models of LinkedIn and its affiliates', english)).toBe(false);
    expect(isKnownLabel('Use my data to train content creation AI models', english)).toBe(false);
    expect(isKnownLabel('Use my data for training AI models that create content', english)).toBe(false);
    expect(isKnownLabel("Don't use my data for training content creation AI models", english)).toBe(false);
    expect(isKnownLabel('Use my data for training content creation AI', english)).toBe(false);
    expect(isKnownLabel('', english)).toBe(false);
    expect(isKnownLabel('   ', [''])).toBe(false);
  });

  it('does not complete a label known only by its start (the Italian one): exact means exact', () => {
    const italianStart = ['Usa i miei dati per addestrare i modelli di IA'];
    expect(isKnownLabel('Usa i miei dati per addestrare i modelli di IA per la creazione di contenuti', italianStart)).toBe(false);
  });
});

describe('negations in the eight languages', () => {
  it.each([
    ["Don't use my data for training content creation AI models", "don't"],
    ['Don’t use my data for training', "don't"],
    ['Do not use my data for training', 'not'],
    ['Never use my data for training', 'never'],
    ['No AI training with my data', 'no'],
    ['Ihre Daten nicht zum Schulen von KI-Modellen verwenden', 'nicht'],
    ['Keine Daten zum Schulen von KI-Modellen verwenden', 'keine'],
    ['Ihre Daten niemals verwenden', 'niemals'],
    ["Ne pas utiliser mes données pour entraîner des modèles d'IA", 'ne'],
    ["N’utilisez pas mes données", "n'"],
    ['Jamais utiliser mes données', 'jamais'],
    ['Aucun entraînement avec mes données', 'aucun'],
    ['Mijn gegevens niet gebruiken voor training', 'niet'],
    ['Geen training met mijn gegevens', 'geen'],
    ['Nooit mijn gegevens gebruiken', 'nooit'],
    ['No usar mis datos para entrenar modelos de IA', 'no'],
    ['Nunca usar mis datos', 'nunca'],
    ['Ningún dato para entrenar', 'ningún'],
    ['Non usare i miei dati per addestrare i modelli di IA', 'non'],
    ['Mai usare i miei dati', 'mai'],
    ['Nessun dato per addestrare', 'nessun'],
    ['Não usar meus dados para treinar modelos de IA', 'não'],
    ['Nunca usar meus dados', 'nunca'],
    ['Nenhum dado para treinar', 'nenhum'],
    ['Nie używaj moich danych do trenowania modeli AI', 'nie'],
    ['Nigdy nie używaj moich danych', 'nigdy'],
    ['Żaden model AI nie może używać moich danych', 'żaden'],
  ])('%s → %s', (label, word) => {
    expect(negationIn(label, negationWords)).toBe(word);
  });

  it('finds none in the known labels of docs/linkedin.md (so they can identify a switch)', () => {
    for (const label of [
      'Use my data for training content creation AI models',
      'Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen',
      "Utiliser mes données pour entraîner des modèles d'IA de création de contenu",
      'Mijn gegevens gebruiken voor training van AI-modellen waarmee content wordt gemaakt',
      'Usar meus dados para treinar modelos de IA para criar conteúdos',
      'Użyj moich danych do trenowania modeli AI służących do tworzenia treści',
      'Usa i miei dati per addestrare i modelli di IA',
    ]) {
      expect(negationIn(label, negationWords), label).toBeNull();
    }
  });

  it('matches whole words only: "note", "nein", "nicht-" prefixes inside words and "Notizen" are not negations', () => {
    expect(negationIn('Note: use my data for training', negationWords)).toBeNull();
    expect(negationIn('Notizen und Nichtraucher', negationWords)).toBeNull();
    expect(negationIn('Niemand, nonprofit, mainly, pastel, nessie', negationWords)).toBeNull();
    expect(negationIn('Nieuwe gegevens', negationWords)).toBeNull();
  });

  it('errs on the refusing side where a negation word is also an ordinary word', () => {
    // Portuguese "no" (in the), French "pas" (step), the Off words "No" (it/es) and "Non" (fr).
    expect(negationIn('Usar meus dados no LinkedIn', negationWords)).toBe('no');
    expect(negationIn('Pas à pas', negationWords)).toBe('pas');
    expect(negationIn('Sì / No', negationWords)).toBe('no');
    expect(negationIn('Oui / Non', negationWords)).toBe('non');
  });
});
