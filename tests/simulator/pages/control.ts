// GET /__sim/: the simulator's own control page for the interactive demo; never linked from LinkedIn pages.

import { MARKUP_VARIANTS, type SimAccountState, type SimKnobs } from '../types';
import { documentHtml, esc } from './layout';

export function controlPage(accounts: readonly SimAccountState[], knobs: Readonly<SimKnobs>, signedIn: string | null): string {
  const rows = accounts
    .map(
      (a) => `<tr>
  <td>${esc(a.name)}<br><small>${esc(a.id)} · ${a.lang}${a.offered ? '' : ' · not offered'}${a.challenge ? ' · checkpoint' : ''}${a.id === signedIn ? ' · <strong>signed in here</strong>' : ''}</small></td>
  <td>AI training: <strong>${a.aiTraining ? 'On' : 'Off'}</strong></td>
  <td>
    <form method="post" action="/__sim/sign-in"><input type="hidden" name="account" value="${esc(a.id)}"><button>Sign in as ${esc(a.name)}</button></form>
    <form method="post" action="/__sim/ai-training"><input type="hidden" name="account" value="${esc(a.id)}"><input type="hidden" name="on" value="${a.aiTraining ? 'false' : 'true'}"><button>${a.aiTraining ? 'Turn off' : 'LinkedIn turns it back on'}</button></form>
  </td>
</tr>`,
    )
    .join('\n');
  const markup = MARKUP_VARIANTS.map(
    (v) => `<label><input type="checkbox" name="markup" value="${v}"${knobs.markup.includes(v) ? ' checked' : ''}> ${v}</label>`,
  ).join(' ');
  const saveOptions = (['ok', 'fail', 'revert'] as const)
    .map((s) => `<option${knobs.save === s ? ' selected' : ''}>${s}</option>`)
    .join('');
  const body = `<main style="max-width:960px;margin:24px auto;background:#fff;padding:24px;border-radius:8px">
  <h1>LinkedIn simulator</h1>
  <p><a href="/feed/">Open the simulated feed</a> · <a href="/mypreferences/d/categories/privacy">Data privacy</a> · <a href="/m/logout/">Sign out</a> · <a href="/__sim/state.json">state.json</a></p>
  <table>${rows}</table>
  <h2>Knobs</h2>
  <form method="post" action="/__sim/knobs">
    <p><label>Render delay (ms) <input name="renderDelayMs" type="number" min="0" value="${String(knobs.renderDelayMs)}"></label>
    <label><input type="checkbox" name="neverRender" value="true"${knobs.neverRender ? ' checked' : ''}> never render</label>
    <label>Latency (ms) <input name="latencyMs" type="number" min="0" value="${String(knobs.latencyMs)}"></label>
    <label>Save <select name="save">${saveOptions}</select></label>
    <label>Save latency (ms) <input name="saveLatencyMs" type="number" min="0" value="${String(knobs.saveLatencyMs)}"></label>
    <label><input type="checkbox" name="backgroundTraffic" value="true"${knobs.backgroundTraffic ? ' checked' : ''}> background traffic</label></p>
    <p>${markup}</p>
    <button>Apply</button>
  </form>
</main>`;
  return documentHtml({ lang: 'en', title: 'LinkedIn simulator', body });
}
