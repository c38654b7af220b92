// Spec §13 in the checker: batch norm given one value per unit (`batch 1`), reported on the `norm:`
// option itself (the option's word is read as every word-valued option is, conv.ts).

import { normalizedValues, type Shape } from '../layers';
import type { LayerOption } from './ast';
import type { CheckContext } from './context';

/**
 * NN420: `norm: batch` on a layer whose units (or channels) would see one value in a training step:
 * with `batch 1`, or a last mini-batch of one example (m mod batch = 1), or a whole batch of one —
 * m_b = n_H·n_W values of one example, 1 on a dense layer. Its σ² is 0 and the running variance's
 * σ²·m_b/(m_b − 1) divides by 0 (PyTorch refuses such a batch in training mode).
 */
export function checkBatchOfOne(ctx: CheckContext, option: LayerOption, output: Shape, batch: number | 'full', m: number | undefined): void {
  if (normalizedValues(output, 1) > 1) return;
  const size = batch === 'full' ? m : m !== undefined ? Math.min(batch, m) : batch;
  const what = output.kind === 'volume' ? `each of its ${output.n_C} channels (1 × 1 per example)` : `each of its ${'n' in output ? output.n : output.V} units`;
  const why = `its variance σ² is 0, so Z_norm is 0 whatever the input; use mini-batches of at least 2 examples`;
  if (size === 1) {
    const given = batch === 1 ? '`batch 1` gives it one value' : 'the training set has one example';
    ctx.report('NN420', option.range, `\`norm: batch\` normalizes ${what} over the mini-batch, but ${given}: ${why}`);
  } else if (typeof batch === 'number' && m !== undefined && batch < m && m % batch === 1) {
    ctx.report('NN420', option.range,
      `\`norm: batch\` normalizes ${what} over the mini-batch, but the last mini-batch of each epoch holds one example (m = ${m} = ${Math.floor(m / batch)}·${batch} + 1): ${why}, or a batch that leaves more over`);
  }
}
