import type { CliCommand } from '../command.ts';
import { auditCommand } from './audit.ts';
import { checkCommand } from './check.ts';
import { importCommand } from './import.ts';
import { hotlineCommand } from './hotline.ts';
import { keysCommand } from './keys.ts';
import { instrumentsCommand } from './instruments.ts';
import { migrateCommand } from './migrate.ts';
import { scoreCommand } from './score.ts';
import { seedCommand } from './seed.ts';
import { serveCommand } from './serve.ts';
import { userCommand } from './user.ts';

/** Every `anxin` sub-command, in the order `anxin --help` lists them. */
export const commands: readonly CliCommand[] = [
  serveCommand,
  migrateCommand,
  seedCommand,
  userCommand,
  auditCommand,
  checkCommand,
  keysCommand,
  scoreCommand,
  instrumentsCommand,
  importCommand,
  hotlineCommand,
];
