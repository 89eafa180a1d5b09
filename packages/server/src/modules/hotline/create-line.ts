import { randomBytes } from 'node:crypto';
import { AppError, ErrorCode } from '@anxin/domain';
import { openHoursPerDay } from '@anxin/domain/hotline/coverage.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { RegionRepository } from '../regions/region-repository.ts';
import { HOTLINE_CONTEXT } from './hotline-crypto.ts';
import { LineRepository } from './line-repository.ts';
import { auditHotlineChange } from './manage-audit.ts';

export interface CreateLineInput {
  number: string;
  name: string;
  regionCode: string;
  openTime: string;
  closeTime: string;
  seats: string[];
  /** The CTI webhook secret; generated when left out. Returned once, stored encrypted. */
  webhookSecret?: string | undefined;
}

/** Creates a line with its seats. The webhook secret is shown once in the reply. */
export async function createLine(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  rc: RequestContext,
  input: CreateLineInput,
): Promise<{ id: string; webhookSecret: string }> {
  try {
    openHoursPerDay({ open: input.openTime, close: input.closeTime });
  } catch {
    throw new AppError(ErrorCode.VALIDATION, 'Hours are HH:MM', { field: 'body.openTime' });
  }
  if (!(await new RegionRepository(ctx.db).find(input.regionCode))) {
    throw new AppError(ErrorCode.VALIDATION, `Region ${input.regionCode} does not exist`, { field: 'body.regionCode' });
  }
  await authorize(ctx, rc, 'hotline.manage', { regionCode: input.regionCode, resourceType: 'hotline_line' });
  const secret = input.webhookSecret ?? randomBytes(24).toString('base64url');
  const now = ctx.clock();
  const id = await ctx.db.transaction(async (tx) => {
    const lines = new LineRepository(tx);
    const lineId = await lines.insertLine({
      number: input.number,
      name: input.name,
      regionCode: input.regionCode,
      organizationId: null,
      openTime: input.openTime,
      closeTime: input.closeTime,
      webhookSecretEnc: ctx.cipher.encrypt(secret, HOTLINE_CONTEXT.webhookSecret),
    });
    if (!lineId) throw new AppError(ErrorCode.ALREADY_EXISTS, `Line ${input.number} already exists`, { field: 'body.number' });
    await lines.insertSeats(lineId, [...new Set(input.seats)]);
    await auditHotlineChange(tx, rc, now, {
      action: 'hotline.line_create',
      resourceType: 'hotline_line',
      resourceId: lineId,
      regionCode: input.regionCode,
      details: { seats: input.seats.length },
    });
    return lineId;
  });
  return { id, webhookSecret: secret };
}
