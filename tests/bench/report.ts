import type { BudgetSize, FileSize } from './bundle-sizes';
import type { ContentCostResult, WindowResult } from './content-cost';
import type { Machine } from './machine';
import type { MeasuredCode } from './measured-code';
import type { OptOutConditionResult } from './opt-out';
import type { PopupResult } from './popup-open';
import type { RecheckResult } from './recheck';
import type { Summary } from './stats';

/** The one table `npm run bench` prints and the README shows, built from the results JSON. */

export type BenchResults = {
  machine: Machine;
  /** The commit and the hash of the code measured (tests/bench/measured-code.ts): a dist test fails once it changed. */
  measured?: MeasuredCode;
  runsPerCondition: number;
  bundles: { files: FileSize[]; entryPoints: Array<FileSize & { parts: string[] }>; budgets?: BudgetSize[] };
  optOut?: OptOutConditionResult[];
  recheck?: RecheckResult[];
  contentCost?: ContentCostResult;
  popup?: PopupResult[];
};

export type Row = {
  measure: string;
  condition: string;
  extension: string;
  baseline: string;
  ratio: string;
  target: string;
  met: 'yes' | 'NO' | '–';
};

const ratioTarget = 1.2;
/** What the extension may add to LinkedIn's own time, per setting it turns off (README, Performance: an opt-out). */
export const overheadTargetMs = 300;
const reactionTargetMs = 20;
/** Nothing added to the page load itself, at most 3 ms per page in all (README, Performance: LinkedIn pages). */
const perPageTargetMs = 3;
const atLoadTargetMs = 0;
/** Medians of two separately measured browsers differ by this much with no work at all (the A/B noise floor). */
const atLoadNoiseMs = 0.5;
/** The popup: at most 100 ms at every size up to the cap, 60 ms in the common case of one to three accounts (README, Performance: the popup). */
const popupTargetMs = 100;
const popupCommonCaseTargetMs = 60;
const popupCommonCaseAccounts = 3;

/** The popup's target for a condition; none for a log still without its summary (until the background's first start). */
function popupTarget(condition: PopupResult['condition']): number | null {
  if (condition.summary === false) return null;
  return condition.accounts >= 1 && condition.accounts <= popupCommonCaseAccounts ? popupCommonCaseTargetMs : popupTargetMs;
}

export function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

