// The network diagram in a page (its own panel, or a section of the training panel): lays the
// diagram out with the page's own fonts, draws it as SVG when the network changes, and marks the
// statement under the editor's cursor.

import type { DiagramData } from '../../core/services/format/shapesJson';
import { cssVar } from '../theme';
import { layoutDiagram, type Font, type Layout } from './layout';
import { drawDiagram, markLine } from './render';

/** The fonts diagram.css gives each kind of text, as canvas font strings. */
function fonts(): Record<Font, string> {
  const family = cssVar('--vscode-font-family', 'sans-serif');
  const mono = cssVar('--vscode-editor-font-family', 'monospace');
  return { title: `600 12px ${family}`, detail: `11px ${family}`, shape: `11px ${mono}`, frame: `italic 11px ${family}` };
}

/** The smallest scale the diagram is shrunk to, to fit a narrow page: 11 px text stays above 9 px. */
const MIN_SCALE = 0.85;

export class DiagramView {
  private readonly svg: SVGSVGElement;
  private key = '';
  private data?: DiagramData;
  private readonly context = document.createElement('canvas').getContext('2d')!;
  /** what the last drawing holds (for the page's `drawn` report) */
  layout?: Layout;

  constructor(private readonly container: HTMLElement) {
    this.svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.svg.classList.add('diagram');
    this.svg.setAttribute('role', 'img');
    container.append(this.svg);
  }

  /** Draws `data` unless it is what is drawn already (or the theme's fonts changed: `force`); true when it drew. */
  update(data: DiagramData | undefined, force = false): boolean {
    // The training panel redraws every frame while it trains: the same object is the same diagram.
    if (data === this.data && !force) return false;
    this.data = data;
    const key = JSON.stringify(data ?? null);
    if (key === this.key && !force) return false;
    this.key = key;
    if (!data) {
      this.svg.replaceChildren();
      this.layout = undefined;
      return true;
    }
    const font = fonts();
    this.layout = layoutDiagram(data, (text, kind) => {
      this.context.font = font[kind];
      return this.context.measureText(text).width;
    });
    drawDiagram(this.svg, this.layout);
    this.fit(true);
    this.svg.setAttribute('aria-label', `diagram of network ${data.json.network}: ${this.layout.boxes.filter((b) => b.role === 'layer').length} layers`);
    return true;
  }

  /**
   * Fits the drawing to the page's width when that takes a scale of MIN_SCALE or more (the text
   * stays readable); a wider one (parallel branches in a narrow panel) scrolls sideways inside its
   * section, scrolled at first so that the main flow is in the middle. `scroll`: after drawing anew.
   */
  fit(scroll = false): void {
    const layout = this.layout;
    if (!layout) return;
    const room = this.container.clientWidth;
    const scale = Math.max(MIN_SCALE, Math.min(1, room / layout.width));
    const width = Math.floor(layout.width * scale);
    if (this.svg.getAttribute('width') !== String(width)) {
      this.svg.setAttribute('width', String(width));
      this.svg.setAttribute('height', String(Math.ceil(layout.height * scale)));
      scroll = true;
    }
    if (scroll && width > room) this.container.scrollLeft = layout.axis * scale - room / 2;
  }

  /** Marks the statement on `line` (1-based) and, when `scroll`, brings it into view. */
  mark(line: number | undefined, scroll: boolean): void {
    const marked = markLine(this.svg, line);
    if (marked && scroll) marked.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  /** Calls `onLine` with the line of a box or frame label clicked. */
  onClick(onLine: (line: number) => void): void {
    this.container.addEventListener('click', (event) => {
      const target = (event.target as Element).closest<SVGGElement>('g.box[data-line], g.frame[data-line]');
      if (target?.dataset.line) onLine(Number(target.dataset.line));
    });
  }
}
