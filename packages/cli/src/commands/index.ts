import type { CliCommand } from '../command.ts';

/** Every `anxin` sub-command, in the order `anxin --help` lists them. */
export const commands: readonly CliCommand[] = [];
