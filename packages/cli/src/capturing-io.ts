import type { CliIo } from './command.ts';

export type CapturingIo = CliIo & { stdout: string; stderr: string };

/**
 * A CliIo for tests that keeps what a command prints. `quiet` (the default) silences logs and skips loading the
 * country's regions, which tests on an embedded database do not need.
 */
export function capturingIo(env: Record<string, string> = {}, quiet = true): CapturingIo {
  const io: CapturingIo = {
    stdout: '',
    stderr: '',
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
    env: quiet ? { ...env, LOG_LEVEL: 'silent', ANXIN_ENABLED_PROVINCES: 'none' } : env,
    isTty: false,
  };
  return io;
}
