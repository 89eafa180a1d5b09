/** The roles an account can hold; each assignment is scoped to a region subtree. */
export const ROLES = [
  'platform_admin',
  'health_admin',
  'hospital_clerk',
  'primary_care_doctor',
  'psychiatrist',
  'counselor',
  'social_worker',
  'grid_worker',
  'hotline_counselor',
  'hotline_supervisor',
  'civil_affairs_officer',
  'evaluator',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface RoleAssignment {
  role: Role;
  /** Full region code (12 or 15 digits) of the subtree the role applies to. */
  regionCode: string;
  /** The organization the person acts for in this role, when there is one. */
  organizationId?: string | null;
}

/** Who is asking: an authenticated account and its role assignments. */
export interface Actor {
  accountId: string;
  username: string;
  roles: readonly RoleAssignment[];
}
