import type { CliCommand, CliIo } from './command.ts';
import { loadCommand, loadCommands } from './commands/index.ts';

function usage(list: readonly CliCommand[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  const lines = list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: anxin <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'anxin <command> --help' for a command's options.\n`;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    isTty: Boolean(process.stdout.isTTY),
  };
}

/** Runs one command line; returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage(await loadCommands()));
    return name ? 0 : 2;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.err(`anxin: unknown command '${name}'\n\n${usage(await loadCommands())}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  return command.run(rest, io);
}
