import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_FIRST_CONTACT, parseFirstContactDeadlines, type FirstContactDeadlines } from '@anxin/domain/crisis/deadlines.ts';
import { parseConsultationSeverity } from '@anxin/domain/assessments/consultation-config.ts';

/**
 * Configuration, parsed once at boot from the environment. Anything wrong fails fast with a message
 * that names the variable; nothing else reads process.env.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  ANXIN_DATA_DIR: z.string().min(1).default('./data'),
  ANXIN_KEY_FILE: z.string().min(1).optional(),
  ANXIN_TIME_ZONE: z.string().min(1).default('Asia/Shanghai'),
  ANXIN_ENABLED_PROVINCES: z
    .string()
    .regex(/^(none|\d{2}(,\d{2})*)$/, "must be two-digit province codes separated by commas (e.g. 42,33), or 'none'")
    .default('42'),
  ANXIN_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  ANXIN_COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  ANXIN_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  ANXIN_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  ANXIN_SESSION_CACHE_MS: z.coerce.number().int().min(0).max(10_000).default(0),
  ANXIN_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  ANXIN_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  ANXIN_WEB_DIST: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ANXIN_JOBS: z.enum(['on', 'off']).default('on'),
  ANXIN_JOBS_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  ANXIN_SMS_ADAPTER: z.enum(['console', 'http', 'off']).default('console'),
  ANXIN_SMS_HTTP_URL: z.url({ protocol: /^https?$/ }).optional(),
  ANXIN_SMS_HTTP_TOKEN: z.string().min(1).optional(),
  // Crisis first-contact deadlines per level, e.g. 'imminent=1h,high=24h,moderate=3d' (levels left out keep 1h/24h/72h).
  ANXIN_CRISIS_FIRST_CONTACT: z
    .string()
    .refine((v) => parseFirstContactDeadlines(v) !== null, "must look like 'imminent=1h,high=24h,moderate=72h' (h = hours, d = calendar days)")
    .default(''),
  // Severity band from which an assessment goes to consultation, per instrument, e.g. 'phq9=moderately_severe,who5=none'.
  ANXIN_CONSULTATION_SEVERITY: z
    .string()
    .refine((v) => parseConsultationSeverity(v) !== null, "must look like 'phq9=moderate,gad7=severe' with known instruments and bands, or <id>=none")
    .default(''),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  keyFile: string;
  timeZone: string;
  enabledProvinces: string[];
  demoPassword: string | undefined;
  cookieSecure: 'true' | 'false' | 'auto';
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /**
   * How long a server process may reuse a session it has read (0, the default: read it on every request). Sign-out
   * and "sign out everywhere" in the same process apply at once; a disabled account, a changed role or a sign-out in
   * another process apply within this time.
   */
  sessionCacheMs: number;
  bodyLimitBytes: number;
  trustProxy: boolean;
  webDist: string | undefined;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** Background job worker in `anxin serve` (ANXIN_JOBS=off for a web-only process). */
  jobs: { enabled: boolean; pollMs: number };
  sms: { adapter: 'console' | 'http' | 'off'; httpUrl: string | undefined; httpToken: string | undefined };
  crisis: { firstContact: FirstContactDeadlines };
  /** Consultation bands per instrument (defaults from the domain's DEFAULT_RISK_CONFIG). */
  assessments: { consultationSeverity: Record<string, string> };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset, as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = resolve(e.ANXIN_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    keyFile: resolve(e.ANXIN_KEY_FILE ?? `${dataDir}/keys.json`),
    timeZone: e.ANXIN_TIME_ZONE,
    enabledProvinces: e.ANXIN_ENABLED_PROVINCES === 'none' ? [] : e.ANXIN_ENABLED_PROVINCES.split(','),
    demoPassword: e.ANXIN_DEMO_PASSWORD,
    cookieSecure: e.ANXIN_COOKIE_SECURE,
    sessionIdleMs: e.ANXIN_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.ANXIN_SESSION_ABSOLUTE_HOURS * 3_600_000,
    sessionCacheMs: e.ANXIN_SESSION_CACHE_MS,
    bodyLimitBytes: e.ANXIN_BODY_LIMIT_BYTES,
    trustProxy: e.ANXIN_TRUST_PROXY === 'true',
    webDist: e.ANXIN_WEB_DIST,
    logLevel: e.LOG_LEVEL,
    jobs: { enabled: e.ANXIN_JOBS === 'on', pollMs: e.ANXIN_JOBS_POLL_MS },
    sms: { adapter: e.ANXIN_SMS_ADAPTER, httpUrl: e.ANXIN_SMS_HTTP_URL, httpToken: e.ANXIN_SMS_HTTP_TOKEN },
    crisis: { firstContact: parseFirstContactDeadlines(e.ANXIN_CRISIS_FIRST_CONTACT) ?? DEFAULT_FIRST_CONTACT },
    assessments: { consultationSeverity: parseConsultationSeverity(e.ANXIN_CONSULTATION_SEVERITY) ?? {} },
  };
}
