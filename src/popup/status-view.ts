import type { LogSummary } from '../shared/log/log-summary';
import { accountSummary } from '../shared/log/log-summary';
import type { OperationPhase } from '../shared/messages/background-messages';
import type { LastResult, Operation } from '../shared/storage/operation-state';
import type { OutcomeKind } from '../shared/log/outcome';
import { aiTrainingRule, otherSettingRules, settingUrl } from '../shared/rules/setting-rules';
import type { RuleId } from '../shared/rules/setting-rules';
import { accountName } from './account-view';
import { type PopupMessageKey, settingNameKey, type Translate } from './i18n';
import { outcomeLook, type Tone } from './outcome-look';
import type { PopupInput, PopupNotice } from './popup-input';
import { type TextPart, type TimeTexts, withTime } from './time-text';

/** The status card: what is running, or how the last operation ended, with its next steps and notices. */

export type NextStepView =
  | { action: 'sign-in'; label: string; hint: string }
  | { action: 'open-setting'; step: 'open-challenge'; label: string }
  | { action: 'open-setting'; step: 'open-setting'; lead: string; url: string; label: string }
  | { action: 'retry'; label: string }
  | { action: 'copy-report'; label: string; hint: string };

export type StatusView = {
  /** The `data-status` contract: the operation phase, else the last outcome kind, else "idle". */
  dataStatus: OperationPhase | OutcomeKind | 'idle';
  tone: Tone | 'idle';
  progress: { value: number; max: number; label: string } | null;
  message: TextPart[] | null;
  when: TextPart[] | null;
  note: string | null;
  nextSteps: NextStepView[];
  notice: { tone: Tone; text: string; report: { label: string; text: string } | null } | null;
  /** The other settings' results of the last operation, each on its own (the headline is the message above). */
  settingResults: Array<{ ruleId: RuleId; name: string; dataStatus: OutcomeKind; text: string; tone: Tone }>;
};

/** How long past its deadline an operation may linger before the popup stops showing it as running. */
export const staleOperationGraceMs = 15_000;

const phaseMessage = {
  opening: 'popupPhaseOpening',
  walking: 'popupPhaseWalking',
  reading: 'popupPhaseReading',
  'turning-off': 'popupPhaseTurningOff',
  verifying: 'popupPhaseVerifying',
} as const satisfies Record<OperationPhase, PopupMessageKey>;
const phaseOrder = Object.keys(phaseMessage) as OperationPhase[];

/** The operation still running, or null when none is or it outlived its deadline (a stopped worker). */
export function runningOperation(operation: Operation | null, now: number): Operation | null {
  return operation && now <= operation.deadlineAt + staleOperationGraceMs ? operation : null;
}

export function buildStatus(input: PopupInput, operation: Operation | null, now: number, t: Translate, times: TimeTexts): StatusView {
  const { lastResult, summary, ui } = input;
  const notice = buildNotice(ui.notice, t);
  const waitingNote = input.pendingSignIn && !operation ? t('popupSignInWaiting') : null;
  if (operation) {
    return {
      dataStatus: operation.phase,
      tone: 'busy',
      progress: { value: phaseOrder.indexOf(operation.phase) + 1, max: phaseOrder.length, label: t('popupProgressLabel') },
      message: [t(phaseMessage[operation.phase])],
      when: null,
      note: null,
      nextSteps: [],
      notice,
      settingResults: [],
    };
  }
  // "Starting…" reads as idle: the click's own result is not in yet, and the old one no longer applies.
  if (!lastResult || ui.starting) {
    return {
      dataStatus: 'idle',
      tone: ui.starting ? 'busy' : 'idle',
      progress: null,
      message: [t(ui.starting ? 'popupStarting' : 'popupIdleHint')],
      when: null,
      note: waitingNote,
      nextSteps: [],
      notice,
      settingResults: [],
    };
  }
  const { outcome } = lastResult;
  const name = resultAccountName(lastResult, summary, t);
  return {
    dataStatus: outcome.kind,
    tone: outcomeLook[outcome.kind].tone,
    progress: null,
    message: [t(outcomeLook[outcome.kind].result, [name])],
    when: withTime(t, 'popupResultWhen', times.relative(lastResult.finishedAt, now)),
    // The evidence is missing: that outranks waiting for a sign-in.
    note: lastResult.saved ? waitingNote : t('popupResultNotSaved'),
    nextSteps: 'nextSteps' in outcome ? buildNextSteps(outcome.nextSteps, t) : [],
    notice,
    settingResults: lastResult.settings.flatMap(({ ruleId, outcome: result }) => {
      const rule = otherSettingRules.find((other) => other.id === ruleId);
      if (!rule) return [];
      const text = result.kind === 'not-offered' ? t('popupSettingNotOfferedHere') : t(outcomeLook[result.kind].short);
      return [{ ruleId: rule.id, name: t(settingNameKey(rule.id)), dataStatus: result.kind, text, tone: outcomeLook[result.kind].tone }];
    }),
  };
}

function resultAccountName(result: LastResult, summary: LogSummary, t: Translate): string {
  const identity = result.outcome.account ?? accountSummary(summary, result.accountKey);
  return identity ? accountName(identity) : (result.accountKey ?? t('popupAccountFallback'));
}

function buildNextSteps(steps: readonly string[], t: Translate): NextStepView[] {
  const views: NextStepView[] = [];
  for (const step of new Set(steps)) {
    switch (step) {
      case 'sign-in':
        views.push({ action: 'sign-in', label: t('popupSignIn'), hint: t('popupSignInHint') });
        break;
      case 'open-challenge':
        views.push({ action: 'open-setting', step: 'open-challenge', label: t('popupOpenChallenge') });
        break;
      case 'open-setting': {
        const url = settingUrl(aiTrainingRule);
        views.push({ action: 'open-setting', step: 'open-setting', lead: t('popupOpenSettingLead'), url, label: t('popupOpenSettingLabel', [url]) });
        break;
      }
      case 'retry':
        views.push({ action: 'retry', label: t('popupRetry') });
        break;
    }
  }
  // Whenever the member has to go by hand, a report (without personal data) lets us fix the cause.
  if (views.some((view) => view.action === 'open-setting' && view.step === 'open-setting')) {
    views.push({ action: 'copy-report', label: t('popupCopyReport'), hint: t('popupCopyReportHint') });
  }
  return views;
}

function buildNotice(notice: PopupNotice | null, t: Translate): StatusView['notice'] {
  switch (notice?.kind) {
    case 'report-copied':
      return { tone: 'ok', text: t('popupReportCopied'), report: null };
    case 'objection-copied':
      return { tone: 'ok', text: t('popupObjectionCopied'), report: null };
    case 'report-copy-failed':
      return { tone: 'info', text: t('popupReportCopyFailed'), report: { label: t('popupReportLabel'), text: notice.report } };
    case 'send-failed':
      return { tone: 'warning', text: t('popupSendFailed'), report: null };
    case 'access-refused':
      return { tone: 'warning', text: t('popupAccessRefused'), report: null };
    default:
      // notify-refused is shown next to its checkbox, where the member is looking.
      return null;
  }
}
