/** How `npm test` (tests/tools/test-pipeline.ts) tells the closing summary what ran before the tests. */
export const pipelineStepsVariable = 'PIPELINE_STEPS';

export type PipelineSteps = {
  /** When `npm test` started (ms since the epoch): the whole run is timed from here. */
  startedAt: number;
  /** The checks side by side, from the first start to the last end. */
  checksMs: number;
  checks: Array<{ name: string; ms: number }>;
  /**
   * Set when this vitest run is one of the two parts `npm test` runs side by side: its closing summary writes its
   * totals to `resultFile` for the one closing line `npm test` prints, and it runs `workers` files at a time.
   */
  part?: PipelinePart;
};

export type PipelinePart = { name: string; resultFile: string; workers: number };

/** A part's totals, as its closing summary writes them for `npm test`. */
export type PartResult = { passed: number; failed: number };

/** The steps `npm test` handed over, or null when vitest was started on its own (or the value is not ours). */
export function readPipelineSteps(env: NodeJS.ProcessEnv): PipelineSteps | null {
  const raw = env[pipelineStepsVariable];
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<PipelineSteps>;
    const part = parsed.part;
    const valid =
      typeof parsed.startedAt === 'number' &&
      typeof parsed.checksMs === 'number' &&
      Array.isArray(parsed.checks) &&
      parsed.checks.every((check) => typeof check?.name === 'string' && typeof check.ms === 'number') &&
      (part === undefined || (typeof part.name === 'string' && typeof part.resultFile === 'string' && Number.isInteger(part.workers) && part.workers > 0));
    return valid ? (parsed as PipelineSteps) : null;
  } catch {
    return null;
  }
}
