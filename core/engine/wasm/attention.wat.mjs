// WAT generator for self-attention's (T, T) part (spec §15): the scores, the masked row softmax, the
// weighted values and their gradients, per example and head, on (T·d, m) time-major sequences and
// α (m, h, T, T). The operations follow the TypeScript reference (core/engine/attention.ts); what
// differs is where the operands sit. A head's rows of one example are m doubles apart in the
// sequences (a cache line per number), and every query reads all of K_j and V_j, so each (example,
// head) first gathers its Q_j, K_j, V_j (and dO_j) into contiguous (T, d_k) blocks of the work area
// — each number read from the sequence once instead of T times — and the products over d_k run two
// doubles at a time (f64x2) on those blocks, d_k padded with zeros to even. Sums over steps keep
// the reference's order; sums over d_k add even and odd entries apart, and exp is math.wat.mjs's (a
// few ulp from Math.exp), so results agree with the reference to about 1e-15 relative.
// Addresses are byte offsets; sizes count doubles.

const lines = (...parts) => parts.flat(Infinity).join('\n');
const get = (name) => `(local.get $${name})`;
const set = (name, value) => `(local.set $${name} ${value})`;
const i32 = (k) => `(i32.const ${k})`;
const add = (...xs) => xs.reduce((a, b) => `(i32.add ${a} ${b})`);
const mul = (a, b) => `(i32.mul ${a} ${b})`;
/** the byte address of the double at element index `index` of the matrix at address `base` */
const at = (base, index) => `(i32.add ${get(base)} (i32.shl ${index} (i32.const 3)))`;
const load = (base, index) => `(f64.load ${at(base, index)})`;
const store = (base, index, value) => `(f64.store ${at(base, index)} ${value})`;
const load2 = (base, index) => `(v128.load ${at(base, index)})`;
const store2 = (base, index, value) => `(v128.store ${at(base, index)} ${value})`;

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

/** for each pair of entries of a block's row, $o its byte offset (0, 16, … < 8·d_k padded): the f64x2 loops */
function pairs(...body) {
  return lines(
    set('off', i32(0)),
    '(block $off_done (loop $off_next',
    `  (br_if $off_done (i32.ge_u ${get('off')} ${get('rowBytes')}))`,
    ...body,
    `  ${set('off', add(get('off'), i32(16)))}`,
    '  (br $off_next)))',
  );
}
/** the byte address of row `row` of the block at `base` */
const rowAt = (base, row) => add(get(base), mul(row, get('rowBytes')));

const HEADS = '(param $T i32) (param $d i32) (param $h i32) (param $causal i32)';
const LOCALS = '(local $m i32) (local $dk i32) (local $dkp i32) (local $pairs i32) (local $stride i32) (local $i i32) (local $j i32) '
  + '(local $t i32) (local $u i32) (local $r i32) (local $off i32) (local $rowBytes i32) (local $px i32) (local $py i32) (local $keys i32) (local $base i32) (local $first i32) (local $row i32) '
  + '(local $qt i32) (local $p i32) (local $qs i32) (local $ks i32) (local $vs i32) (local $gs i32) (local $dks i32) (local $dvs i32) (local $acc i32) '
  + '(local $scale f64) (local $s f64) (local $max f64) (local $sum f64) (local $e f64) (local $dot f64) (local $v v128)';

/** d_k, d_k padded to even, the step stride d·m, 1/√d_k, and the work area's blocks of T·d_k padded each (`blocks` in order) then one row */
function sizes(blocks) {
  return lines(
    set('dk', `(i32.div_u ${get('d')} ${get('h')})`),
    set('dkp', `(i32.and ${add(get('dk'), i32(1))} (i32.const -2))`),
    set('rowBytes', `(i32.shl ${get('dkp')} (i32.const 3))`),
    set('stride', mul(get('d'), get('m'))),
    set('scale', `(f64.div (f64.const 1) (f64.sqrt (f64.convert_i32_u ${get('dk')})))`),
    blocks.map((name, b) => set(name, add(get('w'), `(i32.shl ${mul(i32(b), mul(get('T'), get('dkp')))} (i32.const 3))`))),
    set('acc', add(get('w'), `(i32.shl ${mul(i32(blocks.length), mul(get('T'), get('dkp')))} (i32.const 3))`)),
    // the padding entries of the gathered blocks stay 0
    `(memory.fill ${get('w')} (i32.const 0) (i32.shl ${mul(add(mul(i32(blocks.length), get('T')), i32(1)), get('dkp'))} (i32.const 3)))`,
  );
}

