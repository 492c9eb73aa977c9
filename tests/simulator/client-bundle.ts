// Bundles the in-page scripts (client/*.ts) once per process with Vite, so they can share modules with the server.

import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

const CLIENT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'client');
export const CLIENT_SCRIPTS = ['settings-app', 'global-nav', 'feed-churn', 'page-traffic'] as const;
export type ClientScript = (typeof CLIENT_SCRIPTS)[number];

let bundles: Promise<Map<string, string>> | null = null;

export function clientBundles(): Promise<Map<string, string>> {
  bundles ??= Promise.all(CLIENT_SCRIPTS.map(async (name) => [name, await bundleOne(name)] as const)).then((entries) => new Map(entries));
  return bundles;
}

async function bundleOne(name: ClientScript): Promise<string> {
  return bundleScript(join(CLIENT_DIR, `${name}.ts`));
}

/** One in-page script and everything it imports, as a classic script (an IIFE). */
export async function bundleScript(entry: string): Promise<string> {
  const name = basename(entry, '.ts');
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: dirname(entry),
    publicDir: false,
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry, formats: ['iife'], name: name.replace(/-/g, '_'), fileName: () => `${name}.js` },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((output) => output.output).find((file) => file.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`Could not bundle ${name}.ts`);
  return chunk.code;
}
