// The decision boundary for 2-D inputs, as TensorFlow Playground draws it: the network's output on
// a grid as the background, the training examples as dots on top. `#boundary[data-iteration]` says
// which iteration is drawn (UI tests read it).

import { boundaryPixels, toCanvas } from './pixels';
import type { ViewState } from './reducer';
import { classColors, css, rgbVar } from './theme';

export class BoundaryView {
  private readonly grid = document.createElement('canvas');

  constructor(private readonly canvas: HTMLCanvasElement) {}

  update(s: ViewState): void {
    const section = this.canvas.closest('section');
    if (section) section.hidden = !s.grid;
    if (!s.grid) return;
    const { size } = s.grid;
    const classes = classColors();
    const background = rgbVar('--vscode-editor-background', [30, 30, 30]);
    this.grid.width = size;
    this.grid.height = size;
    this.grid.getContext('2d')!.putImageData(new ImageData(boundaryPixels(s.grid, classes, background), size, size), 0, 0);

    const { width, height } = this.canvas;
    const ctx = this.canvas.getContext('2d')!;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.grid, 0, 0, width, height);
    const p = s.points;
    if (p) {
      ctx.strokeStyle = css(rgbVar('--vscode-editor-foreground', [204, 204, 204]));
      ctx.lineWidth = 0.75;
      for (let k = 0; k < p.x.length; k++) {
        const [x, y] = toCanvas(s.grid, p.x[k], p.y[k], width, height);
        ctx.fillStyle = css(classes[Math.round(p.label[k]) % classes.length] ?? classes[0]);
        ctx.beginPath();
        ctx.arc(x, y, 3, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    }
    this.canvas.dataset.iteration = String(s.iteration);
  }
}
