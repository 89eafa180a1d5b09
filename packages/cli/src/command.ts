/** One `anxin` sub-command. Commands write through `io` so tests can capture output. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** True when stdout is a terminal (progress bars only then). */
  isTty: boolean;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code: 0 ok, 1 failure, 2 bad usage or invalid input. */
  run(argv: string[], io: CliIo): Promise<number>;
}
