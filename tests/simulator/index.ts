// The LinkedIn simulator: a real HTTPS server that Chromium reaches as https://www.linkedin.com.
// Reused by e2e tests, the demo, screenshots and benchmarks; faithful to docs/linkedin.md.

import { randomBytes } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { AccountStore, sessionPlaywrightCookies } from './accounts';
import { loadCertificate } from './certificate';
import { clientBundles } from './client-bundle';
import { createRequestHandler, ORIGIN, type ServerState } from './server';
import { DEFAULT_KNOBS, MARKUP_VARIANTS, type SimKnobs, type Simulator, type SimulatorOptions } from './types';

export * from './types';
export { LABELS, type PageLabels } from './labels';
export {
  AI_SETTING_KEY,
  AI_SETTING_MOVED_PATH,
  AI_SETTING_PATH,
  CLICK_BEACON_DELAY_MS,
  DECOY_KEYS,
  DIALOG_SWITCH_KEY,
  GUIDE_LINK_MARK,
  NEGATED_KEY,
  POLL_PATH,
  RELABELLED_KEY,
  SAVE_API_PREFIX,
  SECOND_SWITCH_KEY,
  TRACKING_PATH,
} from './site-map';
export { OTHER_PEOPLE } from './pages/people';
export { DEMO_ACCOUNTS } from './demo-accounts';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const [certificate] = await Promise.all([loadCertificate(), clientBundles()]);
  const accounts = new AccountStore();
  for (const account of options.accounts ?? []) accounts.add(account);
  const state: ServerState = {
    accounts,
    knobs: checkedKnobs({ ...DEFAULT_KNOBS, markup: [], ...options.knobs }),
    saves: [],
    requests: [],
    // Per "build": hashed class names differ between simulator runs, as they do between LinkedIn deploys.
    buildSalt: randomBytes(4).toString('hex'),
    generation: 0,
  };
  const server = createServer({ key: certificate.key, cert: certificate.cert }, createRequestHandler(state));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    origin: ORIGIN,
    certificateSpki: certificate.spki,
    get knobs() {
      return state.knobs;
    },
    saves: state.saves,
    requests: state.requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    addAccount: (account) => accounts.add(account),
    account: (id) => accounts.get(id),
    setAiTraining: (id, on) => {
      accounts.get(id).aiTraining = on;
    },
    configure: (knobs) => {
      state.knobs = checkedKnobs({ ...state.knobs, ...knobs });
    },
    signInCookies: (id) => {
      const account = accounts.get(id);
      return sessionPlaywrightCookies(accounts.startSession(id), account);
    },
    reset: () => {
      state.generation += 1;
      state.knobs = checkedKnobs({ ...DEFAULT_KNOBS, markup: [] });
      accounts.reset();
      state.saves.length = 0;
      state.requests.length = 0;
    },
  };
}

/** A typo in a knob would silently test the standard page, so unknown values fail loudly. */
function checkedKnobs(knobs: SimKnobs): SimKnobs {
  const unknown = knobs.markup.filter((v) => !(MARKUP_VARIANTS as readonly string[]).includes(v));
  if (unknown.length > 0) throw new Error(`Unknown markup variant(s): ${unknown.join(', ')}`);
  if (!['ok', 'fail', 'revert'].includes(knobs.save)) throw new Error(`Unknown save behaviour: ${String(knobs.save)}`);
  if (!(knobs.renderDelayMs >= 0) || !(knobs.latencyMs >= 0) || !(knobs.saveLatencyMs >= 0)) {
    throw new Error('renderDelayMs, latencyMs and saveLatencyMs must be ≥ 0');
  }
  return { ...knobs, markup: [...new Set(knobs.markup)] };
}
