import { type ImportRefusal, maxImportChars } from '../shared/messages/import-limits';
import type { PopupMessageKey, Translate } from './i18n';
import type { Tone } from './outcome-look';
import type { ImportNotice } from './popup-input';

/** The member's record: export once there is something to export, and import with what became of it. */

/** The member's evidence: export (once there is something to export) and import, with what each means. */
export type RecordView = {
  heading: string;
  export: { hint: string; json: string; csv: string; uninstallNote: string } | null;
  import: { label: string; hint: string; notice: { tone: Tone; text: string } | null };
};

/** `hasAccounts`: whether the log holds anything to export. */
export function buildRecord(hasAccounts: boolean, importNotice: ImportNotice | null, t: Translate): RecordView {
  return {
    heading: t('popupRecordHeading'),
    export: hasAccounts ? { hint: t('popupRecordHint'), json: t('popupExportJson'), csv: t('popupExportCsv'), uninstallNote: t('popupUninstallNote') } : null,
    import: { label: t('popupImportJson'), hint: t('popupImportHint'), notice: buildImportNotice(importNotice, t) },
  };
}

/** The largest file the popup reads for an import, in MB as the member sees it. */
const maxImportMegabytes = String(Math.floor(maxImportChars / (1024 * 1024)));

const refusalReason: Record<ImportRefusal, PopupMessageKey> = {
  'too-large': 'popupImportWhyTooLarge',
  'not-json': 'popupImportWhyNotJson',
  'not-a-log': 'popupImportWhyNotLog',
  'newer-version': 'popupImportWhyNewer',
  damaged: 'popupImportWhyDamaged',
};

function buildImportNotice(notice: ImportNotice | null, t: Translate): RecordView['import']['notice'] {
  switch (notice?.kind) {
    case undefined:
      return null;
    case 'in-tab':
      return { tone: 'info', text: t('popupImportInTab') };
    case 'imported':
      return notice.added > 0 ? { tone: 'ok', text: t('popupImportDone', [String(notice.added)]) } : { tone: 'info', text: t('popupImportNothingNew') };
    case 'refused': {
      const key = refusalReason[notice.refusal];
      const substitution = notice.refusal === 'too-large' ? maxImportMegabytes : notice.detail;
      return { tone: 'warning', text: t('popupImportRefused', [t(key, [substitution])]) };
    }
  }
}
