// A generator's examples as the CSV the exported script reads (spec §10): a header, then one row
// per example, the n[0] features and the class index (a 0/1 label for two classes). Numbers in
// JavaScript's shortest round-trip form (and −0 as -0), so Python reads back the very same doubles.

import type { Generated } from '../../data/generators';

export const exact = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

export function dataCsv({ X, labels }: Generated): string {
  const { rows: n, cols: m } = X;
  const lines = [[...Array.from({ length: n }, (_, f) => `x${f + 1}`), 'label'].join(',')];
  for (let j = 0; j < m; j++) {
    const row: string[] = [];
    for (let f = 0; f < n; f++) row.push(exact(X.data[f * m + j]));
    row.push(String(labels[j]));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}
