// What both panels' line charts share (webview/chart.ts, webview/compare/chart.ts): their base
// options, the cost axis switched between linear and log, every axis recoloured for the theme.

import type { Chart } from 'chart.js';
import { cssVar } from './theme';
import { logTicks } from './ticks';

type LineChart = Chart<'line', Array<{ x: number; y: number }>>;

/**
 * Options every chart starts from: redrawn in place as progress arrives, so no animation; points
 * already {x, y} in iteration order; the tooltip at the nearest iteration.
 */
export const BASE_OPTIONS = {
  animation: false,
  parsing: false,
  normalized: true,
  maintainAspectRatio: false,
  interaction: { mode: 'nearest', axis: 'x', intersect: false },
} as const;

/** Makes `chart`'s axis `id` linear or log and redraws. */
export function setLogAxis(chart: LineChart, id: string, log: boolean): void {
  const axis = chart.options.scales![id]!;
  axis.type = log ? 'logarithmic' : 'linear';
  // On a log axis keep only the round ticks (grid lines and labels alike); see ticks.ts.
  axis.afterBuildTicks = log ? (scale) => void (scale.ticks = logTicks(scale.ticks.map((t) => t.value)).map((value) => ({ value }))) : undefined;
  chart.update('none');
}

/** Colours the legend and every axis's ticks, grid and title from the theme, and redraws. */
export function themeAxes(chart: LineChart): void {
  const fg = cssVar('--vscode-foreground', '#888');
  const grid = cssVar('--vscode-editorWidget-border', cssVar('--vscode-panel-border', '#8884'));
  chart.options.color = fg;
  for (const scale of Object.values(chart.options.scales!)) {
    scale!.ticks = { ...scale!.ticks, color: fg };
    scale!.grid = { ...scale!.grid, color: grid };
    if (scale && 'title' in scale && scale.title) scale.title.color = fg;
  }
  chart.update('none');
}
