// Spec §12's shape rules of the groups in the checker's words: a residual whose body and shortcut
// disagree (naming both shapes, with the quick fix that inserts ResNet's projection shortcut), and
// concat branches that disagree in a dimension they are not joined along. The rules themselves are
// core/layers' (residual.ts, concat.ts); this only reports them on the causing line.

import { concatOutput, LAYER_KINDS, projection, residualOutput, type Shape } from '../layers';
import type { Fix } from './api';
import type { GroupNode } from './ast';
import type { CheckContext } from './context';
import { examplesShape } from './shapes';

/** `(m, 14, 14, 64)` for a volume, `(4, m)` for vectors: a shape as the course writes A[l]. */
export function shapeText(shape: Shape): string {
  return `(${examplesShape(shape).join(', ')})`;
}

/**
 * The residual's output (the body's shape) when body and shortcut agree; otherwise reported on the
 * `residual` line, with a fix when no shortcut is written and a 1×1 projection can make them agree.
 */
export function checkResidual(ctx: CheckContext, node: GroupNode, input: Shape, body: Shape, shortcut: Shape, written: boolean): Shape | undefined {
  const output = residualOutput(body, shortcut);
  if (output) return output;
  const other = written ? `its shortcut gives ${shapeText(shortcut)}` : `its shortcut, the identity, passes on the input ${shapeText(shortcut)}`;
  const fix = written ? undefined : shortcutFix(node, input, body);
  ctx.report('NN320', node.keywordRange,
    `the body of this residual gives ${shapeText(body)} but ${other}: out = g(BODY(x) + SHORTCUT(x)) adds them entry by entry, so they must have one shape${fix ? '; add a shortcut that projects x' : ''}`,
    fix && [fix]);
  return undefined;
}

/** Inserts `shortcut { … }` as the residual's last statement: a 1×1 conv (or a linear layer, per step on a sequence) of the body's shape. */
function shortcutFix(node: GroupNode, input: Shape, body: Shape): Fix | undefined {
  // over the same steps a per-step dense layer projects each x⟨t⟩ (issue 22: a residual around attention)
  const p = input.kind === 'sequence' && body.kind === 'sequence' && input.T === body.T ? { kind: 'vector' as const, n: body.n } : projection(input, body);
  if (!p || !node.body.closed) return undefined;
  // with batch norm when the language has it (ResNet normalizes its shortcut too)
  const norm = LAYER_KINDS.some((k) => k.form.options.includes('norm')) ? ' norm: batch' : '';
  const layer = p.kind === 'volume' ? `conv2d ${p.n_C} linear f: 1 stride: ${p.stride}${norm}` : `dense ${p.n} linear`;
  const statement = `shortcut { ${layer} }`;
  const indent = ' '.repeat(node.keywordRange.start.column - 1);
  const close = { line: node.body.range.end.line, column: node.body.range.end.column - 1 };
  const own = close.line > node.body.range.start.line;
  const at = own ? { line: close.line, column: 1 } : close;
  const newText = own ? `${indent}  ${statement}\n` : `\n${indent}  ${statement}\n${indent}`;
  return { title: `Add \`${statement}\``, edits: [{ range: { start: at, end: at }, newText }], preferred: true };
}

/** The joined output of a concat's branches, or undefined after reporting the first branch that does not fit. */
export function checkConcat(ctx: CheckContext, branches: readonly { node: GroupNode; output: Shape }[]): Shape | undefined {
  const { output, issue } = concatOutput(branches.map((b) => b.output));
  if (!issue) return output;
  const first = branches[0].output;
  const b = branches[issue.branch];
  const which = `branch ${issue.branch + 1} gives ${shapeText(b.output)} but branch 1 gives ${shapeText(first)}`;
  if (issue.kind === 'mixed') {
    ctx.report('NN321', b.node.keywordRange, `${which}: concat joins volumes along channels and vectors along units, never one with the other`);
  } else {
    const sizes = (s: Shape) => (s.kind === 'volume' ? s[issue.axis] : 0);
    ctx.report('NN321', b.node.keywordRange,
      `${which}: concat joins volumes along channels, so every branch must keep one n_H and n_W (${issue.axis} ${sizes(b.output)} ≠ ${sizes(first)})`);
  }
  return undefined;
}
