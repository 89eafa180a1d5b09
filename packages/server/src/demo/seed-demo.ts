import { randomBytes } from 'node:crypto';
import { COUNTRY_CODE, gridCode, type Role } from '@anxin/domain';
import type { AppContext } from '../app-context.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Queryable } from '../db/database.ts';
import { AccountRepository } from '../modules/accounts/account-repository.ts';
import { hashPassword } from '../modules/auth/password-hasher.ts';
import { OrganizationRepository } from '../modules/organizations/organization-repository.ts';
import { RegionRepository } from '../modules/regions/region-repository.ts';
import { seedHotline } from './seed-hotline.ts';
import { seedService } from './seed-service.ts';
import { seedFollowUp } from './seed-followup.ts';
import { seedRegisterCommunity } from './seed-register-community.ts';
import { seedRegister } from './seed-register.ts';
import { seedDashboards } from './seed-dashboards.ts';
import { seedCrisis } from './seed-crisis.ts';
import { seedAssessments } from './seed-assessments.ts';

export const DEMO_PROVINCE = '420000000000'; // 湖北省
export const DEMO_CITY = '420100000000'; // 武汉市
export const DEMO_DISTRICTS = ['420102000000', '420103000000'] as const; // 江岸区, 江汉区

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  password: string;
}

export interface DemoResult {
  seeded: boolean;
  accounts: DemoAccount[];
}

/** Grids the demo defines below the first communities of each district (grids are deployment-defined). */
async function seedGrids(tx: Queryable, communities: { code: string; name: string }[]): Promise<string[]> {
  const rows = communities.flatMap((c) =>
    [1, 2, 3].map((n) => ({ code: gridCode(c.code, n), parentCode: c.code, level: 'grid' as const, name: `${c.name}第${n}网格` })),
  );
  await new RegionRepository(tx).insertMany(rows);
  return rows.map((r) => r.code);
}

/**
 * Seeds a demonstration deployment for 武汉市 with real streets and communities: organizations of every
 * type, a county counseling team, and one account per role. Runs only on an empty database.
 */
