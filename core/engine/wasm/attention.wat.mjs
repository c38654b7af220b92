// WAT generator for self-attention's (T, T) part (spec §15): the scores, the masked row softmax, the
// weighted values and their gradients, per example and head, on (T·d, m) time-major sequences and
// α (m, h, T, T). The results are the TypeScript reference's (core/engine/attention.ts); the work is
// arranged for speed. A head's rows of one example sit m doubles apart in the sequences (a cache
// line per number), so each (example, head) first gathers its Q_j, K_j, V_j (and dO_j) once into
// contiguous (T, d_k) blocks of a work area, d_k padded with zeros to even; then every (T, T)
// product is one call of the module's own matrix products (products.wat.mjs: S = Q_j·K_jᵀ/√d_k
// straight into α's (T, T) block, O_j = α·V_j; dα = dO_j·V_jᵀ, dQ_j = dS·K_j/√d_k, dK_j = dSᵀ·Q_j/√d_k,
// dV_j = αᵀ·dO_j), and the results are scattered back. The causal mask is applied by the softmax
// (masked entries of α and dS are 0, so the full products add only zeros for them). Sums are
// ordered as the products order them and exp is math.wat.mjs's (a few ulp from Math.exp): results
// agree with the reference to about 1e-15 relative, not bit for bit. attention_backward's `ds_` row
// (the reference's scratch) is not needed here: dS is a (T, T) block of the work area.
// Addresses are byte offsets; sizes count doubles.

const lines = (...parts) => parts.flat(Infinity).join('\n');
const get = (name) => `(local.get $${name})`;
const set = (name, value) => `(local.set $${name} ${value})`;
const i32 = (k) => `(i32.const ${k})`;
const add = (...xs) => xs.reduce((a, b) => `(i32.add ${a} ${b})`);
const mul = (a, b) => `(i32.mul ${a} ${b})`;
const bytes = (count) => `(i32.shl ${count} (i32.const 3))`;
/** the byte address of the double at element index `index` of the matrix at address `base` */
const at = (base, index) => `(i32.add ${get(base)} ${bytes(index)})`;
const load = (base, index) => `(f64.load ${at(base, index)})`;
const store = (base, index, value) => `(f64.store ${at(base, index)} ${value})`;

/** for (name = start; name < end; name++) body — end is re-read each time (it is a local or a constant) */
function loop(name, start, end, ...body) {
  return lines(
    set(name, start),
    `(block $${name}_done (loop $${name}_next`,
    `  (br_if $${name}_done (i32.ge_s ${get(name)} ${end}))`,
    ...body,
    `  ${set(name, add(get(name), i32(1)))}`,
    `  (br $${name}_next)))`,
  );
}

const HEADS = '(param $T i32) (param $d i32) (param $h i32) (param $causal i32)';
const LOCALS = '(local $m i32) (local $dk i32) (local $dkp i32) (local $rowBytes i32) (local $stride i32) (local $i i32) (local $j i32) '
  + '(local $t i32) (local $u i32) (local $r i32) (local $keys i32) (local $base i32) (local $first i32) (local $row i32) (local $p i32) '
  + '(local $qs i32) (local $ks i32) (local $vs i32) (local $gs i32) (local $os i32) (local $dqs i32) (local $dks i32) (local $dvs i32) (local $ds i32) '
  + '(local $scale f64) (local $s f64) (local $max f64) (local $sum f64) (local $e f64) (local $dot f64) (local $v v128)';

/**
 * d_k, d_k padded to even and its bytes, the step stride d·m, 1/√d_k; the work area's (T, d_k padded)
 * blocks named by `blocks` in order, then $ds, a (T, T) block; the blocks' padding set to 0.
 */
function sizes(blocks) {
  const block = mul(get('T'), get('dkp'));
  return lines(
    set('dk', `(i32.div_u ${get('d')} ${get('h')})`),
    set('dkp', `(i32.and ${add(get('dk'), i32(1))} (i32.const -2))`),
    set('rowBytes', bytes(get('dkp'))),
    set('stride', mul(get('d'), get('m'))),
    set('scale', `(f64.div (f64.const 1) (f64.sqrt (f64.convert_i32_u ${get('dk')})))`),
    [...blocks, 'ds'].map((name, b) => set(name, add(get('w'), bytes(mul(i32(b), block))))),
    `(memory.fill ${get('w')} (i32.const 0) ${bytes(mul(i32(blocks.length), block))})`,
  );
}

/** for every example i and head j: base (head j's step 0, row 0 of example i) and first (α's block) set */
function eachHead(...body) {
  return loop('i', i32(0), get('m'),
    loop('j', i32(0), get('h'),
      set('base', add(mul(mul(get('j'), get('dk')), get('m')), get('i'))),
      set('first', mul(mul(add(mul(get('i'), get('h')), get('j')), get('T')), get('T'))),
      ...body));
}

/** for every query step t: keys (the causal mask: query t sees keys 0…t) and row (α's) set */
function eachQuery(...body) {
  return loop('t', i32(0), get('T'),
    set('keys', `(select ${add(get('t'), i32(1))} ${get('T')} ${get('causal')})`),
    set('row', add(get('first'), mul(get('t'), get('T')))),
    ...body);
}

/** Between head j of example i in a sequence (`seq`) and its contiguous (T, d_k padded) block (`block`): copy in, or out. */
function copyHead(seq, block, out) {
  return loop('t', i32(0), get('T'),
    loop('r', i32(0), get('dk'),
      set('p', add(get('base'), mul(get('t'), get('stride')), mul(get('r'), get('m')))),
      set('u', add(mul(get('t'), get('dkp')), get('r'))),
      out ? store(seq, get('p'), load(block, get('u'))) : store(block, get('u'), load(seq, get('p')))));
}

