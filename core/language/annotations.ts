// Shape annotations of every layer kind (spec §3, §8): `W: (4, 2)` and `Z: (4, m)` on column
// vectors, `W: (5, 5, 1, 6)` and `Z: (m, 24, 24, 6)` on image volumes, `A: (n[l], m)` after flatten.
// Each disagreeing annotation is one NN301 with the expected tuple and a fix that writes it; a
// number where `m` goes must be the number of examples (NN302).

import type { Dimension, LayerInfo } from './api';
import type { Annotation, LayerNode } from './ast';
import { distinctAnnotations, replaceFix, type CheckContext } from './context';
import { removePart } from './lineEdits';
import { describeLayer } from '../layers';
import { layerShapes } from './layerShapes';

/** The expected shape of annotation `name` of layer `layer`, and the rule in the course's notation. */
export function expectedVolumeShape(name: string, layer: LayerInfo): { dims: Dimension[]; rule: string } | undefined {
  const l = layer.index;
  const prev = l - 1;
  const dims = name === 'W' || name === 'dW' ? layer.W : name === 'b' || name === 'db' ? layer.b : name === 'Z' || name === 'dZ' ? layer.Z : layer.A;
  if (dims.length === 0) return undefined;
  // the kind's own rule where it states one (a depthwise W[l] is (f, f, 1, n_C[l−1]), not conv2d's)
  const own = describeLayer(layerShapes(layer)).rows.find((row) => row.names.includes(name))?.rule;
  if (own) return { dims, rule: own };
  if (dims.length === 2) return { dims, rule: dims[1] === 'm' ? `(n[${l}], m)` : name === 'b' || name === 'db' ? `(n[${l}], 1)` : `(n[${l}], n[${prev}])` };
  if (name === 'W' || name === 'dW') return { dims, rule: `(f[${l}], f[${l}], n_C[${prev}], n_C[${l}])` };
  if (name === 'b' || name === 'db') return { dims, rule: `(1, 1, 1, n_C[${l}])` };
  return { dims, rule: `(m, n_H[${l}], n_W[${l}], n_C[${l}])` };
}

/** `(m, 24, 24, 6)` */
export function formatTuple(dims: readonly (Dimension | string)[]): string {
  return `(${dims.join(', ')})`;
}

/** What the matrices of a layer without them are: said when one is annotated anyway. */
function missing(name: string, node: LayerNode, l: number): string {
  return /W|b/.test(name)
    ? `\`${node.kind}\` has no parameters, so no ${name}[${l}]`
    : `\`flatten\` only reshapes: it has A[${l}] and dA[${l}], no ${name}[${l}]`;
}

export function checkAnnotations(ctx: CheckContext, node: LayerNode, layer: LayerInfo | undefined, m: number | undefined): void {
  for (const a of distinctAnnotations(ctx, node.annotations)) {
    // A shape cut short by a syntax error (fewer than two numbers) has its error already.
    if (!layer || a.dims.length < 2) continue;
    const expected = expectedVolumeShape(a.name, layer);
    if (!expected) {
      ctx.report('NN310', a.range, `${missing(a.name, node, layer.index)}: remove this annotation`,
        [removePart(node, a, `Remove \`${a.name}\``)]);
      continue;
    }
    // A layer from column vectors to column vectors is written as course 1 writes it (docs/architecture.md).
    const course1 = layer.input.kind === 'vector' && layer.output.kind === 'vector' ? node.kind : undefined;
    compare(ctx, a, layer.index, expected, m, course1);
  }
}

/** `course1`: the keyword of a layer on column vectors, whose messages speak of matrices and columns. */
function compare(ctx: CheckContext, a: Annotation, l: number, expected: { dims: Dimension[]; rule: string }, m: number | undefined, course1: string | undefined): void {
  const written = formatTuple(a.dims.map((d) => d.text));
  const right = formatTuple(expected.dims);
  const dimensions = course1 && a.dims.length !== expected.dims.length ? `: a ${course1} layer's matrices have two dimensions` : '';
  // Where `m` goes, m itself or any number is the right shape; a number other than m is NN302.
  const fits = a.dims.length === expected.dims.length &&
    a.dims.every((d, i) => (expected.dims[i] === 'm' ? true : d.value === expected.dims[i]));
  if (!fits) {
    ctx.report('NN301', a.range, `${a.name}[${l}] must be ${expected.rule} = ${right}, not ${written}${dimensions}`,
      [replaceFix(`Change to ${right}`, a.shapeRange, right)]);
    return;
  }
  const at = expected.dims.indexOf('m');
  const count = a.dims[at]?.value;
  if (at >= 0 && typeof count === 'number' && m !== undefined && count !== m) {
    const withM = formatTuple(expected.dims.map((d) => (d === 'm' ? m : d)));
    ctx.report('NN302', a.dims[at].range, `${a.name}[${l}] must be ${expected.rule} = ${withM}, not ${written}: one ${course1 ? 'column' : 'entry'} per training example, and m = ${m}`,
      [replaceFix(`Change to ${right}`, a.shapeRange, right), replaceFix(`Change to ${withM}`, a.shapeRange, withM, false)]);
  }
}
