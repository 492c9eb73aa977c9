import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { chromiumPath } from '../harness/browser';

/** What the numbers were measured on: they mean little without it. */

export type Machine = {
  cpu: string;
  cores: number;
  memoryGb: number;
  chromium: string;
  node: string;
  date: string;
  /** 1-minute load average when the run started and when it ended: other work on the machine skews everything. */
  loadAtStart: number;
  loadAtEnd: number | null;
};

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((entry) => entry.startsWith('model name'));
    if (line) return line.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    // not Linux: fall through
  }
  return cpus()[0]?.model ?? 'unknown';
}

function chromiumVersion(): string {
  try {
    return execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine(): Machine {
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    chromium: chromiumVersion(),
    node: process.version,
    date: new Date().toISOString(),
    loadAtStart: loadavg()[0] ?? 0,
    loadAtEnd: null,
  };
}

export function currentLoad(): number {
  return loadavg()[0] ?? 0;
}
