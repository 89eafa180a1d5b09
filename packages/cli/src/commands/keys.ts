import { FieldCipher, addDataKey } from '@anxin/server';
import { reencryptAll } from '@anxin/server/privacy/rotate-keys.ts';
import type { CliCommand } from '../command.ts';
import { withContext } from './with-context.ts';

export const keysCommand: CliCommand = {
  name: 'keys',
  summary: 'Rotate the field-encryption data key (keys rotate)',
  usage: `anxin keys rotate

Adds a new data key to the key file, makes it active, and re-encrypts every encrypted field under it.
Old keys stay in the file so that a backup taken before rotation can still be read.`,
  async run(argv, io) {
    if (argv.length !== 1 || argv[0] !== 'rotate') {
      io.err('Usage: anxin keys rotate\n');
      return 2;
    }
    return withContext(io, async (ctx) => {
      const ring = addDataKey(ctx.config.keyFile);
      const report = await reencryptAll(ctx.db, new FieldCipher(ring));
      io.out(`active key: ${report.activeKeyId}\n`);
      for (const [column, n] of Object.entries(report.reencrypted)) io.out(`  ${column}: ${n} re-encrypted\n`);
      return 0;
    });
  },
};
