// The decision boundary for 2-D inputs, as TensorFlow Playground draws it: the network's output on
// a grid as the background, the examples on top — training examples as dots, test examples as
// triangles — with ticked axes named after the features and a legend of classes and markers.
// Hooks for UI tests on `#boundary`: data-iteration (the iteration drawn), data-x-label,
// data-y-label, data-x-ticks, data-y-ticks, data-train-points, data-test-points, data-class-colors
// (the colours the points are drawn in, which the legend's swatches also take).

import { niceTicks, plotArea, type Rect, type Tick } from './axes';
import type { RGB } from './colors';
import { axisNames, classNames, pointCounts } from './legend';
import { boundaryPixels, toCanvas } from './pixels';
import type { ViewState } from './reducer';
import { classColors, css, cssVar, rgbVar } from './theme';

const TICK = 4;
/** Roughly one tick label per this many CSS pixels of axis. */
const TICK_SPACING = 45;

export class BoundaryView {
  private readonly grid = document.createElement('canvas');
  private legendKey = '';

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly legend: HTMLElement,
  ) {}

  update(s: ViewState): void {
    const section = this.canvas.closest('section');
    if (section) section.hidden = !s.grid;
    if (!s.grid) return;
    const { size } = s.grid;
    const classes = classColors();
    const background = rgbVar('--vscode-editor-background', [30, 30, 30]);
    const foreground = css(rgbVar('--vscode-editor-foreground', [204, 204, 204]));
    this.grid.width = size;
    this.grid.height = size;
    this.grid.getContext('2d')!.putImageData(new ImageData(boundaryPixels(s.grid, classes, background), size, size), 0, 0);

    // The canvas backs its CSS box at the screen's resolution, so ticks and text stay sharp.
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    const ratio = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(width * ratio)) this.canvas.width = Math.round(width * ratio);
    if (this.canvas.height !== Math.round(height * ratio)) this.canvas.height = Math.round(height * ratio);
    const ctx = this.canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const plot = plotArea(width, height);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.grid, plot.left, plot.top, plot.width, plot.height);

    const [xName, yName] = axisNames(s.points);
    const xTicks = niceTicks(s.grid.x[0], s.grid.x[1], Math.max(2, Math.floor(plot.width / TICK_SPACING)));
    const yTicks = niceTicks(s.grid.y[0], s.grid.y[1], Math.max(2, Math.floor(plot.height / TICK_SPACING)));
    this.drawAxes(ctx, plot, s.grid, xTicks, yTicks, xName, yName, foreground);
    if (s.points) this.drawPoints(ctx, plot, s, classes, foreground);

    const counts = pointCounts(s.points);
    Object.assign(this.canvas.dataset, {
      iteration: String(s.iteration),
      xLabel: xName,
      yLabel: yName,
      xTicks: xTicks.map((t) => t.label).join(' '),
      yTicks: yTicks.map((t) => t.label).join(' '),
      trainPoints: String(counts.train),
      testPoints: String(counts.test),
      classColors: classes.map(css).join(' '),
    });
    this.renderLegend(classNames(s.points, s.grid.outputs), classes, counts.test > 0);
  }

  private drawAxes(ctx: CanvasRenderingContext2D, plot: Rect, grid: NonNullable<ViewState['grid']>, xTicks: Tick[], yTicks: Tick[], xName: string, yName: string, color: string): void {
    const bottom = plot.top + plot.height;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = 1;
    ctx.strokeRect(plot.left - 0.5, plot.top - 0.5, plot.width + 1, plot.height + 1);
    ctx.font = `11px ${cssVar('--vscode-font-family', 'sans-serif')}`;
    ctx.beginPath();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of xTicks) {
      const [x] = toCanvas(grid, t.value, grid.y[0], plot);
      ctx.moveTo(x, bottom);
      ctx.lineTo(x, bottom + TICK);
      ctx.fillText(t.label, x, bottom + TICK + 1);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const t of yTicks) {
      const [, y] = toCanvas(grid, grid.x[0], t.value, plot);
      ctx.moveTo(plot.left, y);
      ctx.lineTo(plot.left - TICK, y);
      ctx.fillText(t.label, plot.left - TICK - 2, y);
    }
    ctx.stroke();
    // The feature names: under the x ticks, and up the left edge for y.
    ctx.font = `12px ${cssVar('--vscode-font-family', 'sans-serif')}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(fit(ctx, xName, plot.width), plot.left + plot.width / 2, ctx.canvas.clientHeight);
    ctx.save();
    ctx.translate(0, plot.top + plot.height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'top';
    ctx.fillText(fit(ctx, yName, plot.height), 0, 1);
    ctx.restore();
  }

  private drawPoints(ctx: CanvasRenderingContext2D, plot: Rect, s: ViewState, classes: RGB[], outline: string): void {
    const p = s.points!;
    const train = p.train ?? p.x.length;
    ctx.save();
    ctx.beginPath();
    ctx.rect(plot.left, plot.top, plot.width, plot.height);
    ctx.clip();
    ctx.strokeStyle = outline;
    for (let k = 0; k < p.x.length; k++) {
      const [x, y] = toCanvas(s.grid!, p.x[k], p.y[k], plot);
      ctx.fillStyle = css(classes[Math.round(p.label[k]) % classes.length] ?? classes[0]);
      ctx.beginPath();
      if (k < train) {
        ctx.lineWidth = 0.75;
        ctx.arc(x, y, 3, 0, 2 * Math.PI);
      } else {
        // Test examples: a larger triangle with a heavier outline, distinct even in one colour.
        ctx.lineWidth = 1.25;
        ctx.moveTo(x, y - 4.5);
        ctx.lineTo(x + 4, y + 3);
        ctx.lineTo(x - 4, y + 3);
        ctx.closePath();
      }
      ctx.fill();
      ctx.stroke();
    }
    ctx.restore();
  }

  /**
   * Classes by colour, then (with a test set) which marker is which set. A swatch takes its class's
   * colour from the points' own source (theme.ts, set through the CSSOM, which the CSP allows), not
   * from a stylesheet: a theme's chart colour with an alpha channel (Solarized Light's orange) made
   * the swatch pale where the points are opaque. Text only through textContent.
   */
  private renderLegend(names: string[], classes: RGB[], test: boolean): void {
    const key = JSON.stringify([names, classes, test]);
    if (key === this.legendKey) return;
    this.legendKey = key;
    const item = (before: HTMLElement, text: string) => {
      const span = document.createElement('span');
      span.append(before, text);
      return span;
    };
    const entries = names.map((name, k) => {
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.backgroundColor = css(classes[k % classes.length]);
      return item(swatch, name);
    });
    if (test) {
      for (const [glyph, text] of [['●', 'train'], ['▲', 'test']]) {
        const marker = document.createElement('span');
        marker.className = 'marker';
        marker.textContent = glyph;
        entries.push(item(marker, text));
      }
    }
    this.legend.replaceChildren(...entries);
  }
}

/** `text`, shortened with an ellipsis to fit `width` pixels in the context's font. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let n = text.length;
  while (n > 1 && ctx.measureText(`${text.slice(0, n)}…`).width > width) n--;
  return `${text.slice(0, n)}…`;
}