export async function seedDemo(ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>, options: { password?: string | undefined }): Promise<DemoResult> {
  const existing = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
  if ((existing[0]?.n ?? 0) > 0) return { seeded: false, accounts: [] };

  const regions = new RegionRepository(ctx.db);
  const [jiangan, jianghan] = await Promise.all(DEMO_DISTRICTS.map((d) => regions.children(d)));
  if (!jiangan?.length || !jianghan?.length) {
    throw new Error('The demo needs 湖北省 streets and communities: set ANXIN_ENABLED_PROVINCES to include 42.');
  }
  const firstStreet = jiangan[0] as { code: string; name: string };
  const communities = (await regions.children(firstStreet.code)).slice(0, 2);
  const jianghanCommunities = (await regions.children((jianghan[0] as { code: string }).code)).slice(0, 1);

  const accountSpecs: Omit<DemoAccount, 'password'>[] = [];
  const password = (): string => options.password ?? randomBytes(9).toString('base64url');

  return ctx.db.transaction(async (tx) => {
    const grids = await seedGrids(tx, [...communities, ...jianghanCommunities]);
    const orgs = new OrganizationRepository(tx);
    const org = async (type: Parameters<OrganizationRepository['create']>[0]['type'], name: string, regionCode: string, coverage: string[] = []) => {
      const o = await orgs.create({ type, name, regionCode });
      for (const c of coverage) await orgs.addCoverage(o.id, c);
      return o.id;
    };
    const cityHealth = await org('health_commission', '武汉市卫生健康委员会', DEMO_CITY);
    const districtHealth = await org('health_commission', '江岸区卫生健康局', '420102000000');
    const hospital = await org('designated_hospital', '武汉市金银潭医院', DEMO_CITY);
    const mentalHealth = await org('mental_health_institution', '武汉市精神卫生中心', DEMO_CITY);
    const primaryCare: Record<string, string> = {};
    for (const street of [...jiangan, ...jianghan]) {
      const short = street.name.replace(/街道(办事处)?$/, '');
      primaryCare[street.code] = await org('primary_care', `${short}街社区卫生服务中心`, street.code, [street.code]);
    }
    const socialWork = await org('social_work', '江岸区社会工作服务中心', '420102000000');
    await org('university_counseling', '华中师范大学心理咨询中心', DEMO_CITY);
    const hotline = await org('hotline_center', '武汉市心理援助热线中心', DEMO_CITY);
    const civil = await org('civil_affairs', '武汉市民政局', DEMO_CITY);
    await org('public_security', '武汉市公安局江岸区分局', '420102000000');
    await org('justice', '江岸区司法局', '420102000000');
    await org('other', '江岸区红十字会', '420102000000');

    const grid = grids[0] as string;
    const spec = (username: string, displayName: string, role: Role, regionCode: string, orgId: string | null, post?: string) => {
      accountSpecs.push({ username, displayName, role, regionCode });
      return { username, displayName, role, regionCode, orgId, post: post ?? null };
    };
    const specs = [
      spec('admin', '平台管理员', 'platform_admin', COUNTRY_CODE, null),
      spec('health_admin', '武汉市卫健委管理员', 'health_admin', DEMO_CITY, cityHealth, 'city_team'),
      spec('county_admin', '江岸区卫健局管理员', 'health_admin', '420102000000', districtHealth),
      spec('hospital_clerk', '金银潭医院数据员', 'hospital_clerk', DEMO_CITY, hospital),
      spec('doctor', `${firstStreet.name.replace(/街道(办事处)?$/, '')}家庭医生`, 'primary_care_doctor', firstStreet.code, primaryCare[firstStreet.code] ?? null, 'street_cadre'),
      spec('psychiatrist', '市精卫中心精神科医生', 'psychiatrist', DEMO_CITY, mentalHealth),
      spec('counselor', '江岸区心理咨询师', 'counselor', '420102000000', mentalHealth, 'county_specialist'),
      spec('social_worker', '江岸区社工', 'social_worker', '420102000000', socialWork),
      spec('grid_worker', '网格员', 'grid_worker', grid, null, 'community_worker'),
      spec('hotline_counselor', '热线咨询员', 'hotline_counselor', DEMO_CITY, hotline),
      spec('hotline_supervisor', '热线督导', 'hotline_supervisor', DEMO_CITY, hotline),
      spec('civil_affairs', '民政专员', 'civil_affairs_officer', DEMO_CITY, civil),
      spec('evaluator', '第三方评估员', 'evaluator', DEMO_PROVINCE, null),
      spec('auditor', '审计员', 'auditor', DEMO_PROVINCE, null),
    ];

    const accounts = new AccountRepository(tx);
    const created: DemoAccount[] = [];
    const ids: Record<string, string> = {};
    for (const s of specs) {
      const pw = password();
      const a = await accounts.create({ username: s.username, displayName: s.displayName, passwordHash: await hashPassword(pw), designatedPost: s.post });
      await accounts.addRole(a.id, s.role, s.regionCode, s.orgId);
      ids[s.username] = a.id;
      created.push({ username: s.username, displayName: s.displayName, role: s.role, regionCode: s.regionCode, password: pw });
    }

    const team = await tx.query<{ id: string }>(
      `INSERT INTO teams (name, kind, organization_id, region_code) VALUES ('江岸区心理疏导团队', 'county_counseling', $1, '420102000000') RETURNING id`,
      [mentalHealth],
    );
    const teamId = team[0]?.id as string;
    await tx.query(`INSERT INTO team_regions (team_id, region_code) VALUES ($1, '420102000000')`, [teamId]);
    for (const [u, lead] of [['counselor', true], ['psychiatrist', false], ['social_worker', false]] as const) {
      await tx.query('INSERT INTO team_members (team_id, account_id, is_lead) VALUES ($1, $2, $3)', [teamId, ids[u], lead]);
    }
    const grassroots = await tx.query<{ id: string }>(
      `INSERT INTO teams (name, kind, region_code) VALUES ($1, 'grassroots_service', $2) RETURNING id`,
      [`${firstStreet.name}基层服务队`, firstStreet.code],
    );
    await tx.query('INSERT INTO team_regions (team_id, region_code) VALUES ($1, $2)', [grassroots[0]?.id, firstStreet.code]);
    for (const u of ['grid_worker', 'doctor']) {
      await tx.query('INSERT INTO team_members (team_id, account_id) VALUES ($1, $2)', [grassroots[0]?.id, ids[u]]);
    }
    await seedAssessments(tx, { at: ctx.clock(), doctorId: ids.doctor });
    await seedHotline(tx, { at: ctx.clock(), cipher: ctx.cipher, counselorId: ids.hotline_counselor, supervisorId: ids.hotline_supervisor, organizationId: hotline });
    await seedService(tx, { at: ctx.clock(), cipher: ctx.cipher, accounts: ids, orgs: { mentalHealth, civilAffairs: civil, primaryCare: primaryCare[firstStreet.code] ?? null } });
    await seedCrisis(tx, { at: ctx.clock(), cipher: ctx.cipher, accounts: ids, grid });
    await seedFollowUp(tx, { at: ctx.clock(), gridWorkerId: ids.grid_worker, grid });
    await seedRegisterCommunity(tx, { at: ctx.clock(), cipher: ctx.cipher, grid, primaryCareOrgId: primaryCare[firstStreet.code], doctorId: ids.doctor });
    await seedRegister(tx, { at: ctx.clock(), cipher: ctx.cipher });
    await seedDashboards(tx, { at: ctx.clock() });
    await appendAudit(tx, { at: ctx.clock(), action: 'demo.seed', details: { accounts: created.length } });
    return { seeded: true, accounts: created };
  });
}
