const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });
const dateOnly = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

export const formatDateTime = (iso: string) => (iso ? dateTime.format(new Date(iso)) : '—');
export const formatDate = (iso: string) => (iso ? dateOnly.format(new Date(iso)) : '—');
export const formatRating = (r: number) => r.toFixed(0);
export const formatPercent = (share: number, digits = 0) => `${(share * 100).toFixed(digits)}%`;

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

export const preferenceText = {
  A: 'A was better',
  B: 'B was better',
  tie: 'Tie',
  both_bad: 'Both bad',
} as const;

export const methodNames = {
  bt: 'Bradley–Terry',
  davidson: 'Davidson (ties)',
  glicko2: 'Glicko-2',
  elo: 'Elo',
  task: 'Task-aware',
} as const;
export type MethodKey = keyof typeof methodNames;
export const isMethod = (m: string | null): m is MethodKey => m !== null && m in methodNames;
