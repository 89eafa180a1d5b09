/**
 * Where to go after signing in. Only same-site paths are honoured, so a crafted `?next=` link cannot
 * send a freshly signed-in user to another site.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  if (next === '/login' || next.startsWith('/login?')) return '/';
  return next;
}
