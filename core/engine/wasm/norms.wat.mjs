// WAT generator for the normalizations of spec §13 (core/engine/norms.ts is the TypeScript reference
// they match bit for bit): per-group mean and biased variance, standardizing, the scale and shift,
// and their gradients. A group is a row of an (rows, cols) matrix (`perRow`) or a column; each
// group's values are walked from its start by a fixed step, in the reference's order, with the
// reference's operations, so every sum and quotient rounds as it does.
// Addresses are byte offsets; rows and cols count doubles.

const lines = (...parts) => parts.flat(Infinity).join('\n');
const get = (name) => `(local.get $${name})`;
const f64 = (address) => `(f64.load ${address})`;

const MATRIX = '(param $rows i32) (param $cols i32) (param $perRow i32)';
const LOCALS = '(local $G i32) (local $n i32) (local $step i32) (local $g i32) (local $p i32) (local $end i32) (local $o i32) '
  + '(local $sum f64) (local $dot f64) (local $mu f64) (local $scale f64) (local $x f64) (local $y f64) (local $b f64)';

/** $G groups of $n values $step bytes apart: rows of cols, or columns of rows. */
const groups = lines(
  `(local.set $G (select ${get('rows')} ${get('cols')} ${get('perRow')}))`,
  `(local.set $n (select ${get('cols')} ${get('rows')} ${get('perRow')}))`,
  `(local.set $step (select (i32.const 8) (i32.shl ${get('cols')} (i32.const 3)) ${get('perRow')}))`,
);

/** for (g = 0; g < G; g++) { o = g's first value's byte offset in the matrix; end = one past its last; body } */
function eachGroup(...body) {
  return lines(
    '(local.set $g (i32.const 0))',
    '(block $g_done (loop $g_next',
    `  (br_if $g_done (i32.ge_u ${get('g')} ${get('G')}))`,
    `  (local.set $o (i32.shl (select (i32.mul ${get('g')} ${get('cols')}) ${get('g')} ${get('perRow')}) (i32.const 3)))`,
    `  (local.set $end (i32.add ${get('o')} (i32.mul ${get('n')} ${get('step')})))`,
    ...body,
    '  (local.set $g (i32.add (local.get $g) (i32.const 1)))',
    '  (br $g_next)))',
  );
}

/** for (p = o; p < end; p += step) body — p is a byte offset within the matrix */
function eachValue(...body) {
  return lines(
    `(local.set $p ${get('o')})`,
    '(block $p_done (loop $p_next',
    `  (br_if $p_done (i32.ge_u ${get('p')} ${get('end')}))`,
    ...body,
    `  (local.set $p (i32.add ${get('p')} ${get('step')}))`,
    '  (br $p_next)))',
  );
}

const at = (base) => `(i32.add ${get(base)} ${get('p')})`;
/** entry g of a statistics vector */
const entry = (base) => `(i32.add ${get(base)} (i32.shl ${get('g')} (i32.const 3)))`;
const count = `(f64.convert_i32_u ${get('n')})`;
/** 1/√(σ² + ε) of group g */
const inverseDeviation = `(local.set $scale (f64.div (f64.const 1) (f64.sqrt (f64.add ${f64(entry('variance'))} ${get('epsilon')}))))`;

/** $sum = Σ d and $dot = Σ d ⊙ x̂ over the group, adding in order; `also` runs per value with $x = d. */
function sumAndDot(...also) {
  return lines(
    '(local.set $sum (f64.const 0))',
    '(local.set $dot (f64.const 0))',
    eachValue(
      `(local.set $x ${f64(at('d'))})`,
      `(local.set $sum (f64.add ${get('sum')} ${get('x')}))`,
      `(local.set $dot (f64.add ${get('dot')} (f64.mul ${get('x')} ${f64(at('xhat'))})))`,
      ...also,
    ),
  );
}

export function normsWat() {
  return lines(
    `(func (export "norm_moments") (param $mean i32) (param $variance i32) (param $m i32) ${MATRIX}`,
    `  ${LOCALS}`,
    groups,
    eachGroup(
      '(local.set $sum (f64.const 0))',
      eachValue(`(local.set $sum (f64.add ${get('sum')} ${f64(at('m'))}))`),
      `(local.set $mu (f64.div ${get('sum')} ${count}))`,
      '(local.set $dot (f64.const 0))',
      eachValue(
        `(local.set $x (f64.sub ${f64(at('m'))} ${get('mu')}))`,
        `(local.set $dot (f64.add ${get('dot')} (f64.mul ${get('x')} ${get('x')})))`,
      ),
      `(f64.store ${entry('mean')} ${get('mu')})`,
      `(f64.store ${entry('variance')} (f64.div ${get('dot')} ${count}))`,
    ),
    ')',
    `(func (export "norm_standardize") (param $out i32) (param $m i32) (param $mean i32) (param $variance i32) ${MATRIX} (param $epsilon f64)`,
    `  ${LOCALS}`,
    groups,
    eachGroup(
      `(local.set $mu ${f64(entry('mean'))})`,
      inverseDeviation,
      eachValue(`(f64.store ${at('out')} (f64.mul (f64.sub ${f64(at('m'))} ${get('mu')}) ${get('scale')}))`),
    ),
    ')',
    `(func (export "norm_standardize_backward") (param $dm i32) (param $d i32) (param $xhat i32) (param $variance i32) ${MATRIX} (param $epsilon f64)`,
    `  ${LOCALS}`,
    groups,
    eachGroup(
      sumAndDot(),
      `(local.set $sum (f64.div ${get('sum')} ${count}))`,
      `(local.set $dot (f64.div ${get('dot')} ${count}))`,
      inverseDeviation,
      eachValue(`(f64.store ${at('dm')} (f64.mul (f64.sub (f64.sub ${f64(at('d'))} ${get('sum')}) (f64.mul ${f64(at('xhat'))} ${get('dot')})) ${get('scale')}))`),
    ),
    ')',
    `(func (export "norm_scale_shift") (param $out i32) (param $m i32) (param $gamma i32) (param $beta i32) ${MATRIX}`,
    `  ${LOCALS}`,
    groups,
    eachGroup(
      `(local.set $y ${f64(entry('gamma'))})`,
      `(local.set $b ${f64(entry('beta'))})`,
      eachValue(`(f64.store ${at('out')} (f64.add (f64.mul ${get('y')} ${f64(at('m'))}) ${get('b')}))`),
    ),
    ')',
    `(func (export "norm_scale_shift_backward") (param $dm i32) (param $dgamma i32) (param $dbeta i32) (param $d i32) (param $xhat i32) (param $gamma i32) ${MATRIX} (param $alpha f64)`,
    `  ${LOCALS}`,
    groups,
    eachGroup(
      `(local.set $y ${f64(entry('gamma'))})`,
      sumAndDot(`(f64.store ${at('dm')} (f64.mul ${get('y')} ${get('x')}))`),
      `(f64.store ${entry('dgamma')} (f64.mul ${get('alpha')} ${get('dot')}))`,
      `(f64.store ${entry('dbeta')} (f64.mul ${get('alpha')} ${get('sum')}))`,
    ),
    ')',
  );
}
