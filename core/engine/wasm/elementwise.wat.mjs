// WAT generator for the element-wise passes: activations (each export named after the function it
// computes; an activation's record in core/layers/activations.ts names the kernel it runs on), their derivatives, the bias add, the
// update, softmax and the costs. Every pass walks a row two doubles at a time and finishes an odd
// length with one half-filled vector, so every entry takes the same arithmetic path. Expressions
// follow the TypeScript kernels (core/engine/kernels.ts, losses.ts) operation for operation.

import { splat } from './math.wat.mjs';

const lines = (...parts) => parts.flat(Infinity).join('\n');
const get = (name) => `(local.get $${name})`;
const ONE = splat(1);
const ZERO = splat(0);

// Loads, stores and lane masking for the paired body and for the odd last entry.
const PAIR = {
  load: (p) => `(v128.load (i32.add ${get(p)} ${get('o')}))`,
  store: (p, x) => `(v128.store (i32.add ${get(p)} ${get('o')}) ${x})`,
  only: (x) => x,
};
const LAST = {
  load: (p) => `(v128.load64_zero (i32.add ${get(p)} ${get('o')}))`,
  store: (p, x) => `(v128.store64_lane 0 (i32.add ${get(p)} ${get('o')}) ${x})`,
  only: (x) => `(f64x2.replace_lane 1 ${x} (f64.const 0))`, // a sum must not count the empty lane
};

/** `body(PAIR)` for byte offsets o = 0, 16, … below 8·(n & ~1), then `body(LAST)` if n is odd. */
function pairs(n, body) {
  return lines(
    '(local.set $o (i32.const 0))',
    `(local.set $end (i32.shl (i32.and ${n} (i32.const -2)) (i32.const 3)))`,
    '(block $done (loop $next',
    '  (br_if $done (i32.ge_u (local.get $o) (local.get $end)))',
    body(PAIR),
    '  (local.set $o (i32.add (local.get $o) (i32.const 16)))',
    '  (br $next)))',
    `(if (i32.and ${n} (i32.const 1)) (then`,
    body(LAST),
    '))',
  );
}

/** `body` once per row i < $rows, the pointers in `rowPtrs` moved on by one row ($cols doubles) each time. */
function perRow(rowPtrs, body) {
  return lines(
    rowPtrs.map((p) => `(local.set $r${p} ${get(p)})`),
    '(local.set $i (i32.const 0))',
    '(block $rows_done (loop $rows_next',
    '  (br_if $rows_done (i32.ge_u (local.get $i) (local.get $rows)))',
    body,
    rowPtrs.map((p) => `  (local.set $r${p} (i32.add (local.get $r${p}) (i32.shl (local.get $cols) (i32.const 3))))`),
    '  (local.set $i (i32.add (local.get $i) (i32.const 1)))',
    '  (br $rows_next)))',
  );
}

const LOCALS = '(local $o i32) (local $end i32) (local $i i32) (local $s v128) (local $t v128) (local $u v128) (local $w v128)';

/** out[p] = f(inputs[p]…) for p < n; f receives each input's loaded vector. */
function map(name, inputs, f, params = '') {
  return lines(
    `(func (export "${name}") (param $out i32) ${inputs.map((x) => `(param $${x} i32)`).join(' ')} (param $n i32) ${params}`,
    `  ${LOCALS}`,
    pairs(get('n'), (L) => L.store('out', f(Object.fromEntries(inputs.map((x) => [x, L.load(x)]))))),
    ')',
  );
}

/** Σ_p f(inputs[p]…) as one f64 (two lane sums, added at the end). */
function total(name, inputs, f) {
  return lines(
    `(func (export "${name}") ${inputs.map((x) => `(param $${x} i32)`).join(' ')} (param $n i32) (result f64)`,
    `  ${LOCALS}`,
    pairs(get('n'), (L) => `(local.set $s (f64x2.add (local.get $s) ${L.only(f(Object.fromEntries(inputs.map((x) => [x, L.load(x)]))))}))`),
    '  (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))',
  );
}

/**
 * A column-wise pass over (rows × cols) matrices: `passes` are run in order, each over every row,
 * with the scratch row(s) `$s0…` (cols doubles each) holding one number per column.
 */
function columnwise(name, matrices, scratch, passes, result = false) {
  const ptrs = [...matrices, ...scratch];
  return lines(
    `(func (export "${name}") ${ptrs.map((x) => `(param $${x} i32)`).join(' ')} (param $rows i32) (param $cols i32)${result ? ' (result f64)' : ''}`,
    `  ${LOCALS} ${matrices.map((x) => `(local $r${x} i32)`).join(' ')}`,
    passes.map((pass) => (pass.once ? pairs(get('cols'), pass.once) : perRow(matrices, pairs(get('cols'), pass.row)))),
    result ? '  (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))' : ')',
  );
}
// In a columnwise pass, row pointers are $r<name>; scratch pointers stay put.
const row = (L, p) => L.load(`r${p}`);
const rowStore = (L, p, x) => L.store(`r${p}`, x);
const fill = (p, x) => ({ once: (L) => L.store(p, x) });

