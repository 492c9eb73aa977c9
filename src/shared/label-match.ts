/**
 * Tolerant comparison of visible labels: LinkedIn rewords settings over time and typography
 * differs between languages, so exact string equality would fail for trivial reasons.
 */

/** Lowercase, Unicode-normalised, punctuation and quotes dropped, whitespace folded. */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('und')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function words(normalized: string): string[] {
  return normalized.split(' ').filter(Boolean);
}

/** Letter pairs, so that "train" and "training" still share most of their substance. */
function letterPairs(normalized: string): string[] {
  const pairs: string[] = [];
  for (let index = 0; index < normalized.length - 1; index += 1) pairs.push(normalized.slice(index, index + 2));
  return pairs;
}

/** Sørensen–Dice coefficient over multisets: 1 for the same items, 0 for none shared. */
function diceSimilarity(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const remaining = new Map<string, number>();
  for (const word of b) remaining.set(word, (remaining.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of a) {
    const left = remaining.get(word) ?? 0;
    if (left > 0) {
      shared += 1;
      remaining.set(word, left - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}

/** High enough that a different switch sharing a few words ("use my data for …") never passes. */
const minimumSimilarity = 0.85;
/** Shorter known labels are too generic to accept as a prefix of a longer text. */
const minimumPrefixLength = 24;

/** Whether `text` is one of `candidates`, allowing case, punctuation, spacing and small wording changes. */
export function labelMatches(text: string, candidates: readonly string[]): boolean {
  const normalized = normalizeLabel(text);
  if (!normalized) return false;
  const textWords = words(normalized);
  const textPairs = letterPairs(normalized);
  return candidates.some((candidate) => {
    const wanted = normalizeLabel(candidate);
    if (normalized === wanted) return true;
    if (wanted.length >= minimumPrefixLength && normalized.startsWith(wanted)) return true;
    const similarity = Math.max(diceSimilarity(textWords, words(wanted)), diceSimilarity(textPairs, letterPairs(wanted)));
    return similarity >= minimumSimilarity;
  });
}
