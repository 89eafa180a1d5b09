import type { CliCommand } from '../command.ts';

/**
 * Every `anxin` sub-command, in the order `anxin --help` lists them, each loaded only when it runs: a
 * command imports what it needs (`anxin import` never loads the HTTP server), so start-up time and
 * memory are the command's own.
 */
const loaders: readonly (readonly [string, () => Promise<CliCommand>])[] = [
  ['serve', async () => (await import('./serve.ts')).serveCommand],
  ['migrate', async () => (await import('./migrate.ts')).migrateCommand],
  ['seed', async () => (await import('./seed.ts')).seedCommand],
  ['user', async () => (await import('./user.ts')).userCommand],
  ['audit', async () => (await import('./audit.ts')).auditCommand],
  ['check', async () => (await import('./check.ts')).checkCommand],
  ['keys', async () => (await import('./keys.ts')).keysCommand],
  ['score', async () => (await import('./score.ts')).scoreCommand],
  ['instruments', async () => (await import('./instruments.ts')).instrumentsCommand],
  ['import', async () => (await import('./import.ts')).importCommand],
  ['hotline', async () => (await import('./hotline.ts')).hotlineCommand],
  ['rollups', async () => (await import('./rollups.ts')).rollupsCommand],
];

/** The command of this name, loaded; undefined when there is none. */
export async function loadCommand(name: string): Promise<CliCommand | undefined> {
  const entry = loaders.find(([n]) => n === name);
  return entry ? entry[1]() : undefined;
}

/** Every command, loaded (for the usage listing). */
export async function loadCommands(): Promise<CliCommand[]> {
  return Promise.all(loaders.map(([, load]) => load()));
}
