import { BRAND_BLUE } from '../theme/theme.ts';

/** The Anxin mark: a shield (protection, public service) holding a heart (care). */
export function BrandMark({ size = 32, inverted = false }: { size?: number; inverted?: boolean }) {
  const shield = inverted ? '#ffffff' : BRAND_BLUE;
  const heart = inverted ? BRAND_BLUE : '#ffffff';
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path d="M16 2 28 6.5v9C28 23 22.8 28.3 16 30 9.2 28.3 4 23 4 15.5v-9Z" fill={shield} />
      <path
        d="M16 22.5s-6.5-3.9-6.5-8.5c0-2.2 1.7-3.7 3.6-3.7 1.3 0 2.3.7 2.9 1.7.6-1 1.6-1.7 2.9-1.7 1.9 0 3.6 1.5 3.6 3.7 0 4.6-6.5 8.5-6.5 8.5Z"
        fill={heart}
      />
    </svg>
  );
}
