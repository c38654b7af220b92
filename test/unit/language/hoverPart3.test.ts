// Hover on the sequence and attention lines (issues 21–22), through the provider the language server
// uses: every parameter in the course's notation with its shape, the equations, and the batch-first
// layout PyTorch and Keras use beside them — x (m, T_x, n_x), the split heads (m, h, T, d_k), α
// (m, h, T, T) — pinned by their key lines.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyses } from '../../../core/adapters/lsp/analyses';
import { ShapeHoverProvider } from '../../../core/adapters/lsp/hover';
import { defaultReach } from '../../../core/data/paths';

/** The hover's Markdown on the keyword of `line` (1-based) of a network over `input`. */
function hover(input: string, layers: string[], line: number): string {
  const text = ['network n {', `  ${input}`, ...layers.map((l) => `  ${l}`), '}', ''].join('\n');
  const doc = TextDocument.create('untitled:hover.nn', 'nn', 1, text);
  const h = new ShapeHoverProvider(new Analyses(() => defaultReach('/'))).provideHover(doc, { line: line - 1, character: 3 });
  assert.ok(h, `no hover on line ${line}`);
  return (h.contents as { value: string }).value;
}

const has = (markdown: string, ...lines: string[]) => {
  for (const l of lines) assert.ok(markdown.includes(l), `missing ${l}\n${markdown}`);
};

const SEQUENCE = 'input sequence(steps: 5, features: 3)';

test('rnn: Wax, Waa, ba in the course\'s shapes, a⟨t⟩\'s equation, x in both layouts', () => {
  has(hover(SEQUENCE, ['rnn 8', 'dense 1 linear'], 3),
    '| Wax\\[1\\], dWax\\[1\\] | `(n_a, n_x) = (8, 3)` |',
    '| Waa\\[1\\], dWaa\\[1\\] | `(n_a, n_a) = (8, 8)` |',
    '| ba\\[1\\], dba\\[1\\] | `(n_a, 1) = (8, 1)` |',
    '`(n_x, m) = (3, m)` · PyTorch `(m, 3)`',
    '| A\\[1\\], dA\\[1\\] | `(n_a, m, T_x) = (8, m, 5)` · PyTorch `(m, 5, 8)` |',
    '`x (n_x, m, T_x) = (3, m, 5); batch-first x (m, T_x, n_x) = (m, 5, 3)`',
    '`a⟨t⟩ = tanh(Waa·a⟨t−1⟩ + Wax·x⟨t⟩ + ba), a⟨0⟩ = 0, t = 1…T_x = 5`');
});

test('lstm: each gate\'s W and b, the four named (forget, update, candidate, output), a⟨t⟩ and c⟨t⟩ with their equations and batch-first layout', () => {
  const md = hover(SEQUENCE, ['lstm 8', 'dense 1 linear'], 3);
  for (const g of ['f', 'i', 'c', 'o']) has(md, `| W${g}\\[1\\], dW${g}\\[1\\] | \`(n_a, n_a + n_x) = (8, 11)\` |`, `| b${g}\\[1\\], db${g}\\[1\\] | \`(n_a, 1) = (8, 1)\` |`);
  has(md, '· lstm · 8 units · 4 gates',
    '| a⟨t⟩\\[1\\], c⟨t⟩\\[1\\] | `(n_a, m) = (8, m)` · PyTorch `(m, 8)` |',
    'batch-first x (m, T_x, n_x) = (m, 5, 3)',
    '`Γf = σ(Wf·concat + bf)  (forget gate)`', '`Γi = σ(Wi·concat + bi)  (update gate)`',
    '`c̃⟨t⟩ = tanh(Wc·concat + bc)  (candidate)`', '`Γo = σ(Wo·concat + bo)  (output gate)`',
    '`c⟨t⟩ = Γf⊙c⟨t−1⟩ + Γi⊙c̃⟨t⟩`', '`a⟨t⟩ = Γo⊙tanh(c⟨t⟩)`');
});

test('gru: the lecture\'s gates Γr and Γu and c⟨t⟩ = a⟨t⟩', () => {
  has(hover(SEQUENCE, ['gru 4', 'dense 1 linear'], 3),
    '`Γr = σ(Wr·[c⟨t−1⟩; x⟨t⟩] + br)  (relevance gate), c⟨0⟩ = 0`',
    '`c⟨t⟩ = Γu⊙c̃⟨t⟩ + (1 − Γu)⊙c⟨t−1⟩`', '`a⟨t⟩ = c⟨t⟩`');
});

test('embedding: E (N_e, V), the column lookup, and nn.Embedding\'s transposed weight', () => {
  has(hover('input tokens(steps: 6, vocab: 12)', ['embedding 8', 'dense 12 softmax'], 3),
    '| E\\[1\\], dE\\[1\\] | `(N_e, V) = (8, 12)` |',
    '| A\\[1\\], dA\\[1\\] | `(n[1], m, T_x) = (8, m, 6)` · PyTorch `(m, 6, 8)` |',
    'PyTorch: nn.Embedding(12, 8), weight (V, N_e) = E[1]ᵀ');
});

test('self_attention: per head Q_j, K_j, V_j (d_k, T), S_j and α_j (T, T), O_j, the equations, and (m, h, T, d_k) and (m, h, T, T)', () => {
  has(hover('input sequence(steps: 6, features: 8)', ['self_attention heads: 2 causal', 'dense 1 linear'], 3),
    '· self_attention · 2 heads of d_k = 4 · causal',
    '| WQ\\[1\\], WK\\[1\\], WV\\[1\\], WO\\[1\\] | `(d, d) = (8, 8)` |',
    '| Q_j\\[1\\], K_j\\[1\\], V_j\\[1\\] | `(d_k, T) per example = (4, 6)` · PyTorch `(m, 2, 6, 4)` |',
    '| S_j\\[1\\], α_j\\[1\\] | `(T, T) per example = (6, 6)` · PyTorch `(m, 2, 6, 6)` |',
    '| O_j\\[1\\] | `(d_k, T) per example = (4, 6)` · PyTorch `(m, 2, 6, 4)` |',
    '`S_j = Q_jᵀ·K_j / √d_k, S_j[t, t′] = −∞ for t′ > t (causal)`',
    '`α_j = softmax of each row of S_j (row t: what query t attends to)`',
    '`O_j = V_j·α_jᵀ; O = [O_1; …; O_h] (d, T)`',
    '`batch-first (PyTorch): Q_j, K_j, V_j, O_j (m, h, T, d_k) = (m, 2, 6, 4); α (m, h, T, T) = (m, 2, 6, 6)`');
});

test('positional_encoding and layer_norm on a sequence: the sinusoids, and per step normalization', () => {
  has(hover('input sequence(steps: 5, features: 4)', ['positional_encoding', 'dense 1 linear'], 3),
    '`PE[2i, t] = sin(t / 10000^(2i/4)), PE[2i+1, t] = cos(t / 10000^(2i/4)), t = 0…4`', 'No parameters');
  has(hover('input sequence(steps: 5, features: 4)', ['layer_norm', 'dense 1 linear'], 3),
    '| γ\\[1\\], dγ\\[1\\] | `(n[1], 1) = (4, 1)` |',
    '`μ, σ² of each step of each example of A[0] over its n[0] = 4 features (σ² biased)`');
});
