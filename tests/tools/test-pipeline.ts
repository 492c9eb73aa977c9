// `npm test`: the build, the typecheck and the lint side by side (none reads another's output), then the tests in two
// vitest runs side by side: the end-to-end tier, and the unit and dist tiers one file at a time in the time the
// browsers leave a core idle. Each check's output is printed whole when it ends, under a line with its time; a failed
// check is named and stops the run before the tests. The unit and dist run's output is printed whole when it ends;
// the end-to-end run's as it comes. The checks' times reach each run's closing summary (tests/tools/plain-summary.ts)
// through PIPELINE_STEPS; each run writes its totals, and npm test ends with the whole run's reliability figures held
// to the README (they need both runs) and the one plain "N passed, N failed" line. With arguments (a file, a
// project), vitest runs once with them, as before.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PartResult, type PipelinePart, pipelineStepsVariable, type PipelineSteps } from './pipeline-steps';
import { closingLine } from './plain-summary';
import { reliabilityFiguresCheck } from './reliability-table';

/** The package.json scripts run before the tests. */
const checkScripts = ['build', 'typecheck', 'lint'] as const;

type StepResult = { name: string; ms: number; exitCode: number; output: string };

/** npm itself, run by this Node: the same everywhere npm runs (no shell, no npm.cmd on Windows). */
function npmCommand(args: string[]): { command: string; args: string[] } {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.[cm]?js$/.test(npmCli)) return { command: process.execPath, args: [npmCli, ...args] };
  return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', args };
}

type RunResult = { exitCode: number; output: string };

/** One npm command; its output goes to this process's as it comes, or, `buffered`, is handed back whole at its end. */
function runNpm(npmArgs: readonly string[], env: NodeJS.ProcessEnv, buffered: boolean): Promise<RunResult> {
  const { command, args } = npmCommand([...npmArgs]);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const child = spawn(command, args, { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit', env });
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finish = (exitCode: number, extra = '') => resolve({ exitCode, output: Buffer.concat(chunks).toString('utf8') + extra });
    child.on('error', (error) => finish(1, `\n${error.message}\n`));
    child.on('close', (code, signal) => finish(code ?? 1, signal ? `\nended by ${signal}\n` : ''));
  });
}

async function runCheck(name: string): Promise<StepResult> {
  const started = performance.now();
  const result = await runNpm(['run', '--silent', name], { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' }, true);
  return { name, ms: performance.now() - started, ...result };
}

function runVitest(args: readonly string[], env: NodeJS.ProcessEnv, buffered = false): Promise<RunResult> {
  return runNpm(['exec', '--', 'vitest', 'run', ...args], env, buffered);
}

/** The two runs of a whole npm test: what each runs, how many files at a time, and whether its output waits for its end. */
const sideBySide = [
  { name: 'unit and dist', args: ['--project', 'unit', '--project', 'dist'], workers: 1, buffered: true },
  // Three files at a time: two left the cores a third idle (the files wait more than they compute); four were no faster.
  { name: 'end to end', args: ['--project', 'e2e'], workers: 3, buffered: false },
] as const;

/** Both runs side by side; their totals, the reliability figures both produce, and the one closing line. */
async function runSideBySide(steps: PipelineSteps, env: NodeJS.ProcessEnv): Promise<number> {
  const resultsDir = await mkdtemp(join(tmpdir(), 'npm-test-parts-'));
  try {
    const runs = await Promise.all(
      sideBySide.map(async ({ name, args, workers, buffered }) => {
        const part: PipelinePart = { name, resultFile: join(resultsDir, `${name.replace(/\W+/g, '-')}.json`), workers };
        const run = await runVitest(args, { ...env, [pipelineStepsVariable]: JSON.stringify({ ...steps, part }) }, buffered);
        if (buffered) console.log(`\n── ${name} (beside the end-to-end tests): ${run.exitCode === 0 ? 'passed' : `FAILED (exit ${String(run.exitCode)})`}\n${run.output.trimEnd()}\n`);
        const result = await readPartResult(part.resultFile);
        return { name, exitCode: run.exitCode, result };
      }),
    );
    const problems = runs.filter((run) => !run.result).map((run) => `the ${run.name} run ended without its totals (exit ${String(run.exitCode)})`);
    problems.push(...reliabilityFiguresCheck({ wholeTiers: new Set(['unit', 'e2e']), startedAt: steps.startedAt }));
    for (const problem of problems) console.log(`FAILED: ${problem}`);
    const total: PartResult = {
      passed: runs.reduce((sum, run) => sum + (run.result?.passed ?? 0), 0),
      failed: runs.reduce((sum, run) => sum + (run.result?.failed ?? 0), 0) + problems.length,
    };
    console.log(`\n${closingLine(total)}`);
    return total.failed > 0 || runs.some((run) => run.exitCode !== 0) ? 1 : 0;
  } finally {
    await rm(resultsDir, { recursive: true, force: true });
  }
}

async function readPartResult(file: string): Promise<PartResult | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<PartResult>;
    return typeof parsed.passed === 'number' && typeof parsed.failed === 'number' ? { passed: parsed.passed, failed: parsed.failed } : null;
  } catch {
    return null;
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(vitestArgs: string[]): Promise<number> {
  const startedAt = Date.now();
  const checksStarted = performance.now();
  const results = await Promise.all(
    checkScripts.map(async (name) => {
      const result = await runCheck(name);
      const output = result.output.trimEnd();
      console.log(`── ${name}: ${result.exitCode === 0 ? 'passed' : `FAILED (exit ${String(result.exitCode)})`} in ${seconds(result.ms)}${output ? `\n${output}` : ''}`);
      return result;
    }),
  );
  const checksMs = performance.now() - checksStarted;
  const failed = results.filter((result) => result.exitCode !== 0).map((result) => result.name);
  if (failed.length > 0) {
    console.error(`\nnpm test stopped before the tests: ${failed.join(', ')} failed (output above)`);
    return 1;
  }
  const steps: PipelineSteps = { startedAt, checksMs, checks: results.map(({ name, ms }) => ({ name, ms })) };
  const exitCode =
    vitestArgs.length === 0
      ? await runSideBySide(steps, process.env)
      : (await runVitest(vitestArgs, { ...process.env, [pipelineStepsVariable]: JSON.stringify(steps) })).exitCode;
  if (exitCode !== 0) console.error(`\nnpm test failed in the tests (exit ${String(exitCode)})`);
  return exitCode;
}

process.exitCode = await main(process.argv.slice(2));
