// Spec §15 in the checker: `self_attention heads: h` splits d features into h heads of d_k = d/h
// rows each, so h must divide d — the error practitioners meet as a failed `view` at run time. The
// message names the divisors of d; the quick fixes write the nearest ones below and above h.

import type { Fix } from './api';
import type { LayerNode } from './ast';
import { replaceFix, type CheckContext } from './context';

/** 1, …, d: every h that splits d features into whole heads. */
export function divisors(d: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= d; k++) if (d % k === 0) out.push(k);
  return out;
}

/** The divisors of d nearest h: the largest below it and the smallest above it (one when h is past d). */
export function nearestDivisors(d: number, h: number): number[] {
  const all = divisors(d);
  const below = all.filter((k) => k < h).pop();
  const above = all.find((k) => k > h);
  return [below, above].filter((k): k is number => k !== undefined);
}

/** NN330 on the value of `heads:`, with a fix to each nearest divisor (the one that keeps more heads first when as near). */
export function reportHeads(ctx: CheckContext, node: LayerNode, d: number, h: number): void {
  const option = node.options.find((o) => o.name === 'heads');
  const range = option?.value?.range ?? option?.range ?? node.keywordRange;
  const all = divisors(d);
  const list = all.length > 1 ? `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}` : String(all[0]);
  const fixes: Fix[] = nearestDivisors(d, h)
    .sort((a, b) => Math.abs(a - h) - Math.abs(b - h) || b - a)
    .map((k, i) => replaceFix(`Use \`heads: ${k}\` (d_k = ${d / k})`, range, String(k), i === 0));
  ctx.report('NN330', range, `${h} heads do not divide the d = ${d} features: each head takes d_k = d/h rows, and ${d}/${h} is not whole; h must be a divisor of ${d}: ${list}`, fixes);
}
