// The network diagram's geometry, in plain code without the DOM (so unit tests check it): the
// layers flow from top to bottom, one box each; a group is a frame with its kind in the top left
// corner; a residual's body and its shortcut (or the identity skip, a lane on the right) stand side
// by side and meet in a ⊕ box; a concat's branches stand side by side and meet in a `concat` box.
// Every arrow carries the shape of what flows along it, which is the input of the box it points
// at; the label sits on the arrow, in the column the arrow runs in, so nothing covers anything.
//
// Each statement becomes a Piece: its size, its axis (the x where the flow enters and leaves it,
// from its left edge) and a `place` that writes its boxes, frames and arrows at a position.

import type { DiagramData, GroupEntry, JsonDims, LayerEntry, ShapesEntry } from '../../core/services/format/shapesJson';

export type { DiagramData };


export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Font = 'title' | 'detail' | 'shape' | 'frame';

/** The width of `text` in `font`, in CSS pixels (the page measures it; tests estimate it). */
export type Measure = (text: string, font: Font) => number;

export interface Box extends Rect {
  id: string;
  role: 'input' | 'layer' | 'join' | 'output';
  title: string;
  detail?: string;
  /** l of a layer box */
  l?: number;
  /** the 1-based line it was written on */
  line?: number;
  /** the shape flowing into it (the input's: X) */
  input?: JsonDims;
  /** what its tooltip adds: W[l] and b[l]'s shapes */
  tip?: string;
}

export interface Frame extends Rect {
  id: string;
  kind: string;
  label: string;
  line?: number;
  /** where the kind's label is drawn */
  labelBox: Rect;
  depth: number;
}

export interface Arrow {
  /** the polyline, arrowhead at the last point */
  points: Array<[number, number]>;
  /** the shape of what flows along it: the consumer's input */
  shape: JsonDims;
  /** the id of the box or frame it points at */
  to: string;
  /** where its shape is written, when it is */
  label?: Rect & { text: string };
  /** a residual's identity skip or an empty concat branch */
  skip?: boolean;
}

export interface Layout {
  width: number;
  height: number;
  /** the x of the network's main flow line (a narrow page scrolls to it) */
  axis: number;
  boxes: Box[];
  frames: Frame[];
  arrows: Arrow[];
  /** lines without arrowheads: where a flow enters a frame, splits or leaves a join */
  lines: Array<Array<[number, number]>>;
}

/** Sizes, in CSS pixels. */
const BOX_MIN = 132;
const BOX_PAD = 10;
const BOX_H = 38;
const BOX_H_SINGLE = 24;
const JOIN_H = 22;
const ARROW = 34;
const LABEL_H = 16;
const LABEL_PAD = 5;
const HEADER = 20;
const FRAME_PAD = 8;
const DROP = 16;
const COL_GAP = 14;
const MARGIN = 8;

interface Piece {
  w: number;
  h: number;
  axis: number;
  /** the id an arrow into it points at */
  entry: string;
  /** what the arrow into it carries */
  input: JsonDims;
  output: JsonDims;
  place(x: number, y: number, out: Layout, depth: number): void;
}

/** `(m, 24, 24, 6)`, `(120, m)`: a shape in the course's notation. */
export const formatShape = (dims: JsonDims): string => `(${dims.join(', ')})`;

const isGroup = (entry: ShapesEntry): entry is GroupEntry => Array.isArray((entry as GroupEntry).children);

const text = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

/** A layer's first line: `conv2d 6 relu`, `max_pool`, `dense 10 softmax`. */
export function layerTitle(entry: LayerEntry): string {
  const count = text(entry.units) ?? text(entry.filters);
  return [entry.kind, count, text(entry.activation)].filter((part) => part !== undefined).join(' ');
}

/** A layer's second line: `l = 1 · f 5 · 156 params`. */
export function layerDetail(entry: LayerEntry): string {
  const parts = [`l = ${entry.index}`];
  if (typeof entry.f === 'number') parts.push(`f ${entry.f}${typeof entry.stride === 'number' && entry.stride !== 1 ? ` s ${entry.stride}` : ''}${typeof entry.pad === 'number' && entry.pad > 0 ? ` p ${entry.pad}` : ''}`);
  if (text(entry.norm)) parts.push(`${text(entry.norm)} norm`);
  if (entry.params > 0) parts.push(`${entry.params.toLocaleString('en-US')} params`);
  return parts.join(' · ');
}