const positive = (z) => `(f64x2.gt ${z} ${ZERO})`;
const scaled = (name, x) => `(f64x2.mul (f64x2.splat (local.get $${name})) ${x})`;
/** (1 − β), splatted: the weight of the new gradient in a moment. */
const keep = '(f64x2.splat (f64.sub (f64.const 1) (local.get $beta)))';
/** log1p(e^−|z|): the shared part of softplus(z) and softplus(−z) (losses.ts). */
const softplusTail = (z) => `(call $log1p (call $exp (f64x2.neg (f64x2.abs ${z}))))`;

export function elementwiseWat() {
  return lines(
    map('logistic', ['z'], ({ z }) => `(f64x2.div ${ONE} (f64x2.add ${ONE} (call $exp (f64x2.neg ${z}))))`),
    map('hyperbolic_tangent', ['z'], ({ z }) => `(call $tanh ${z})`),
    map('exp', ['z'], ({ z }) => `(call $exp ${z})`),
    map('log', ['z'], ({ z }) => `(call $log ${z})`),
    map('rectifier', ['z'], ({ z }) => `(v128.and (local.tee $t ${z}) ${positive(get('t'))})`),
    map('leaky_rectifier', ['z'], ({ z }) => `(v128.bitselect (local.tee $t ${z}) ${scaled('slope', get('t'))} ${positive(get('t'))})`, '(param $slope f64)'),
    map('logistic_backward', ['da', 'a'], ({ da, a }) => `(f64x2.mul (f64x2.mul ${da} (local.tee $t ${a})) (f64x2.sub ${ONE} ${get('t')}))`),
    map('hyperbolic_tangent_backward', ['da', 'a'], ({ da, a }) => `(f64x2.mul ${da} (f64x2.sub ${ONE} (f64x2.mul (local.tee $t ${a}) ${get('t')})))`),
    map('rectifier_backward', ['da', 'z'], ({ da, z }) => `(v128.and ${da} ${positive(z)})`),
    map('leaky_rectifier_backward', ['da', 'z'], ({ da, z }) => `(v128.bitselect (local.tee $t ${da}) ${scaled('slope', get('t'))} ${positive(z)})`, '(param $slope f64)'),
    map('sub', ['a', 'b'], ({ a, b }) => `(f64x2.sub ${a} ${b})`),
    map('axpy', ['y', 'x'], ({ y, x }) => `(f64x2.add ${y} ${scaled('alpha', x)})`, '(param $alpha f64)'),
    // The optimizers' passes (spec §9; inputs are not named s or w, which are locals), in the TypeScript kernels' order of operations, so both give
    // the same bits: v = β·v + (1 − β)·d; s = β·s + (1 − β)·(d·d); θ − (α·(v/c1)) / (√(s/c2) + ε).
    map('moment', ['v', 'd'], ({ v, d }) => `(f64x2.add ${scaled('beta', v)} (f64x2.mul ${keep} ${d}))`, '(param $beta f64)'),
    map('moment2', ['s2', 'd'], ({ s2, d }) => `(f64x2.add ${scaled('beta', s2)} (f64x2.mul ${keep} (f64x2.mul (local.tee $t ${d}) ${get('t')})))`, '(param $beta f64)'),
    map('rescaled_step', ['theta', 'v', 's2'], ({ theta, v, s2 }) => lines(
      `(f64x2.sub ${theta} (f64x2.div ${scaled('alpha', `(f64x2.div ${v} (f64x2.splat (local.get $c1)))`)}`,
      `  (f64x2.add (f64x2.sqrt (f64x2.div ${s2} (f64x2.splat (local.get $c2)))) (f64x2.splat (local.get $epsilon)))))`,
    ), '(param $alpha f64) (param $c1 f64) (param $c2 f64) (param $epsilon f64)'),
    // inverted dropout: A ⊙ D / P
    map('mask', ['a', 'd'], ({ a, d }) => `(f64x2.div (f64x2.mul ${a} ${d}) (f64x2.splat (local.get $p)))`, '(param $p f64)'),
    // a recurrent cell's gate products (spec §14): A ⊙ B, and C + A ⊙ B
    map('hadamard', ['a', 'b'], ({ a, b }) => `(f64x2.mul ${a} ${b})`),
    map('hadamard_add', ['c', 'a', 'b'], ({ c, a, b }) => `(f64x2.add ${c} (f64x2.mul ${a} ${b}))`),
    total('sum_squares', ['a'], ({ a }) => `(f64x2.mul (local.tee $t ${a}) ${get('t')})`),
    // Z[i][j] += b[i]: the "once" scratch is b's entry, splatted per row.
    lines(
      '(func (export "add_column") (param $z i32) (param $b i32) (param $rows i32) (param $cols i32)',
      `  ${LOCALS} (local $rz i32)`,
      perRow(['z'], lines(
        '  (local.set $t (v128.load64_splat (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3)))))',
        pairs(get('cols'), (L) => rowStore(L, 'z', `(f64x2.add ${row(L, 'z')} (local.get $t))`)),
      )),
      ')',
    ),
    // s[i] = α·Σ_j M[i][j], summed left to right as the TypeScript kernel does (db must match it exactly)
    lines(
      '(func (export "sum_columns") (param $out i32) (param $m i32) (param $rows i32) (param $cols i32) (param $alpha f64)',
      `  ${LOCALS} (local $rm i32) (local $sum f64)`,
      perRow(['m'], lines(
        '  (local.set $sum (f64.const 0))',
        '  (local.set $o (i32.const 0))',
        '  (local.set $end (i32.shl (local.get $cols) (i32.const 3)))',
        '  (block $done (loop $next',
        '    (br_if $done (i32.ge_u (local.get $o) (local.get $end)))',
        '    (local.set $sum (f64.add (local.get $sum) (f64.load (i32.add (local.get $rm) (local.get $o)))))',
        '    (local.set $o (i32.add (local.get $o) (i32.const 8)))',
        '    (br $next)))',
        '  (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) (f64.mul (local.get $alpha) (local.get $sum)))',
      )),
      ')',
    ),
    // Σ y·softplus(−z) + (1−y)·softplus(z), softplus(x) = max(x, 0) + log1p(e^−|x|)
    total('cross_entropy', ['z', 'y'], ({ z, y }) => lines(
      `(f64x2.add (f64x2.mul (local.tee $t ${y}) (f64x2.add (f64x2.max (f64x2.neg (local.tee $u ${z})) ${ZERO}) (local.tee $w ${softplusTail(get('u'))})))`,
      `  (f64x2.mul (f64x2.sub ${ONE} ${get('t')}) (f64x2.add (f64x2.max ${get('u')} ${ZERO}) ${get('w')})))`,
    )),
    total('squared_error', ['a', 'y'], ({ a, y }) => `(f64x2.mul (local.tee $t (f64x2.sub ${a} ${y})) ${get('t')})`),
    // softmax per column: s0 = max over rows, A = exp(Z − s0), s0 = Σ A, A /= s0
    columnwise('normalized_exponential', ['z', 'a'], ['s0'], [
      fill('s0', splat(-Infinity)),
      { row: (L) => L.store('s0', `(f64x2.pmax ${L.load('s0')} ${row(L, 'z')})`) },
      { row: (L) => rowStore(L, 'a', `(call $exp (f64x2.sub ${row(L, 'z')} ${L.load('s0')}))`) },
      fill('s0', ZERO),
      { row: (L) => L.store('s0', `(f64x2.add ${L.load('s0')} ${row(L, 'a')})`) },
      { row: (L) => rowStore(L, 'a', `(f64x2.div ${row(L, 'a')} ${L.load('s0')})`) },
    ]),
    // dZ = A ⊙ (dA − Σ_rows A ⊙ dA), per column
    columnwise('normalized_exponential_backward', ['dz', 'a', 'da'], ['s0'], [
      fill('s0', ZERO),
      { row: (L) => L.store('s0', `(f64x2.add ${L.load('s0')} (f64x2.mul ${row(L, 'a')} ${row(L, 'da')}))`) },
      { row: (L) => rowStore(L, 'dz', `(f64x2.mul ${row(L, 'a')} (f64x2.sub ${row(L, 'da')} ${L.load('s0')}))`) },
    ]),
    // Σ Y·(lse − Z) over entries with Y ≠ 0, lse = max + log Σ exp(Z − max) per column
    columnwise('softmax_cross_entropy', ['z', 'y'], ['s0', 's1'], [
      fill('s0', splat(-Infinity)),
      { row: (L) => L.store('s0', `(f64x2.pmax ${L.load('s0')} ${row(L, 'z')})`) },
      fill('s1', ZERO),
      { row: (L) => L.store('s1', `(f64x2.add ${L.load('s1')} (call $exp (f64x2.sub ${row(L, 'z')} ${L.load('s0')})))`) },
      { once: (L) => L.store('s1', `(f64x2.add ${L.load('s0')} (call $log ${L.load('s1')}))`) },
      { row: (L) => `(local.set $s (f64x2.add (local.get $s) ${L.only(`(v128.and (f64x2.mul (local.tee $t ${row(L, 'y')}) (f64x2.sub ${L.load('s1')} ${row(L, 'z')})) (f64x2.ne ${get('t')} ${ZERO}))`)}))` },
    ], true),
  );
}
