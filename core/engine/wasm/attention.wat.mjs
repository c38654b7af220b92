// WAT generator for self-attention's (T, T) part (spec §15): the scores, the masked row softmax, the
// weighted values and their gradients, per example and head, on (T·d, m) time-major sequences and
// α (m, h, T, T). The loops, their order and every operation follow the TypeScript reference
// (core/engine/attention.ts), so the sums round as there; exp is math.wat.mjs's (a few ulp from
// Math.exp), so results agree with the reference to about 1e-15 relative, not bit for bit.
// Addresses are byte offsets; sizes count doubles.

const lines = (...parts) => parts.flat(Infinity).join('\n');
const get = (name) => `(local.get $${name})`;
const set = (name, value) => `(local.set $${name} ${value})`;
const i32 = (k) => `(i32.const ${k})`;
const add = (...xs) => xs.reduce((a, b) => `(i32.add ${a} ${b})`);
const mul = (a, b) => `(i32.mul ${a} ${b})`;
/** the double at element index `index` of the matrix at address `base` */
const at = (base, index) => `(i32.add ${get(base)} (i32.shl ${index} (i32.const 3)))`;
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
const LOCALS = '(local $m i32) (local $dk i32) (local $stride i32) (local $i i32) (local $j i32) (local $t i32) (local $u i32) (local $r i32) '
  + '(local $keys i32) (local $base i32) (local $first i32) (local $row i32) (local $qt i32) (local $ku i32) (local $p i32) '
  + '(local $scale f64) (local $s f64) (local $max f64) (local $sum f64) (local $e f64) (local $dot f64) (local $ds f64) (local $au f64)';

/** d_k, the step stride d·m and 1/√d_k */
const sizes = lines(
  set('dk', `(i32.div_u ${get('d')} ${get('h')})`),
  set('stride', mul(get('d'), get('m'))),
  set('scale', `(f64.div (f64.const 1) (f64.sqrt (f64.convert_i32_u ${get('dk')})))`),
);

/** for every example i, head j and query step t: base, first (α's), keys (the mask), row and qt set */
function eachQuery(...body) {
  return loop('i', i32(0), get('m'),
    loop('j', i32(0), get('h'),
      set('base', add(mul(mul(get('j'), get('dk')), get('m')), get('i'))),
      set('first', mul(mul(add(mul(get('i'), get('h')), get('j')), get('T')), get('T'))),
      loop('t', i32(0), get('T'),
        set('keys', `(select ${add(get('t'), i32(1))} ${get('T')} ${get('causal')})`),
        set('row', add(get('first'), mul(get('t'), get('T')))),
        set('qt', add(get('base'), mul(get('t'), get('stride')))),
        ...body)));
}

/** $s = Σ_r X[x + r·m]·Y[y + r·m] over the head's d_k rows */
function dot(X, x, Y, y) {
  return lines(
    set('s', '(f64.const 0)'),
    loop('r', i32(0), get('dk'),
      set('p', mul(get('r'), get('m'))),
      set('s', `(f64.add ${get('s')} (f64.mul ${load(X, add(x, get('p')))} ${load(Y, add(y, get('p')))}))`)),
  );
}

const keyAt = (u) => add(get('base'), mul(u, get('stride')));
const exp = (x) => `(f64x2.extract_lane 0 (call $exp (f64x2.splat ${x})))`;

export function attentionWat() {
  return lines(
    `(func (export "attention") (param $o i32) (param $a i32) (param $q i32) (param $k i32) (param $v i32) (param $m_ i32) ${HEADS}`,
    `  ${LOCALS}`,
    set('m', get('m_')),
    sizes,
    eachQuery(
      set('max', '(f64.const -inf)'),
      loop('u', i32(0), get('keys'),
        dot('q', get('qt'), 'k', keyAt(get('u'))),
        set('s', `(f64.mul ${get('s')} ${get('scale')})`),
        store('a', add(get('row'), get('u')), get('s')),
        `(if (f64.gt ${get('s')} ${get('max')}) (then ${set('max', get('s'))}))`),
      set('sum', '(f64.const 0)'),
      loop('u', i32(0), get('keys'),
        set('e', exp(`(f64.sub ${load('a', add(get('row'), get('u')))} ${get('max')})`)),
        store('a', add(get('row'), get('u')), get('e')),
        set('sum', `(f64.add ${get('sum')} ${get('e')})`)),
      loop('u', i32(0), get('keys'),
        store('a', add(get('row'), get('u')), `(f64.div ${load('a', add(get('row'), get('u')))} ${get('sum')})`)),
      loop('u', get('keys'), get('T'), store('a', add(get('row'), get('u')), '(f64.const 0)')),
      loop('r', i32(0), get('dk'),
        set('p', mul(get('r'), get('m'))),
        set('s', '(f64.const 0)'),
        loop('u', i32(0), get('keys'),
          set('s', `(f64.add ${get('s')} (f64.mul ${load('a', add(get('row'), get('u')))} ${load('v', add(keyAt(get('u')), get('p')))}))`)),
        store('o', add(get('qt'), get('p')), get('s')))),
    ')',

    `(func (export "attention_backward") (param $dq i32) (param $dkk i32) (param $dv i32) (param $g i32) (param $a i32) (param $q i32) (param $k i32) (param $v i32) (param $ds_ i32) (param $m_ i32) ${HEADS}`,
    `  ${LOCALS}`,
    set('m', get('m_')),
    sizes,
    // dK and dV add up over the queries
    `(memory.fill ${get('dkk')} (i32.const 0) (i32.shl ${mul(get('T'), get('stride'))} (i32.const 3)))`,
    `(memory.fill ${get('dv')} (i32.const 0) (i32.shl ${mul(get('T'), get('stride'))} (i32.const 3)))`,
    eachQuery(
      set('dot', '(f64.const 0)'),
      loop('u', i32(0), get('keys'),
        dot('g', get('qt'), 'v', keyAt(get('u'))),
        store('ds_', get('u'), get('s')),
        set('dot', `(f64.add ${get('dot')} (f64.mul ${load('a', add(get('row'), get('u')))} ${get('s')}))`)),
      loop('u', i32(0), get('keys'),
        store('ds_', get('u'), `(f64.mul ${load('a', add(get('row'), get('u')))} (f64.sub ${load('ds_', get('u'))} ${get('dot')}))`)),
      loop('r', i32(0), get('dk'),
        set('p', mul(get('r'), get('m'))),
        set('s', '(f64.const 0)'),
        loop('u', i32(0), get('keys'),
          set('s', `(f64.add ${get('s')} (f64.mul ${load('ds_', get('u'))} ${load('k', add(keyAt(get('u')), get('p')))}))`)),
        store('dq', add(get('qt'), get('p')), `(f64.mul ${get('scale')} ${get('s')})`)),
      loop('u', i32(0), get('keys'),
        set('ds', `(f64.mul ${get('scale')} ${load('ds_', get('u'))})`),
        set('au', load('a', add(get('row'), get('u')))),
        set('ku', keyAt(get('u'))),
        loop('r', i32(0), get('dk'),
          set('p', mul(get('r'), get('m'))),
          store('dkk', add(get('ku'), get('p')), `(f64.add ${load('dkk', add(get('ku'), get('p')))} (f64.mul ${get('ds')} ${load('q', add(get('qt'), get('p')))}))`),
          store('dv', add(get('ku'), get('p')), `(f64.add ${load('dv', add(get('ku'), get('p')))} (f64.mul ${get('au')} ${load('g', add(get('qt'), get('p')))}))`)))),
    ')',
  );
}
