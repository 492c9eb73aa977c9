import type { PageSpec } from '../../unit/adversarial/generate-page';

/** What the generated pages' server and their in-page script agree on: the page each load gets, and how clicks are told. */

/** What the server hands each load: the page, with LinkedIn's stored value as its starting state, and which load it is. */
export type ServedPage = { spec: PageSpec; load: number };
/** A click as the page saw it land, before it acted: on which element (its role), and what the page knew then. */
export type LandedClick = { load: number; role: string; settled: boolean; trainingOn: boolean };

export const settingsApiPath = '/mysettings-api/settingsApiSettings';
/** Where a page that saves without a request the extension can see tells its server ("saves silently"). */
export const storedSilentlyPath = '/generated/stored';
export const clickReportPath = '/generated/click';
