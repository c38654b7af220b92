// The cost curve (left axis, linear or log) and the train/test accuracy (right axis, %), updated
// in place as progress arrives. `#cost-chart[data-points]` counts the cost points drawn (UI tests read it).

import { Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip } from 'chart.js';
import type { ViewState } from './reducer';
import { cssVar } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

type XY = { x: number; y: number };

export class CostChart {
  private readonly chart: Chart<'line', XY[]>;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const line = (label: string, yAxisID: string, dash: number[] = []) => ({ label, yAxisID, data: [] as XY[], borderDash: dash, pointRadius: 0, borderWidth: 2, tension: 0 });
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [line('cost J', 'cost'), line('train accuracy', 'acc', [4, 3]), line('test accuracy', 'acc', [1, 3])] },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        // No test set: no test-accuracy entry in the legend.
        plugins: { legend: { labels: { filter: (item, data) => data.datasets[item.datasetIndex!].data.length > 0 } } },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'iteration' } },
          cost: { type: 'linear', position: 'left', title: { display: true, text: 'cost J' } },
          acc: { type: 'linear', position: 'right', min: 0, max: 100, title: { display: true, text: 'accuracy %' }, grid: { drawOnChartArea: false } },
        },
      },
    });
    this.applyTheme();
  }

  setLogScale(log: boolean): void {
    const cost = this.chart.options.scales!.cost!;
    cost.type = log ? 'logarithmic' : 'linear';
    this.chart.update('none');
  }

  update(s: ViewState): void {
    const [cost, train, test] = this.chart.data.datasets;
    cost.data = s.costs.map(([x, y]) => ({ x, y }));
    train.data = s.accuracy.filter((a) => a[1] !== null).map(([x, y]) => ({ x, y: 100 * y! }));
    test.data = s.accuracy.filter((a) => a[2] !== null).map(([x, , y]) => ({ x, y: 100 * y! }));
    this.chart.update('none');
    this.canvas.dataset.points = String(cost.data.length);
  }

  applyTheme(): void {
    const fg = cssVar('--vscode-foreground', '#888');
    const grid = cssVar('--vscode-editorWidget-border', cssVar('--vscode-panel-border', '#8884'));
    const colors = [cssVar('--vscode-charts-blue', '#3794ff'), cssVar('--vscode-charts-green', '#89d185'), cssVar('--vscode-charts-orange', '#d18616')];
    this.chart.data.datasets.forEach((d, i) => {
      d.borderColor = colors[i];
      d.backgroundColor = colors[i];
    });
    this.chart.options.color = fg;
    for (const scale of Object.values(this.chart.options.scales!)) {
      scale!.ticks = { ...scale!.ticks, color: fg };
      scale!.grid = { ...scale!.grid, color: grid };
      if (scale && 'title' in scale && scale.title) scale.title.color = fg;
    }
    this.chart.update('none');
  }
}
