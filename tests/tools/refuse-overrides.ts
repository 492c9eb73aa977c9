// Global set-up of every test run: under CI the run tests exactly what is committed, so a variable that
// narrows it (one browser) or points it elsewhere (another build, another browser binary, other seeds) is refused.

/** Each variable a local run may set, and what it changes. */
export const testOverrides = {
  BROWSERS: 'runs one browser’s share of the shared end-to-end tests',
  EXTENSION_DIR: 'tests another Chromium build than dist/chrome',
  FIREFOX_EXTENSION_DIR: 'tests another Firefox build than dist/firefox',
  CHROMIUM_PATH: 'runs another Chromium than Debian’s',
  FIREFOX_PATH: 'runs another Firefox than Debian’s ESR',
  RELIABILITY_SEED: 'generates other reliability cases than the README’s figures come from',
  ADVERSARIAL_SEED: 'generates other adversarial pages than the committed ones',
  ADVERSARIAL_PAGES: 'generates another number of adversarial pages than the README states',
} as const;

/** CI=true (as `.ci/run` sets it) or any other value but "false". */
export function runsUnderCi(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.CI) && env.CI !== 'false';
}

/** The overrides set in `env`, each with what it would change; empty outside CI. */
export function refusedOverrides(env: NodeJS.ProcessEnv): string[] {
  if (!runsUnderCi(env)) return [];
  return Object.entries(testOverrides)
    .filter(([name]) => env[name] !== undefined)
    .map(([name, effect]) => `${name}=${env[name] ?? ''} (${effect})`);
}

export default function refuseOverridesUnderCi(): void {
  const refused = refusedOverrides(process.env);
  if (refused.length > 0) {
    throw new Error(`CI runs the whole suite as committed; unset: ${refused.join('; ')}`);
  }
}