/** for every example i and head j: base (head j's step 0, row 0 of example i) and first (α's) set */
function eachHead(...body) {
  return loop('i', i32(0), get('m'),
    loop('j', i32(0), get('h'),
      set('base', add(mul(mul(get('j'), get('dk')), get('m')), get('i'))),
      set('first', mul(mul(add(mul(get('i'), get('h')), get('j')), get('T')), get('T'))),
      ...body));
}

/** for every query step t: keys (the causal mask: query t sees keys 0…t), row (α's) and qt set */
function eachQuery(...body) {
  return loop('t', i32(0), get('T'),
    set('keys', `(select ${add(get('t'), i32(1))} ${get('T')} ${get('causal')})`),
    set('row', add(get('first'), mul(get('t'), get('T')))),
    set('qt', add(get('base'), mul(get('t'), get('stride')))),
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

const pair = (pointer) => `(v128.load ${add(get(pointer), get('off'))})`;

/** $s = row x of block X · row y of block Y (over d_k, padded) */
function dot(X, x, Y, y) {
  return lines(
    set('px', rowAt(X, x)), set('py', rowAt(Y, y)),
    set('v', '(f64x2.splat (f64.const 0))'),
    pairs(set('v', `(f64x2.add ${get('v')} (f64x2.mul ${pair('px')} ${pair('py')}))`)),
    set('s', `(f64.add (f64x2.extract_lane 0 ${get('v')}) (f64x2.extract_lane 1 ${get('v')}))`),
  );
}

/** row `into` of block Into (or the row at $acc when Into is 'acc') += c · row `y` of block Y */
function axpyRow(Into, into, c, Y, y) {
  return lines(
    set('px', rowAt(Into, into)), set('py', rowAt(Y, y)),
    set('v', `(f64x2.splat ${c})`),
    pairs(`(v128.store ${add(get('px'), get('off'))} (f64x2.add ${pair('px')} (f64x2.mul ${get('v')} ${pair('py')})))`),
  );
}

const zeroAcc = `(memory.fill ${get('acc')} (i32.const 0) (i32.shl ${get('dkp')} (i32.const 3)))`;
const exp = (x) => `(f64x2.extract_lane 0 (call $exp (f64x2.splat ${x})))`;

export function attentionWat() {
  return lines(
    `(func (export "attention") (param $o i32) (param $a i32) (param $q i32) (param $k i32) (param $v_ i32) (param $w i32) (param $m_ i32) ${HEADS}`,
    `  ${LOCALS}`,
    set('m', get('m_')),
    sizes(['qs', 'ks', 'vs']),
    eachHead(
      copyHead('q', 'qs'), copyHead('k', 'ks'), copyHead('v_', 'vs'),
      eachQuery(
        set('max', '(f64.const -inf)'),
        loop('u', i32(0), get('keys'),
          dot('qs', get('t'), 'ks', get('u')),
          set('s', `(f64.mul ${get('s')} ${get('scale')})`),
          store('a', add(get('row'), get('u')), get('s')),
          `(if (f64.gt ${get('s')} ${get('max')}) (then ${set('max', get('s'))}))`),
        // e^(s − max) two keys at a time (the last alone when keys is odd), summed in order
        set('sum', '(f64.const 0)'),
        loop('u', i32(0), `(i32.shr_u ${get('keys')} (i32.const 1))`,
          set('p', add(get('row'), `(i32.shl ${get('u')} (i32.const 1))`)),
          set('v', `(call $exp (f64x2.sub ${load2('a', get('p'))} (f64x2.splat ${get('max')})))`),
          store2('a', get('p'), get('v')),
          set('sum', `(f64.add (f64.add ${get('sum')} (f64x2.extract_lane 0 ${get('v')})) (f64x2.extract_lane 1 ${get('v')}))`)),
        `(if (i32.and ${get('keys')} (i32.const 1)) (then`,
        set('p', add(get('row'), get('keys'), i32(-1))),
        set('e', exp(`(f64.sub ${load('a', get('p'))} ${get('max')})`)),
        store('a', get('p'), get('e')),
        set('sum', `(f64.add ${get('sum')} ${get('e')})`),
        '))',
        loop('u', i32(0), get('keys'),
          store('a', add(get('row'), get('u')), `(f64.div ${load('a', add(get('row'), get('u')))} ${get('sum')})`)),
        loop('u', get('keys'), get('T'), store('a', add(get('row'), get('u')), '(f64.const 0)')),
        // O_j[:, t] = Σ_u α[t, u]·V_j[:, u], summed over u in order in the row at $acc
        zeroAcc,
        loop('u', i32(0), get('keys'), axpyRow('acc', i32(0), load('a', add(get('row'), get('u'))), 'vs', get('u'))),
        loop('r', i32(0), get('dk'), store('o', add(get('qt'), mul(get('r'), get('m'))), load('acc', get('r')))))),
    ')',

    `(func (export "attention_backward") (param $dq i32) (param $dkk i32) (param $dv i32) (param $g i32) (param $a i32) (param $q i32) (param $k i32) (param $v_ i32) (param $ds_ i32) (param $w i32) (param $m_ i32) ${HEADS}`,
    `  ${LOCALS}`,
    set('m', get('m_')),
    sizes(['qs', 'ks', 'vs', 'gs', 'dks', 'dvs']),
    eachHead(
      copyHead('q', 'qs'), copyHead('k', 'ks'), copyHead('v_', 'vs'), copyHead('g', 'gs'),
      // dK_j and dV_j add up over the queries of this example and head only
      `(memory.fill ${get('dks')} (i32.const 0) (i32.shl ${mul(i32(2), mul(get('T'), get('dkp')))} (i32.const 3)))`,
      eachQuery(
        // dα[t, u] = dO_j[:, t]·V_j[:, u], then dS[t, u] = α[t, u]·(dα[t, u] − Σ_u′ α[t, u′]·dα[t, u′])
        set('dot', '(f64.const 0)'),
        loop('u', i32(0), get('keys'),
          dot('gs', get('t'), 'vs', get('u')),
          store('ds_', get('u'), get('s')),
          set('dot', `(f64.add ${get('dot')} (f64.mul ${load('a', add(get('row'), get('u')))} ${get('s')}))`)),
        loop('u', i32(0), get('keys'),
          store('ds_', get('u'), `(f64.mul ${load('a', add(get('row'), get('u')))} (f64.sub ${load('ds_', get('u'))} ${get('dot')}))`)),
        // dQ_j[:, t] = (1/√d_k)·Σ_u dS[t, u]·K_j[:, u]
        zeroAcc,
        loop('u', i32(0), get('keys'), axpyRow('acc', i32(0), load('ds_', get('u')), 'ks', get('u'))),
        loop('r', i32(0), get('dk'), store('dq', add(get('qt'), mul(get('r'), get('m'))), `(f64.mul ${get('scale')} ${load('acc', get('r'))})`)),
        // dK_j[:, u] += (1/√d_k)·dS[t, u]·Q_j[:, t], dV_j[:, u] += α[t, u]·dO_j[:, t]
        loop('u', i32(0), get('keys'),
          axpyRow('dks', get('u'), `(f64.mul ${get('scale')} ${load('ds_', get('u'))})`, 'qs', get('t')),
          axpyRow('dvs', get('u'), load('a', add(get('row'), get('u'))), 'gs', get('t')))),
      copyHead('dkk', 'dks', true), copyHead('dv', 'dvs', true)),
    ')',
  );
}
