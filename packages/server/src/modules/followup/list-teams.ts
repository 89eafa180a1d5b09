import { can, jurisdictionPrefixes } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';

export interface TeamView {
  id: string;
  name: string;
  kind: string;
  regionCode: string;
  mine: boolean;
  members: Array<{ accountId: string; displayName: string; isLead: boolean }>;
}

/**
 * Teams for the worklist and reassignment: the caller's own teams, and (for those who may assign) every team
 * based within their jurisdiction.
 */
export async function listFollowUpTeams(ctx: AppContext, rc: RequestContext): Promise<{ items: TeamView[] }> {
  const readPrefixes = jurisdictionPrefixes(rc.actor, 'followup.read');
  if (readPrefixes.length === 0) await authorize(ctx, rc, 'followup.read', { regionCode: '000000000000' });
  const assignPrefixes = jurisdictionPrefixes(rc.actor, 'followup.assign');
  const rows = await ctx.db.query<{
    id: string;
    name: string;
    kind: string;
    region_code: string;
    mine: boolean;
    members: Array<{ account_id: string; display_name: string; is_lead: boolean }> | null;
  }>(
    `SELECT t.id, t.name, t.kind, t.region_code,
       EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id AND m.account_id = $1) AS mine,
       (SELECT json_agg(json_build_object('account_id', m.account_id, 'display_name', a.display_name, 'is_lead', m.is_lead) ORDER BY m.is_lead DESC, a.display_name)
          FROM team_members m JOIN accounts a ON a.id = m.account_id AND a.disabled_at IS NULL WHERE m.team_id = t.id) AS members
     FROM teams t
     WHERE t.kind NOT IN ('crisis', 'hotline')
       AND (EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id AND m.account_id = $1) OR t.region_code LIKE ANY($2::text[]))
     ORDER BY t.region_code, t.name
     LIMIT 500`,
    [rc.actor.accountId, assignPrefixes.map((p) => `${p}%`)],
  );
  return {
    items: rows
      .filter((r) => r.mine || can(rc.actor, 'followup.assign', { regionCode: r.region_code }))
      .map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        regionCode: r.region_code,
        mine: r.mine,
        members: (r.members ?? []).map((m) => ({ accountId: m.account_id, displayName: m.display_name, isLead: m.is_lead })),
      })),
  };
}