/** Median with the interquartile range: "812 ms (790–840)". */
function spread(summary: Summary): string {
  if (summary.n === 0) return 'n/a';
  const digits = summary.median >= 100 ? 0 : 1;
  return `${ms(summary.median)} (${summary.p25.toFixed(digits)}–${summary.p75.toFixed(digits)})`;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function met(ok: boolean): Row['met'] {
  return ok ? 'yes' : 'NO';
}

/** `targetMs`: the most the extension may add (null: no target); a target of 0 allows the A/B noise floor. */
function mainThreadRows(measure: string, condition: string, result: WindowResult, targetMs: number | null): Row {
  const allowed = targetMs === atLoadTargetMs ? atLoadNoiseMs : targetMs;
  return {
    measure,
    condition,
    extension: spread(result.withExtension),
    baseline: spread(result.without),
    ratio: `${result.extraMs >= 0 ? '+' : ''}${result.extraMs.toFixed(1)} ms`,
    target: targetMs === null ? '–' : targetMs === atLoadTargetMs ? `+0 ms (±${String(atLoadNoiseMs)} noise)` : `≤ +${String(targetMs)} ms`,
    met: allowed === null ? '–' : met(result.extraMs <= allowed),
  };
}

export function tableRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  for (const condition of results.optOut ?? []) {
    rows.push({
      measure: 'Opt-out: click → verified off',
      condition: condition.condition.label,
      extension: spread(condition.extension),
      baseline: spread(condition.shortest),
      ratio: `${condition.ratio.toFixed(2)}×`,
      target: `≤ ${ratioTarget.toFixed(1)}×`,
      met: met(condition.ratio <= ratioTarget),
    });
    // Beside the ratio: the time beyond LinkedIn's own (two loads, two renders, one save), one setting per run.
    if (condition.overhead && condition.linkedIn) {
      rows.push({
        measure: "Opt-out: overhead over LinkedIn's time",
        condition: condition.condition.label,
        extension: spread(condition.overhead.extension),
        baseline: spread(condition.overhead.shortest),
        ratio: `LinkedIn ${ms(condition.linkedIn.extension.median)}`,
        target: `≤ ${String(overheadTargetMs)} ms`,
        met: met(condition.overhead.extension.median <= overheadTargetMs),
      });
    }
  }
  for (const condition of results.optOut ?? []) {
    rows.push({
      measure: 'Reaction: toggle inserted → clicked',
      condition: condition.condition.label,
      extension: spread(condition.reaction.extension),
      baseline: spread(condition.reaction.shortest),
      ratio: '–',
      target: `≤ ${String(reactionTargetMs)} ms`,
      met: met(condition.reaction.extension.median <= reactionTargetMs),
    });
  }
  for (const recheck of results.recheck ?? []) {
    rows.push({ measure: 'Re-check: page load → result', condition: recheck.condition.label, extension: spread(recheck.toResult), baseline: '–', ratio: '–', target: '–', met: '–' });
    rows.push(mainThreadRows('Re-check: user tab script time', recheck.condition.label, recheck.userTabScript, null));
  }
  if (results.contentCost) {
    const cost = results.contentCost;
    if (cost.untilLoad) rows.push(mainThreadRows('Feed page: script time', 'navigation → load event', cost.untilLoad.script, atLoadTargetMs));
    rows.push(mainThreadRows('Feed page: script time', 'load + 3.5 s (all of a page load)', cost.load.script, perPageTargetMs));
    rows.push(mainThreadRows('Feed page: script time', 'steady, next 6 s', cost.steady.script, perPageTargetMs));
    rows.push(mainThreadRows('Feed page: all main-thread tasks', 'load + 3.5 s', cost.load.task, null));
    rows.push(mainThreadRows('Feed page: all main-thread tasks', 'steady, next 6 s', cost.steady.task, null));
  }
  const emptyPopup = results.popup?.find((popup) => popup.condition.accounts === 0);
  for (const popup of results.popup ?? []) {
    const isBaseline = popup === emptyPopup;
    const target = popupTarget(popup.condition);
    rows.push({
      measure: 'Popup: open → stored state shown',
      condition: popup.condition.label,
      extension: spread(popup.rendered),
      baseline: isBaseline || !emptyPopup ? '–' : spread(emptyPopup.rendered),
      ratio: isBaseline || !emptyPopup ? '–' : `${(popup.rendered.median / emptyPopup.rendered.median).toFixed(2)}×`,
      target: target === null ? '–' : `≤ ${String(target)} ms`,
      met: target === null ? '–' : met(popup.rendered.median <= target),
    });
  }
  for (const size of results.bundles.budgets ?? []) {
    rows.push({
      measure: 'Bundle size (minified, gzip)',
      condition: size.bundle,
      extension: `${kb(size.gzipBytes)} (${kb(size.rawBytes)} raw)`,
      baseline: '–',
      ratio: '–',
      target: `≤ ${kb(size.budgetBytes)}`,
      met: met(size.gzipBytes <= size.budgetBytes),
    });
  }
  return rows;
}

const headers: Record<keyof Row, string> = {
  measure: 'Measure',
  condition: 'Condition',
  extension: 'Extension median (p25–p75)',
  baseline: 'Shortest path / baseline',
  ratio: 'Ratio / extra',
  target: 'Target',
  met: 'Met?',
};

/** A Markdown table padded so it also reads aligned in a terminal. */
export function markdownTable(rows: Row[]): string {
  const keys = Object.keys(headers) as Array<keyof Row>;
  const widths = keys.map((key) => Math.max(headers[key].length, ...rows.map((row) => row[key].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, index) => cell.padEnd(widths[index] as number)).join(' | ')} |`;
  return [
    line(keys.map((key) => headers[key])),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map((row) => line(keys.map((key) => row[key]))),
  ].join('\n');
}

export function filesTable(files: FileSize[]): string {
  const rows = files.map((file) => [file.file, String(file.rawBytes), String(file.gzipBytes)]);
  const head = ['File in dist/chrome', 'Raw bytes', 'Gzip bytes'];
  const widths = head.map((cell, index) => Math.max(cell.length, ...rows.map((row) => (row[index] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index] as number) : cell.padStart(widths[index] as number))).join(' | ')} |`;
  return [line(head), `|${widths.map((width, index) => `${index === 0 ? '-' : ''}${'-'.repeat(width + 1)}${index === 0 ? '' : ':'}`).join('|')}|`, ...rows.map(line)].join('\n');
}
