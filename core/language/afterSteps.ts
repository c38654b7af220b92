// What to write instead when a layer for vectors or image volumes is given a sequence or tokens
// (issue 21; NN307 `dense … norm: batch`, NN308 a window layer, NN309 `flatten`): the sentence that
// ends the message and the quick fixes. Course 5 keeps the steps until a layer ends them (a
// recurrent layer with `return: last`, `global_avg_pool` over time); per step it normalizes with
// `layer_norm`, and tokens become vectors with `embedding`.

import { embedding } from '../layers/embedding';
import { globalAvgPool } from '../layers/globalAvgPool';
import { layerNorm } from '../layers/layerNorm';
import type { ShapeIssue } from '../layers';
import type { Fix, Position } from './api';
import type { LayerNode } from './ast';
import { replaceFix } from './context';
import { removePart } from './lineEdits';

export interface Advice {
  /** what the layer does, when the issue is one of its options (`norm: batch`) rather than the layer */
  what?: string;
  /** `: …`, appended to the message */
  hint: string;
  fixes: Fix[];
}

/** The embedding size the fix writes: a small E[l] that a student then tunes. */
const EMBEDDING_EXAMPLE = 16;

const END_STEPS = `end the steps first (a recurrent layer with \`return: last\`, or \`${globalAvgPool.kind}\` over time)`;

/** Advice for an issue of `node` on a sequence or tokens; undefined for any other input. `first`: the layer comes right after the input. */
export function stepsAdvice(node: LayerNode, issue: ShapeIssue, first: boolean): Advice | undefined {
  if (!('input' in issue) || (issue.input.kind !== 'sequence' && issue.input.kind !== 'tokens')) return undefined;
  if (issue.input.kind === 'tokens') {
    return {
      hint: `: token ids are no features to compute with; put \`${embedding.kind} N_e\` right after the input (each token becomes a vector e⟨t⟩), and the layers after it apply per step`,
      fixes: first ? [insertAbove(node, `${embedding.kind} ${EMBEDDING_EXAMPLE}`)] : [],
    };
  }
  const norm = node.options.find((o) => o.name === 'norm');
  if (issue.kind === 'needs-vector' && norm) {
    return {
      what: `\`${node.kind} … norm: batch\` normalizes each unit over the m examples of column vectors`,
      hint: `: batch norm over the steps of a sequence is not in the language; normalize per example and step with \`${layerNorm.kind}\` on the line after this layer (as a transformer does), or ${END_STEPS}`,
      fixes: [
        { title: `Replace \`norm: batch\` by \`${layerNorm.kind}\` below`, edits: [...removePart(node, norm, '').edits, insertBelow(node, layerNorm.kind)], preferred: true },
        { ...insertAbove(node, globalAvgPool.kind), preferred: false },
      ],
    };
  }
  if (issue.kind === 'already-vector') {
    return {
      hint: `: to end the steps, use \`${globalAvgPool.kind}\` (each feature's mean over the T steps) or a recurrent layer with \`return: last\``,
      fixes: [replaceFix(`Change to \`${globalAvgPool.kind}\``, node.keywordRange, globalAvgPool.kind)],
    };
  }
  if (issue.kind === 'needs-volume') {
    return { hint: ': the steps of a sequence are read by `rnn`, `lstm`, `gru` or `self_attention`, a dense layer applies per step, and `global_avg_pool` ends them', fixes: [] };
  }
  return { hint: `: ${END_STEPS}`, fixes: [] };
}

function lineStart(node: LayerNode, line: number): { at: Position; indent: string } {
  return { at: { line, column: 1 }, indent: ' '.repeat(node.range.start.column - 1) };
}

function insertAbove(node: LayerNode, text: string): Fix {
  const { at, indent } = lineStart(node, node.range.start.line);
  return { title: `Insert \`${text}\` above`, edits: [{ range: { start: at, end: at }, newText: `${indent}${text}\n` }], preferred: true };
}

function insertBelow(node: LayerNode, text: string): Fix['edits'][number] {
  const { at, indent } = lineStart(node, node.range.start.line + 1);
  return { range: { start: at, end: at }, newText: `${indent}${text}\n` };
}
