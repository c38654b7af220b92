// The comparison's two charts: every run's cost J on one (linear or log), every run's train
// (solid) and test (dashed) accuracy on the other, one theme colour per run, the legend naming the
// run and its settings. `#compare-cost[data-lines]` counts the cost lines drawn (UI tests read it).

import { Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip, type ChartDataset } from 'chart.js';
import { BASE_OPTIONS, setLogAxis, themeAxes } from '../lineCharts';
import { cssVar } from '../theme';
import { tickText } from '../ticks';
import { accuracyLines, compareLines, type CompareState } from './reducer';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

type XY = { x: number; y: number };
type Line = ChartDataset<'line', XY[]>;

/** The run colours, in legend order; past six they repeat (the legend's text still tells them apart). */
const PALETTE: Array<[string, string]> = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b780e2'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-yellow', '#cca700'],
];

export class CompareCharts {
  private readonly cost: Chart<'line', XY[]>;
  private readonly accuracy: Chart<'line', XY[]>;
  private colors: string[] = [];

  constructor(private readonly costCanvas: HTMLCanvasElement, private readonly accuracyCanvas: HTMLCanvasElement) {
    this.cost = chart(costCanvas, { type: 'linear', title: { display: true, text: 'cost J' }, ticks: { callback: (value: string | number) => tickText(Number(value)) } });
    this.accuracy = chart(accuracyCanvas, { type: 'linear', min: 0, max: 100, title: { display: true, text: 'accuracy %' } });
    this.applyTheme();
  }

  setLogScale(log: boolean): void {
    setLogAxis(this.cost, 'y', log);
  }

  update(s: CompareState): void {
    const series = compareLines(s);
    const color = (i: number) => this.colors[i % this.colors.length];
    this.cost.data.datasets = series.map((r) => line(r.title, r.cost, color(r.run)));
    // Train solid, test dashed; a run without a test set has no dashed line, a regression run none.
    const accuracy = accuracyLines(series);
    this.accuracy.data.datasets = accuracy.flatMap((r) => [
      line(`${r.title} · train`, r.train, color(r.run)),
      ...(r.test.length ? [line(`${r.title} · test`, r.test, color(r.run), [5, 4])] : []),
    ]);
    this.accuracyCanvas.parentElement!.hidden = accuracy.length === 0;
    const iterations = Math.max(0, ...s.runs.map((r) => r.view.iterations));
    for (const c of [this.cost, this.accuracy]) {
      c.options.scales!.x!.max = iterations > 0 ? iterations : undefined;
      c.update('none');
    }
    this.costCanvas.dataset.lines = String(series.filter((r) => r.cost.length > 0).length);
  }

  applyTheme(): void {
    this.colors = PALETTE.map(([name, fallback]) => cssVar(name, fallback));
    themeAxes(this.cost);
    themeAxes(this.accuracy);
  }
}

function chart(canvas: HTMLCanvasElement, y: object): Chart<'line', XY[]> {
  return new Chart(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: {
      ...BASE_OPTIONS,
      plugins: {
        // A short line in each run's colour and dash pattern, not a box.
        legend: { position: 'bottom', labels: { usePointStyle: true, pointStyle: 'line', pointStyleWidth: 28 } },
      },
      scales: {
        x: { type: 'linear', min: 0, title: { display: true, text: 'iteration' } },
        y,
      },
    },
  });
}

function line(label: string, data: XY[], color: string, dash: number[] = []): Line {
  return { label, data, borderColor: color, backgroundColor: color, borderDash: dash, pointRadius: 0, borderWidth: 2, tension: 0 };
}
