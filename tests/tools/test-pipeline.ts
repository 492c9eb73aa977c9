// `npm test`: the build, the typecheck and the lint side by side (none reads another's output), then one vitest run
// of every tier. Each check's output is printed whole when it ends, under a line with its time; a failed check is
// named and stops the run before the tests. The checks' times reach the closing summary (tests/tools/plain-summary.ts)
// through PIPELINE_STEPS, so every log ends with the time of each step and of the whole run.

import { spawn } from 'node:child_process';
import { pipelineStepsVariable, type PipelineSteps } from './pipeline-steps';

/** The package.json scripts run before the tests. */
const checkScripts = ['build', 'typecheck', 'lint'] as const;

type StepResult = { name: string; ms: number; exitCode: number; output: string };

/** npm itself, run by this Node: the same everywhere npm runs (no shell, no npm.cmd on Windows). */
function npmCommand(args: string[]): { command: string; args: string[] } {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.[cm]?js$/.test(npmCli)) return { command: process.execPath, args: [npmCli, ...args] };
  return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', args };
}

function runBuffered(name: string): Promise<StepResult> {
  const started = performance.now();
  const { command, args } = npmCommand(['run', '--silent', name]);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finish = (exitCode: number, extra = '') =>
      resolve({ name, ms: performance.now() - started, exitCode, output: Buffer.concat(chunks).toString('utf8') + extra });
    child.on('error', (error) => finish(1, `\n${error.message}\n`));
    child.on('close', (code, signal) => finish(code ?? 1, signal ? `\nended by ${signal}\n` : ''));
  });
}

function runInherited(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { command, args: npmArgs } = npmCommand(['exec', '--', 'vitest', 'run', ...args]);
  return new Promise((resolve) => {
    const child = spawn(command, npmArgs, { stdio: 'inherit', env });
    child.on('error', (error) => {
      console.error(error.message);
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(vitestArgs: string[]): Promise<number> {
  const startedAt = Date.now();
  const checksStarted = performance.now();
  const results = await Promise.all(
    checkScripts.map(async (name) => {
      const result = await runBuffered(name);
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
  const exitCode = await runInherited(vitestArgs, { ...process.env, [pipelineStepsVariable]: JSON.stringify(steps) });
  if (exitCode !== 0) console.error(`\nnpm test failed in the tests (vitest exit ${String(exitCode)})`);
  return exitCode;
}

process.exitCode = await main(process.argv.slice(2));
