// The network diagram as SVG, built with DOM calls (every text the user wrote goes in through
// textContent, never markup). Colours come from diagram.css's --vscode-* variables. Stable hooks
// for UI tests: `g.box[data-id]` (`data-l`, `data-line`, `data-input="m,24,24,6"`), `g.frame[data-kind]`,
// `polyline.arrow[data-to][data-shape]`, and `.current` on what the cursor is on.

import { formatShape, type Layout, type Rect } from './layout';

const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, parent: Element): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  parent.append(node);
  return node;
}

function rect(r: Rect, cls: string, parent: Element, radius = 0): SVGRectElement {
  return el('rect', { class: cls, x: r.x, y: r.y, width: r.w, height: r.h, rx: radius }, parent);
}

function label(text: string, x: number, y: number, cls: string, parent: Element, anchor = 'middle'): SVGTextElement {
  const t = el('text', { class: cls, x, y, 'text-anchor': anchor, 'dominant-baseline': 'central' }, parent);
  t.textContent = text;
  return t;
}

const pointsAttr = (points: Array<[number, number]>): string => points.map(([x, y]) => `${x},${y}`).join(' ');

/** Replaces `svg`'s content with `layout`. */
export function drawDiagram(svg: SVGSVGElement, layout: Layout): void {
  svg.replaceChildren();
  svg.setAttribute('width', String(layout.width));
  svg.setAttribute('height', String(layout.height));
  svg.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
  const defs = el('defs', {}, svg);
  const marker = el('marker', { id: 'nn-arrowhead', viewBox: '0 0 8 8', refX: 8, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
  el('path', { class: 'head', d: 'M0,0 L8,4 L0,8 z' }, marker);

  for (const f of [...layout.frames].sort((a, b) => a.depth - b.depth)) {
    const g = el('g', { class: `frame frame-${f.kind}`, 'data-kind': f.kind, 'data-id': f.id }, svg);
    if (f.line !== undefined) g.dataset.line = String(f.line);
    rect(f, 'frame-rect', g, 6);
    label(f.label, f.labelBox.x, f.labelBox.y + f.labelBox.h / 2, 'frame-label', g, 'start');
  }
  for (const points of layout.lines) el('polyline', { class: 'wire', points: pointsAttr(points) }, svg);
  for (const a of layout.arrows) {
    const line = el('polyline', { class: a.skip ? 'arrow skip' : 'arrow', points: pointsAttr(a.points), 'marker-end': 'url(#nn-arrowhead)', 'data-to': a.to, 'data-shape': a.shape.join(',') }, svg);
    if (!a.label) continue;
    const g = el('g', { class: 'shape-label' }, svg);
    rect(a.label, 'shape-pill', g, 3);
    label(a.label.text, a.label.x + a.label.w / 2, a.label.y + a.label.h / 2, 'shape-text', g);
    el('title', {}, line).textContent = a.label.text;
  }
  for (const b of layout.boxes) {
    const g = el('g', { class: `box role-${b.role}`, 'data-id': b.id }, svg);
    if (b.l !== undefined) g.dataset.l = String(b.l);
    if (b.line !== undefined) g.dataset.line = String(b.line);
    if (b.input) g.dataset.input = b.input.join(',');
    rect(b, 'box-rect', g, 4);
    const cx = b.x + b.w / 2;
    if (b.detail) {
      label(b.title, cx, b.y + 13, 'title', g);
      label(b.detail, cx, b.y + 27, 'detail', g);
    } else {
      label(b.title, cx, b.y + b.h / 2, 'title', g);
    }
    const tip = [b.title, b.detail, b.input && `input ${formatShape(b.input)}`, b.tip].filter(Boolean).join('\n');
    el('title', {}, g).textContent = tip;
  }
}

/**
 * Marks what is written on `line` (1-based): the layer box there, else the innermost group opened
 * there (its frame and its join). Returns the element marked, if any.
 */
export function markLine(svg: SVGSVGElement, line: number | undefined): SVGGElement | undefined {
  for (const old of svg.querySelectorAll('.current')) old.classList.remove('current');
  if (line === undefined) return undefined;
  const layer = svg.querySelector<SVGGElement>(`g.box.role-layer[data-line="${line}"]`);
  if (layer) {
    layer.classList.add('current');
    return layer;
  }
  const frames = [...svg.querySelectorAll<SVGGElement>(`g.frame[data-line="${line}"]`)];
  const frame = frames[frames.length - 1];
  if (!frame) return undefined;
  frame.classList.add('current');
  return frame;
}
