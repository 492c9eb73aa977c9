import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { PageSpec } from '../../unit/adversarial/generate-page';
import { settingPath } from '../../unit/adversarial/page-texts';
import { loadCertificate } from '../../simulator/certificate';
import { bundleScript } from '../../simulator/client-bundle';
import { clickReportPath, type LandedClick, type ServedPage, settingsApiPath, storedSilentlyPath } from './served-page';

/**
 * The server of generated settings pages, reached by the browser as https://www.linkedin.com like the simulator (the
 * harness maps the host to its port and trusts its certificate): the setting's page, its data request and save, and
 * LinkedIn's stored value, which is the ground truth a run is judged by.
 */
export type GeneratedPageServer = {
  port: number;
  certificateSpki: string;
  /** From now on the setting's address serves this page, starting from its `initiallyOn`. */
  serve(spec: PageSpec): void;
  /** LinkedIn's stored value now: true, training allowed. */
  storedOn(): boolean;
  /** Saves the page's switch made (visible or not), loads served, and every click that landed, since `serve`. */
  saves: boolean[];
  loads(): number;
  clicks: LandedClick[];
  close(): Promise<void>;
};

export async function startGeneratedPageServer(): Promise<GeneratedPageServer> {
  const [certificate, script] = await Promise.all([loadCertificate(), bundleScript(join(import.meta.dirname, 'page-client.ts'))]);
  let spec: PageSpec | null = null;
  let storedOn = false;
  let loads = 0;
  const saves: boolean[] = [];
  const clicks: LandedClick[] = [];

  async function body(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown;
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'https://www.linkedin.com').pathname;
    const send = (type: string, text: string, status = 200): void => void res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(text);
    if (path === settingPath && req.method === 'GET' && spec) {
      loads += 1;
      const page: ServedPage = { spec: { ...spec, initiallyOn: storedOn }, load: loads };
      const island = JSON.stringify(page).replace(/</g, '\\u003c');
      return send('text/html; charset=utf-8', `<!doctype html><html><head><title>Settings | LinkedIn</title></head><body><script type="application/json" id="generated-page">${island}</script><script src="/generated/page.js"></script></body></html>`);
    }
    if (path === '/generated/page.js') return send('text/javascript; charset=utf-8', script);
    if (path === settingsApiPath && req.method === 'GET') return send('application/json', JSON.stringify({ values: { allowDataForGenerativeAI: storedOn } }));
    if ((path.startsWith(`${settingsApiPath}/`) && req.method === 'PUT') || (path === storedSilentlyPath && req.method === 'POST')) {
      const { value } = (await body(req)) as { value: boolean };
      storedOn = value;
      saves.push(value);
      return send('application/json', JSON.stringify({ value }));
    }
    if (path === clickReportPath && req.method === 'POST') {
      clicks.push((await body(req)) as LandedClick);
      return send('text/plain', '', 204);
    }
    return send('text/plain', 'not found', 404);
  }

  const server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    answer(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    certificateSpki: certificate.spki,
    serve(next) {
      [spec, storedOn, loads] = [next, next.initiallyOn, 0];
      saves.length = 0;
      clicks.length = 0;
    },
    storedOn: () => storedOn,
    saves,
    loads: () => loads,
    clicks,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