/** A frame's corner label: `residual relu`, `concat`, `repeat 3`, `identity(64, 64, 256)`. */
export function groupLabel(entry: GroupEntry): string {
  if (entry.kind === 'block') {
    const args = Array.isArray(entry.args) ? entry.args.join(', ') : '';
    return `${text(entry.name) ?? 'block'}(${args})`;
  }
  const activation = entry.activation as unknown;
  const g = text(activation) ?? text((activation as { name?: unknown } | undefined)?.name);
  const count = text(entry.count) ?? text(entry.times) ?? text(entry.n);
  return [entry.kind, entry.kind === 'residual' ? g : undefined, entry.kind === 'repeat' ? count : undefined].filter(Boolean).join(' ');
}

function tipOf(entry: LayerEntry): string | undefined {
  const named = ['W', 'b'].filter((name) => Array.isArray(entry[name])).map((name) => `${name}[${entry.index}] ${formatShape(entry[name] as JsonDims)}`);
  return named.length ? named.join(', ') : undefined;
}

/** The diagram of `data` laid out for `measure`'s fonts. */
export function layoutDiagram(data: DiagramData, measure: Measure): Layout {
  const builder = new Builder(data, measure);
  return builder.layout();
}

class Builder {
  private groups = 0;
  /** every layer box is as wide as the widest one needs, so the flow reads as one column */
  private readonly boxW: number;

  constructor(private readonly data: DiagramData, private readonly measure: Measure) {
    let widest = BOX_MIN;
    const walk = (list: ShapesEntry[]) => {
      for (const e of list) {
        if (isGroup(e)) walk(e.children);
        else widest = Math.max(widest, this.textWidth(layerTitle(e), layerDetail(e)));
      }
    };
    walk(data.json.layers);
    this.boxW = widest;
  }

  private textWidth(title: string, detail?: string): number {
    return Math.ceil(Math.max(this.measure(title, 'title'), detail ? this.measure(detail, 'detail') : 0) + 2 * BOX_PAD);
  }

  layout(): Layout {
    const { json, X } = this.data;
    const pieces: Piece[] = [];
    if (X) pieces.push(this.box({ id: 'input', role: 'input', title: 'X = A[0]' }, X));
    let input = X;
    for (const entry of json.layers) {
      const piece = this.piece(entry, input ?? entry.A ?? []);
      pieces.push(piece);
      input = piece.output;
    }
    const L = this.lastLayer(json.layers);
    if (input && L !== undefined) pieces.push(this.box({ id: 'output', role: 'output', title: `ŷ = A[${L}]` }, input));
    const out: Layout = { width: 0, height: 0, axis: 0, boxes: [], frames: [], arrows: [], lines: [] };
    if (!pieces.length) return out;
    const flow = this.sequence(pieces);
    flow.place(MARGIN, MARGIN, out, 0);
    out.width = flow.w + 2 * MARGIN;
    out.height = flow.h + 2 * MARGIN;
    out.axis = MARGIN + flow.axis;
    return out;
  }

  private lastLayer(entries: ShapesEntry[]): number | undefined {
    let last: number | undefined;
    const walk = (list: ShapesEntry[]) => {
      for (const e of list) {
        if (isGroup(e)) walk(e.children);
        else last = Math.max(last ?? 0, e.index);
      }
    };
    walk(entries);
    return last;
  }

  private piece(entry: ShapesEntry, input: JsonDims): Piece {
    if (!isGroup(entry)) {
      // The checker's input of layer l, which is what flows in unless a layer before it did not resolve.
      const given = this.data.inputs?.[entry.index - 1];
      const line = this.data.lines?.[entry.index - 1] || undefined;
      return this.box({ id: `l${entry.index}`, role: 'layer', title: layerTitle(entry), detail: layerDetail(entry), l: entry.index, line, tip: tipOf(entry) }, entry.A, given?.length ? given : input);
    }
    if (entry.kind === 'residual') return this.residual(entry, input);
    if (entry.kind === 'concat') return this.concat(entry, input);
    return this.framed(entry, input);
  }

  /** A box of its texts' width (at least BOX_MIN); `output` is what leaves it. */
  private box(spec: Omit<Box, keyof Rect>, output: JsonDims, input?: JsonDims): Piece {
    const w = spec.role === 'layer' ? this.boxW : Math.max(BOX_MIN, this.textWidth(spec.title, spec.detail));
    const h = spec.detail ? BOX_H : BOX_H_SINGLE;
    return {
      w, h, axis: w / 2, entry: spec.id, input: input ?? output, output,
      place: (x, y, out) => void out.boxes.push({ ...spec, input: spec.role === 'input' ? undefined : input ?? output, x, y, w, h }),
    };
  }

  /** The pill an arrow's shape is written in, centred on x at y. */
  private label(dims: JsonDims, x: number, y: number): Rect & { text: string } {
    const t = formatShape(dims);
    const w = Math.ceil(this.measure(t, 'shape') + 2 * LABEL_PAD);
    return { text: t, x: x - w / 2, y: y - LABEL_H / 2, w, h: LABEL_H };
  }

