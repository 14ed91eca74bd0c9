import type { RatingRow, RatingTable } from '@policy-arena/rating';

const HEADER = ['rank', 'policy', 'rating', 'ci_low', 'ci_high', 'rank_range', 'n', 'wins', 'losses', 'ties'];

function cells(row: RatingRow): string[] {
  return [
    String(row.rank),
    row.policy,
    row.rating.toFixed(2),
    row.ci[0].toFixed(2),
    row.ci[1].toFixed(2),
    `${row.rankRange[0]}-${row.rankRange[1]}`,
    String(row.n),
    String(row.wins),
    String(row.losses),
    String(row.ties),
  ];
}

/** RFC 4180 quoting: a policy name may contain a comma or a quote. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsv(table: RatingTable): string {
  const lines = [['board', ...HEADER].join(',')];
  const add = (board: string, rows: readonly RatingRow[]): void => {
    for (const row of rows) lines.push([board, ...cells(row)].map(csvField).join(','));
  };
  add('overall', table.rows);
  for (const [category, rows] of Object.entries(table.categoryRows ?? {})) add(category, rows);
  return `${lines.join('\n')}\n`;
}

function aligned(rows: readonly RatingRow[]): string {
  const body = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, c) => Math.max(...body.map((r) => r[c].length)));
  // Text columns left-aligned, numbers right-aligned.
  return body
    .map((r) => r.map((v, c) => (c === 1 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '))
    .join('\n');
}

export function formatTable(table: RatingTable): string {
  const parts = [
    `method ${table.method} · ${table.trials} trials · ${table.inputDigest}`,
    aligned(table.rows),
  ];
  for (const [category, rows] of Object.entries(table.categoryRows ?? {}))
    parts.push(`category ${category}`, aligned(rows));
  return `${parts.join('\n\n')}\n`;
}
