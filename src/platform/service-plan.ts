// Installing roseha as an OS service is a short plan of steps (write a file, run a command, remove a
// file), carried out in order through the Runner, or printed by --dry-run. A failing command stops
// the plan with its code.
import { mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { RosehaError } from '../errors.js';
import { formatCommand, type CommandSpec, type Runner } from './types.js';

export type ServiceStep =
  | { kind: 'write'; path: string; text: string; mode?: number }
  | { kind: 'copy'; from: string; to: string }
  | { kind: 'remove'; path: string }
  | { kind: 'run'; spec: CommandSpec; /** exit codes that are fine (e.g. "already stopped") */ okExitCodes?: number[] };

export type RunStep = Extract<ServiceStep, { kind: 'run' }>;

export type ServiceAction = 'install' | 'uninstall' | 'start' | 'stop';

/** How a person would do the step by hand: what --dry-run prints. */
export function describeStep(step: ServiceStep): string {
  switch (step.kind) {
    case 'write':
      return `# write ${step.path}${step.mode ? ` (mode ${step.mode.toString(8)})` : ''}:\n${step.text.replace(/\n$/, '')}`;
    case 'copy':
      return `# copy ${step.from} -> ${step.to}`;
    case 'remove':
      return `# remove ${step.path}`;
    case 'run':
      return formatCommand(step.spec);
  }
}

export interface FileOps {
  write(path: string, text: string, mode?: number): void;
  copy(from: string, to: string): void;
  remove(path: string): void;
}

export const realFileOps: FileOps = {
  write(path, text, mode) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { mode: mode ?? 0o644 });
  },
  copy(from, to) {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  },
  remove(path) {
    rmSync(path, { force: true });
  },
};

export async function runServicePlan(steps: readonly ServiceStep[], runner: Runner, files: FileOps = realFileOps): Promise<string[]> {
  const done: string[] = [];
  for (const step of steps) {
    if (step.kind === 'run') {
      const r = await runner.run(step.spec);
      if (r.exitCode !== 0 && !(step.okExitCodes ?? []).includes(r.exitCode)) {
        throw new RosehaError('RHA-E5262', `${formatCommand(step.spec)} failed (exit ${r.exitCode}): ${(r.stderr || r.stdout).trim().slice(0, 500)}`, { details: { done } });
      }
    } else {
      try {
        if (step.kind === 'write') files.write(step.path, step.text, step.mode);
        else if (step.kind === 'copy') files.copy(step.from, step.to);
        else files.remove(step.path);
      } catch (err) {
        throw new RosehaError('RHA-E5263', `${describeStep(step).split('\n')[0]!.replace(/^# /, '')} failed: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
      }
    }
    done.push(describeStep(step).split('\n')[0]!);
  }
  return done;
}
