// What the panel shows of a sequence network through time (issues 21 and 22): for one example, each
// recurrent layer's a⟨t⟩ (an LSTM's c⟨t⟩ and gates, a GRU's gates) over the steps and each attention
// head's α over (query step, key step). The values are what the layers' own forward pass keeps for
// backpropagation (LayerEngine.traces), read after a forward pass of that example alone; they are
// pooled and capped here so a long sequence or a wide layer cannot flood the message channel.

import type { WeightsValues } from '../../data/weights';
import type { Matrix } from '../../engine/matrix';
import { hex, replaceHidden } from '../../foundation/printable';
import type { NetworkSpec } from '../../foundation/model';
import { engineLayers, type TimeTrace } from '../../layers';
import type { TimeMap } from '../protocol';
import { forwardOne } from './oneExample';
import { heatMap } from './snapshots';

/** Cells a side of one map at most: more units or steps are averaged in neighbouring groups. */
export const TIME_CELLS = 64;
/** Cells of all maps of one snapshot at most (8 maps of 64 × 64): whole maps beyond are left out. */
export const TIME_VALUES = 1 << 15;

/** The layers l whose kind shows values through time (recurrent and attention layers); undefined when none does. */
export function timeLayers(spec: NetworkSpec): number[] | undefined {
  const found = engineLayers(spec).filter(({ engine }) => engine.traces).map(({ l }) => l);
  return found.length ? found : undefined;
}

/** Each layer's traces of example x (n[0], 1): a forward pass of x alone with copies of the trainer's weights. */
export function timeTraces(spec: NetworkSpec, weights: WeightsValues, x: Matrix, layers: readonly number[]): Array<{ l: number; traces: TimeTrace[] }> {
  return forwardOne(spec, weights, x, (net, buffers) => layers.map((l) => ({ l, traces: net.layers[l].traces!(buffers.P[l], 1, 0) })));
}

/** The traces as the protocol carries them: each pooled to at most `cells` a side, in order until `values` cells are used; the rest counted. */
export function timeMaps(layers: ReadonlyArray<{ l: number; traces: readonly TimeTrace[] }>, cells = TIME_CELLS, values = TIME_VALUES): { maps: TimeMap[]; omitted: number } {
  const maps: TimeMap[] = [];
  let left = values;
  let omitted = 0;
  for (const { l, traces } of layers) {
    for (const { name, title, rows, head, values: M, bounds } of traces) {
      const size = Math.min(M.rows, cells) * Math.min(M.cols, cells);
      if (omitted > 0 || size > left) {
        omitted++;
        continue;
      }
      left -= size;
      maps.push({ l, name, title, rows, ...(head === undefined ? {} : { head }), shape: [M.rows, M.cols], map: heatMap(M, cells), ...(bounds ? { bounds } : {}) });
    }
  }
  return { maps, omitted };
}

/** A character as an axis label shows it: a line break as ⏎, a space as ␣, another hidden one as U+XXXX. */
export function shownCharacter(c: string): string {
  if (c === '\n') return '⏎';
  if (c === ' ') return '␣';
  return replaceHidden(c, (code) => `U+${hex(code, 4).toUpperCase()}`);
}

/** Example j's tokens of the ids X (T, m), as labels: the vocabulary's characters when there is one, else the ids. */
export function tokenLabels(X: Matrix, j: number, vocab?: readonly string[]): string[] {
  return Array.from({ length: X.rows }, (_, t) => {
    const id = X.data[t * X.cols + j];
    return vocab && vocab[id] !== undefined ? shownCharacter(vocab[id]) : String(id);
  });
}
