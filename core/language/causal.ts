// NN331 (spec §15, issue 22): `self_attention … causal` in a network whose output is one vector
// per example. The mask keeps query step t from the keys after t, which is what a per-step output
// needs (predicting token t + 1 from tokens up to t, with no peeking). Once a later layer ends the
// steps (`return: last`, `global_avg_pool` over time), the single output is computed after every
// step has been read, so the model sees the whole sequence anyway: the mask only withholds, from
// every step but the last, context the output is allowed to use. It trains and exports, so a
// warning, not an error — a deliberate choice (a decoder's last-step classifier) stays possible.

import type { LayerInfo } from './api';
import { removePart } from './lineEdits';
import type { LayerItem } from './expand';

const CAUSAL = 'causal';

/** `items` and `shapes` as the walk made them (index l − 1); `output` the network's last layer, when it ends with one. */
export function checkCausal(items: readonly LayerItem[], shapes: readonly (LayerInfo | undefined)[], output: LayerItem | undefined): void {
  const last = output && shapes[items.indexOf(output)];
  if (!last || last.output.kind !== 'vector') return;
  items.forEach((item, i) => {
    const flag = item.node.flags.find((f) => f.name === CAUSAL);
    if (!flag || !shapes[i]) return;
    const ends = shapes.find((s, j) => j > i && s && s.input.kind === 'sequence' && s.output.kind === 'vector');
    const where = ends ? `layer ${ends.index} (\`${ends.kind}\`) ends the steps` : 'the steps end before the output';
    item.ctx.report('NN331', flag.range,
      `\`causal\` keeps step t from attending to the steps after it, but ${where} and the output is one vector per example, made after all T steps are read: the mask matters for a per-step output (each step predicting the next); remove \`causal\` to let every step attend to every step`,
      [removePart(item.node, flag, 'Remove `causal`')]);
  });
}
