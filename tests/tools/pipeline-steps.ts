/** How `npm test` (tests/tools/test-pipeline.ts) tells the closing summary what ran before the tests. */
export const pipelineStepsVariable = 'PIPELINE_STEPS';

export type PipelineSteps = {
  /** When `npm test` started (ms since the epoch): the whole run is timed from here. */
  startedAt: number;
  /** The checks side by side, from the first start to the last end. */
  checksMs: number;
  checks: Array<{ name: string; ms: number }>;
};

/** The steps `npm test` handed over, or null when vitest was started on its own (or the value is not ours). */
export function readPipelineSteps(env: NodeJS.ProcessEnv): PipelineSteps | null {
  const raw = env[pipelineStepsVariable];
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<PipelineSteps>;
    const valid =
      typeof parsed.startedAt === 'number' &&
      typeof parsed.checksMs === 'number' &&
      Array.isArray(parsed.checks) &&
      parsed.checks.every((check) => typeof check?.name === 'string' && typeof check.ms === 'number');
    return valid ? (parsed as PipelineSteps) : null;
  } catch {
    return null;
  }
}