const T8 = bytes(get('T'));
const alphaBlock = at('a', get('first'));
/** C (T, d_k padded) = c·L·R with L (T, T) at address l, row and column strides lr, lc bytes, R a (T, d_k padded) block */
const timesBlock = (C, l, lr, lc, R, c) => `(call $mm_nn ${get(C)} ${get('rowBytes')} ${l} ${lr} ${lc} ${get(R)} ${get('rowBytes')} ${get('T')} ${get('T')} ${get('dkp')} ${c})`;
/** the (T, T) block at address c = s·X·Yᵀ of two (T, d_k padded) blocks */
const blockTimesBlockT = (c, X, Y, s) => `(call $mm_nt ${c} ${T8} ${get(X)} ${get(Y)} ${get('rowBytes')} ${get('T')} ${get('T')} ${get('dkp')} ${s})`;
const exp = (x) => `(f64x2.extract_lane 0 (call $exp (f64x2.splat ${x})))`;

export function attentionWat() {
  return lines(
    `(func (export "attention") (param $o i32) (param $a i32) (param $q i32) (param $k i32) (param $v_ i32) (param $w i32) (param $m_ i32) ${HEADS}`,
    `  ${LOCALS}`,
    set('m', get('m_')),
    sizes(['qs', 'ks', 'vs', 'os']),
    eachHead(
      copyHead('q', 'qs'), copyHead('k', 'ks'), copyHead('v_', 'vs'),
      blockTimesBlockT(alphaBlock, 'qs', 'ks', get('scale')), // S_j in α's block
      eachQuery(
        set('max', '(f64.const -inf)'),
        loop('u', i32(0), get('keys'),
          set('s', load('a', add(get('row'), get('u')))),
          `(if (f64.gt ${get('s')} ${get('max')}) (then ${set('max', get('s'))}))`),
        // e^(s − max) two keys at a time (the last alone when keys is odd), summed in order
        set('sum', '(f64.const 0)'),
        loop('u', i32(0), `(i32.shr_u ${get('keys')} (i32.const 1))`,
          set('p', add(get('row'), `(i32.shl ${get('u')} (i32.const 1))`)),
          set('v', `(call $exp (f64x2.sub (v128.load ${at('a', get('p'))}) (f64x2.splat ${get('max')})))`),
          `(v128.store ${at('a', get('p'))} ${get('v')})`,
          set('sum', `(f64.add (f64.add ${get('sum')} (f64x2.extract_lane 0 ${get('v')})) (f64x2.extract_lane 1 ${get('v')}))`)),
        `(if (i32.and ${get('keys')} (i32.const 1)) (then`,
        set('p', add(get('row'), get('keys'), i32(-1))),
        set('e', exp(`(f64.sub ${load('a', get('p'))} ${get('max')})`)),
        store('a', get('p'), get('e')),
        set('sum', `(f64.add ${get('sum')} ${get('e')})`),
        '))',
        loop('u', i32(0), get('keys'),
          store('a', add(get('row'), get('u')), `(f64.div ${load('a', add(get('row'), get('u')))} ${get('sum')})`)),
        loop('u', get('keys'), get('T'), store('a', add(get('row'), get('u')), '(f64.const 0)'))),
      timesBlock('os', alphaBlock, T8, i32(8), 'vs', '(f64.const 1)'), // O_j = α·V_j
      copyHead('o', 'os', true)),
    ')',

    `(func (export "attention_backward") (param $dq i32) (param $dkk i32) (param $dv i32) (param $g i32) (param $a i32) (param $q i32) (param $k i32) (param $v_ i32) (param $ds_ i32) (param $w i32) (param $m_ i32) ${HEADS}`,
    `  ${LOCALS}`,
    set('m', get('m_')),
    sizes(['qs', 'ks', 'vs', 'gs', 'dqs', 'dks', 'dvs']),
    eachHead(
      copyHead('q', 'qs'), copyHead('k', 'ks'), copyHead('v_', 'vs'), copyHead('g', 'gs'),
      blockTimesBlockT(get('ds'), 'gs', 'vs', '(f64.const 1)'), // dα = dO_j·V_jᵀ
      // dS[t, u] = α[t, u]·(dα[t, u] − Σ_u′ α[t, u′]·dα[t, u′]), 0 where masked
      eachQuery(
        set('p', mul(get('t'), get('T'))),
        set('dot', '(f64.const 0)'),
        loop('u', i32(0), get('keys'),
          set('dot', `(f64.add ${get('dot')} (f64.mul ${load('a', add(get('row'), get('u')))} ${load('ds', add(get('p'), get('u')))}))`)),
        loop('u', i32(0), get('keys'),
          store('ds', add(get('p'), get('u')), `(f64.mul ${load('a', add(get('row'), get('u')))} (f64.sub ${load('ds', add(get('p'), get('u')))} ${get('dot')}))`)),
        loop('u', get('keys'), get('T'), store('ds', add(get('p'), get('u')), '(f64.const 0)'))),
      timesBlock('dqs', get('ds'), T8, i32(8), 'ks', get('scale')), // dQ_j = dS·K_j/√d_k
      timesBlock('dks', get('ds'), i32(8), T8, 'qs', get('scale')), // dK_j = dSᵀ·Q_j/√d_k
      timesBlock('dvs', alphaBlock, i32(8), T8, 'gs', '(f64.const 1)'), // dV_j = αᵀ·dO_j
      copyHead('dq', 'dqs', true), copyHead('dkk', 'dks', true), copyHead('dv', 'dvs', true)),
    ')',
  );
}
