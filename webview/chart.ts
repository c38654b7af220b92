// The cost curve (left axis, linear or log) and the train/test accuracy (right axis, %), updated
// in place as progress arrives. Under the cost line, a shaded band spans the least and greatest
// cost of the iterations each point stands for (a long run's points are envelopes, see
// core/engine/history.ts), so an oscillating cost shows as a wide band, not a flat line.
// `#cost-chart[data-points]` counts the cost points drawn (UI tests read it).

import { Chart, Filler, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip } from 'chart.js';
import { parseColor } from './colors';
import { BASE_OPTIONS, setLogAxis, themeAxes } from './lineCharts';
import type { ViewState } from './reducer';
import { cssVar } from './theme';
import { tickText } from './ticks';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip, Filler);

type XY = { x: number; y: number };

/** Datasets: the three lines of the legend, then the band's lower and upper edges (no legend, no tooltip). */
const [COST, , TEST, LOW, HIGH] = [0, 1, 2, 3, 4];

export class CostChart {
  private readonly chart: Chart<'line', XY[]>;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const line = (label: string, yAxisID: string, dash: number[] = []) => ({ label, yAxisID, data: [] as XY[], borderDash: dash, pointRadius: 0, borderWidth: 2, tension: 0 });
    const edge = (label: string, fill: false | number) => ({ ...line(label, 'cost'), borderWidth: 0, fill });
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [line('cost J', 'cost'), line('train accuracy', 'acc', [4, 3]), line('test accuracy', 'acc', [1, 3]), edge('least cost', false), edge('greatest cost', LOW)] },
      options: {
        ...BASE_OPTIONS,
        plugins: {
          legend: {
            // The cost always (an empty chart still says what it will show); the accuracies once
            // they have data (none for mse, no test entry without a test set); never the band's edges.
            labels: {
              filter: (item, data) => item.datasetIndex === COST || (item.datasetIndex! <= TEST && data.datasets[item.datasetIndex!].data.length > 0),
              // A short line in each dataset's dash pattern, not a hatched box.
              usePointStyle: true,
              pointStyle: 'line',
              pointStyleWidth: 28,
            },
          },
          tooltip: { filter: (item) => item.datasetIndex <= TEST },
        },
        scales: {
          x: { type: 'linear', min: 0, title: { display: true, text: 'iteration' } },
          cost: { type: 'linear', position: 'left', title: { display: true, text: 'cost J' }, ticks: { callback: (value) => tickText(Number(value)) } },
          acc: { type: 'linear', position: 'right', min: 0, max: 100, title: { display: true, text: 'accuracy %' }, grid: { drawOnChartArea: false } },
        },
      },
    });
    this.applyTheme();
  }

  setLogScale(log: boolean): void {
    setLogAxis(this.chart, 'cost', log);
  }

  update(s: ViewState): void {
    const [cost, train, test, low, high] = this.chart.data.datasets;
    // null (a non-finite cost after JSON) is left out: a diverged run keeps its last finite curve.
    const points = s.costs.filter((p) => typeof p[1] === 'number' && Number.isFinite(p[1]));
    cost.data = points.map(([x, y]) => ({ x, y }));
    low.data = points.map(([x, y, lo]) => ({ x, y: lo ?? y }));
    high.data = points.map(([x, y, , hi]) => ({ x, y: hi ?? y }));
    train.data = s.accuracy.filter((a) => a[1] !== null).map(([x, y]) => ({ x, y: 100 * y! }));
    test.data = s.accuracy.filter((a) => a[2] !== null).map(([x, , y]) => ({ x, y: 100 * y! }));
    // Before the first point (a reset, a paused start): the run's iterations and a 0…1 cost axis,
    // rather than Chart.js's −1…1 around nothing.
    const scales = this.chart.options.scales!;
    scales.x!.max = points.length === 0 && s.iterations > 0 ? s.iterations : undefined;
    Object.assign(scales.cost!, points.length === 0 ? { suggestedMin: 0, suggestedMax: 1 } : { suggestedMin: undefined, suggestedMax: undefined });
    this.chart.update('none');
    this.canvas.dataset.points = String(cost.data.length);
  }

  applyTheme(): void {
    const blue = cssVar('--vscode-charts-blue', '#3794ff');
    const colors = [blue, cssVar('--vscode-charts-green', '#89d185'), cssVar('--vscode-charts-orange', '#d18616'), blue, translucent(blue)];
    this.chart.data.datasets.forEach((d, i) => {
      d.borderColor = colors[i];
      d.backgroundColor = colors[i];
    });
    this.chart.data.datasets[HIGH].backgroundColor = translucent(blue);
    themeAxes(this.chart);
  }
}

/** The band's fill: the cost line's colour at a quarter opacity. */
function translucent(color: string): string {
  const rgb = parseColor(color);
  return rgb ? `rgba(${rgb.map(Math.round).join(',')}, 0.25)` : color;
}
