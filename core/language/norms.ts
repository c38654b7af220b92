// Spec §13 in the checker: the `norm:` option of a layer line, and batch norm given one value per
// unit (`batch 1`), each reported on the option itself.

import { NORMS, normalizedValues, type Shape } from '../layers';
import type { LayerOption } from './ast';
import { reportUnknown, type CheckContext } from './context';

/** `norm: batch` as its index in NORMS (LayerParts options are numbers); undefined when unknown (NN419). */
export function normOption(ctx: CheckContext, option: LayerOption): number | undefined {
  const v = option.value;
  if (v?.kind !== 'call') {
    ctx.report('NN419', v?.range ?? option.range, `norm takes a normalization, \`norm: batch\`, not ${v ? v.text : 'nothing'}`);
    return undefined;
  }
  const index = NORMS.indexOf(v.name as (typeof NORMS)[number]);
  if (index < 0) {
    reportUnknown(ctx, 'NN419', 'normalization', v.name, v.nameRange, NORMS);
    return undefined;
  }
  if (v.args) {
    ctx.report('NN419', v.argsRange ?? v.range, `\`norm: ${v.name}\` takes no arguments: ε = 1e-5 and momentum 0.1 are fixed (spec §13)`);
    return undefined;
  }
  return index;
}

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