  private labelWidth(dims: JsonDims): number {
    return Math.ceil(this.measure(formatShape(dims), 'shape') + 2 * LABEL_PAD);
  }

  /** Pieces one under the other on a common axis, a labelled arrow between each two. */
  private sequence(pieces: Piece[]): Piece {
    let left = 0;
    let right = 0;
    pieces.forEach((p, i) => {
      left = Math.max(left, p.axis);
      right = Math.max(right, p.w - p.axis);
      if (i < pieces.length - 1) {
        const half = this.labelWidth(pieces[i + 1].input) / 2;
        left = Math.max(left, half);
        right = Math.max(right, half);
      }
    });
    const h = pieces.reduce((sum, p) => sum + p.h, 0) + ARROW * (pieces.length - 1);
    return {
      w: left + right, h, axis: left, entry: pieces[0].entry, input: pieces[0].input, output: pieces[pieces.length - 1].output,
      place: (x, y, out, depth) => {
        const axis = x + left;
        let top = y;
        pieces.forEach((p, i) => {
          p.place(axis - p.axis, top, out, depth);
          top += p.h;
          const next = pieces[i + 1];
          if (!next) return;
          out.arrows.push({ points: [[axis, top], [axis, top + ARROW]], shape: next.input, to: next.entry, label: this.label(next.input, axis, top + ARROW / 2) });
          top += ARROW;
        });
      },
    };
  }

  /** Where a frame's content starts so that its flow line clears the corner label. */
  private header(label: string): { labelW: number; clear: number } {
    const labelW = Math.ceil(this.measure(label, 'frame'));
    return { labelW, clear: FRAME_PAD + labelW + 8 };
  }

  /**
   * A repeat, a block use (or a group kind this view does not know): its statements in a frame.
   * The arrow into it ends at the frame's edge; a short one inside leads to the first statement.
   */
  private framed(entry: GroupEntry, input: JsonDims): Piece {
    const label = groupLabel(entry);
    const inner = this.chain(entry.children, input);
    const { labelW, clear } = this.header(label);
    if (!inner) return this.emptyFrame(entry, label, labelW, input);
    const axis = Math.max(FRAME_PAD + inner.axis, clear);
    const w = Math.max(axis + inner.w - inner.axis + FRAME_PAD, clear + FRAME_PAD);
    const h = HEADER + DROP + inner.h + FRAME_PAD;
    const id = this.groupId();
    return {
      w, h, axis, entry: id, input, output: inner.output,
      place: (x, y, out, depth) => {
        out.frames.push({ id, kind: entry.kind, label, line: entry.line, x, y, w, h, depth, labelBox: { x: x + FRAME_PAD, y: y + 3, w: labelW, h: HEADER - 6 } });
        const top = y + HEADER + DROP;
        out.arrows.push({ points: [[x + axis, y], [x + axis, top]], shape: inner.input, to: inner.entry });
        inner.place(x + axis - inner.axis, top, out, depth + 1);
        out.lines.push([[x + axis, top + inner.h], [x + axis, y + h]]);
      },
    };
  }

  /** A group with no statements (an empty repeat body): a frame the flow passes through. */
  private emptyFrame(entry: GroupEntry, label: string, labelW: number, input: JsonDims): Piece {
    const id = this.groupId();
    const w = FRAME_PAD * 2 + labelW;
    const h = HEADER + FRAME_PAD;
    return {
      w, h, axis: w / 2, entry: id, input, output: input,
      place: (x, y, out, depth) => void out.frames.push({ id, kind: entry.kind, label, line: entry.line, x, y, w, h, depth, labelBox: { x: x + FRAME_PAD, y: y + 3, w: labelW, h: HEADER - 6 } }),
    };
  }

  /** The statements of a body one after the other, each fed the one before; undefined when there are none. */
  private chain(entries: ShapesEntry[], input: JsonDims): Piece | undefined {
    let flowing = input;
    const pieces = entries.map((e) => {
      const p = this.piece(e, flowing);
      flowing = p.output;
      return p;
    });
    return pieces.length ? this.sequence(pieces) : undefined;
  }

  private groupId(): string {
    return `group-${++this.groups}`;
  }

  /** out = g(BODY(x) + SHORTCUT(x)): the body on the flow line, the shortcut (or the identity) to its right. */
  private residual(entry: GroupEntry, input: JsonDims): Piece {
    const shortcut = entry.children.find((c) => c.kind === 'shortcut') as GroupEntry | undefined;
    const bodyEntries = entry.children.filter((c) => c !== shortcut);
    const g = groupLabel(entry).replace(/^residual ?/, '');
    return this.columns(entry, input, [this.chain(bodyEntries, input), shortcut && this.chain(shortcut.children, input)], g ? `⊕ ${g}` : '⊕', 0);
  }

