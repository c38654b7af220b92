// The cost history as "Copy cost history" puts it on the clipboard: CSV that pastes into a
// spreadsheet or pandas, one recorded iteration a line.

export function costsCsv(costs: ReadonlyArray<readonly [number, number]>): string {
  return ['iteration,cost', ...costs.map(([i, c]) => `${i},${c}`)].join('\n') + '\n';
}
