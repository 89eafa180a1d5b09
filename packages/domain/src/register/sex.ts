export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

export function isSex(value: unknown): value is Sex {
  return value === 'male' || value === 'female';
}

const SEX_TEXT: Record<string, Sex> = {
  男: 'male',
  女: 'female',
  m: 'male',
  f: 'female',
  male: 'male',
  female: 'female',
};

/** Reads 男/女, M/F or male/female (any case, trimmed); undefined for anything else. */
export function parseSexText(text: string): Sex | undefined {
  return SEX_TEXT[text.trim().toLowerCase()];
}