  /** Branches side by side joined along channels (volumes) or units (vectors); the flow enters in the middle. */
  private concat(entry: GroupEntry, input: JsonDims): Piece {
    const branches = entry.children.map((c) => (isGroup(c) && c.kind === 'branch' ? this.chain(c.children, input) : this.piece(c, input)));
    const along = (entry.A ?? input)[0] === 'm' ? 'n_C' : 'n';
    return this.columns(entry, input, branches.length ? branches : [undefined], `concat along ${along}`, 'middle');
  }

  /**
   * Columns that all take `input` and meet in a join box: undefined columns are identities (a lane
   * with the input's shape written on it). The flow enters at column `enter`'s axis, or between
   * the first and the last column's axes.
   */
  private columns(entry: GroupEntry, input: JsonDims, columns: Array<Piece | undefined>, joinTitle: string, enter: number | 'middle'): Piece {
    const label = groupLabel(entry);
    const { labelW, clear } = this.header(label);
    const laneW = this.labelWidth(input) + 2 * LABEL_PAD;
    // A column is as wide as its pieces and as the label of the arrow that leaves it.
    const half = columns.map((c) => (c ? this.labelWidth(c.output) / 2 : laneW / 2));
    const axesIn = columns.map((c, i) => (c ? Math.max(c.axis, half[i]) : half[i]));
    const widths = columns.map((c, i) => (c ? axesIn[i] + Math.max(c.w - c.axis, half[i]) : laneW));
    // Column i's left edge, from the content's left; each column's arrow label must fit its column.
    const lefts: number[] = [];
    let at = 0;
    for (const width of widths) {
      lefts.push(at);
      at += width + COL_GAP;
    }
    const contentW = at - COL_GAP;
    const axes = axesIn.map((a, i) => lefts[i] + a);
    const entryAt = enter === 'middle' ? (axes[0] + axes[axes.length - 1]) / 2 : axes[enter];
    const joinTextW = Math.ceil(this.measure(joinTitle, 'title')) + 2 * BOX_PAD;
    const joinLeft = Math.min(axes[0] - 24, entryAt - joinTextW / 2);
    const joinRight = Math.max(axes[axes.length - 1] + 24, entryAt + joinTextW / 2);
    // Shift everything right so the flow line clears the corner label and the join box the frame.
    const shift = Math.max(FRAME_PAD, clear - entryAt, FRAME_PAD - joinLeft);
    const axis = shift + entryAt;
    const w = Math.ceil(Math.max(shift + contentW, shift + joinRight) + FRAME_PAD);
    const tallest = Math.max(0, ...columns.map((c) => (c ? c.h : 0)));
    const splitY = HEADER + 4;
    const colTop = splitY + DROP;
    const joinY = colTop + tallest + ARROW;
    const h = joinY + JOIN_H + FRAME_PAD;
    const id = this.groupId();
    const joinId = `join-${this.groups}`;
    return {
      // A group whose output is unknown (a layer in it did not resolve) passes on its first column's.
      w, h, axis, entry: id, input, output: entry.A ?? columns.find((c) => c)?.output ?? input,
      place: (x, y, out, depth) => {
        out.frames.push({ id, kind: entry.kind, label, line: entry.line, x, y, w, h, depth, labelBox: { x: x + FRAME_PAD, y: y + 3, w: labelW, h: HEADER - 6 } });
        const ax = axes.map((a) => x + shift + a);
        out.lines.push([[x + axis, y], [x + axis, y + splitY]]);
        if (ax.length > 1) out.lines.push([[ax[0], y + splitY], [ax[ax.length - 1], y + splitY]]);
        columns.forEach((c, i) => {
          if (!c) {
            const top = y + splitY;
            const bottom = y + joinY;
            out.arrows.push({ points: [[ax[i], top], [ax[i], bottom]], shape: input, to: joinId, skip: true, label: this.label(input, ax[i], (top + bottom) / 2) });
            return;
          }
          out.arrows.push({ points: [[ax[i], y + splitY], [ax[i], y + colTop]], shape: c.input, to: c.entry });
          c.place(ax[i] - c.axis, y + colTop, out, depth + 1);
          const bottom = y + colTop + c.h;
          out.arrows.push({ points: [[ax[i], bottom], [ax[i], y + joinY]], shape: c.output, to: joinId, label: this.label(c.output, ax[i], bottom + ARROW / 2) });
        });
        out.boxes.push({ id: joinId, role: 'join', title: joinTitle, x: x + shift + joinLeft, y: y + joinY, w: joinRight - joinLeft, h: JOIN_H, line: entry.line });
        out.lines.push([[x + axis, y + joinY + JOIN_H], [x + axis, y + h]]);
      },
    };
  }
}
