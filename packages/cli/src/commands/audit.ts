import { verifyAuditChain } from '@anxin/server';
import type { CliCommand } from '../command.ts';
import { withContext } from './with-context.ts';

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'Verify the audit trail hash chain (audit verify)',
  usage: `anxin audit verify [--json]

Recomputes the hash chain of the audit log. Exit 0 when intact, 1 when a row was edited or deleted
(the first bad row is named). Keep the printed head hash: a later run must extend it.`,
  async run(argv, io) {
    const json = argv.includes('--json');
    const rest = argv.filter((a) => a !== '--json');
    if (rest.length !== 1 || rest[0] !== 'verify') {
      io.err('Usage: anxin audit verify [--json]\n');
      return 2;
    }
    return withContext(io, async (ctx) => {
      const result = await verifyAuditChain(ctx.db);
      if (json) io.out(`${JSON.stringify(result)}\n`);
      else if (result.ok) io.out(`audit chain intact: ${result.rows} rows, head ${result.headHash}\n`);
      else io.out(`AUDIT CHAIN BROKEN at row ${result.problem?.id} (${result.problem?.reason}); ${result.rows} rows verified before it\n`);
      return result.ok ? 0 : 1;
    });
  },
};
