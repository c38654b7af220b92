// Plain-text tables (the CLI's output, the editor's Show Shapes): columns padded to their widest
// cell, numbers right-aligned.

export interface Column {
  title: string;
  align?: 'left' | 'right';
}

export function renderTable(columns: readonly Column[], rows: readonly string[][], footer: readonly string[] = []): string {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells
    .map((cell, i) => (columns[i].align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
    .join('  ')
    .trimEnd();
  const rule = '─'.repeat(widths.reduce((a, w) => a + w, 0) + 2 * (widths.length - 1));
  return [line(columns.map((c) => c.title)), rule, ...rows.map(line), rule, ...footer].join('\n');
}
