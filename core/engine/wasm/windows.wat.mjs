// WAT generator for the image kernels of spec §8 (core/engine/windows.ts is the TypeScript
// reference they match bit for bit): im2col and col2im, max and average pooling and their
// gradients, the transpose of `flatten`, a conv layer's bias add and Σ over rows. They move data
// rather than compute, so they are bulk copies (memory.copy/fill) and f64x2 runs over a window
// row's f·n_C contiguous entries; every sum adds in the reference's order.
// Addresses are byte offsets; sizes are in doubles unless named in bytes.

export const lines = (...parts) => parts.flat(Infinity).join('\n');
export const get = (name) => `(local.get $${name})`;
export const i32 = (n) => `(i32.const ${n})`;
export const add = (...xs) => xs.reduce((a, b) => `(i32.add ${a} ${b})`);
export const mul = (...xs) => xs.reduce((a, b) => `(i32.mul ${a} ${b})`);
export const bytes = (x) => `(i32.shl ${x} ${i32(3)})`;

/** for (v = from; v < to; v++) body — signed comparison, labels named after v */
export function loop(v, from, to, ...body) {
  return lines(
    `(local.set $${v} ${from})`,
    `(block $${v}_done (loop $${v}_next`,
    `  (br_if $${v}_done (i32.ge_s ${get(v)} ${to}))`,
    ...body,
    `  (local.set $${v} (i32.add ${get(v)} ${i32(1)}))`,
    `  (br $${v}_next)))`,
  );
}

/**
 * dst[k] = op(dst[k], src[k]) for k < n (dst, src byte addresses, n doubles): f64x2 pairs with
 * vop(d, s), then the odd last entry with sop(d, s) (expressions in, expression out).
 */
export function run(dst, src, n, vop, sop) {
  return lines(
    `(local.set $o ${i32(0)})`,
    `(local.set $end ${bytes(`(i32.and ${n} ${i32(-2)})`)})`,
    '(block $run_done (loop $run_next',
    '  (br_if $run_done (i32.ge_u (local.get $o) (local.get $end)))',
    `  (v128.store ${add(dst, get('o'))} ${vop(`(v128.load ${add(dst, get('o'))})`, `(v128.load ${add(src, get('o'))})`)})`,
    '  (local.set $o (i32.add (local.get $o) (i32.const 16)))',
    '  (br $run_next)))',
    `(if (i32.and ${n} ${i32(1)}) (then`,
    `  (f64.store ${add(dst, get('o'))} ${sop(`(f64.load ${add(dst, get('o'))})`, `(f64.load ${add(src, get('o'))})`)})))`,
  );
}
const addRun = (dst, src, n) => run(dst, src, n, (d, x) => `(f64x2.add ${d} ${x})`, (d, x) => `(f64.add ${d} ${x})`);
/** dst = x > dst ? x : dst, as the reference's `if (x > acc) acc = x` */
const maxRun = (dst, src, n) => run(dst, src, n,
  (d, x) => `(v128.bitselect (local.tee $tv ${x}) (local.tee $dv ${d}) (f64x2.gt (local.get $tv) (local.get $dv)))`,
  (d, x) => `(select (local.tee $ts ${x}) (local.tee $ds ${d}) (f64.gt (local.get $ts) (local.get $ds)))`);
/** dst = src, and dst = 0: loops rather than memory.copy/fill, whose call costs more than these short runs */
const copyRun = (dst, src, n) => run(dst, src, n, (_, x) => x, (_, x) => x);
const zeroRun = (dst, n) => run(dst, dst, n, () => '(v128.const f64x2 0 0)', () => '(f64.const 0)');
/** dst = dst / f² */
const ff = `(f64.convert_i32_s (i32.mul (local.get $f) (local.get $f)))`;
const divideRun = (dst, n) => run(dst, dst, n, (d) => `(f64x2.div ${d} (f64x2.splat ${ff}))`, (d) => `(f64.div ${d} ${ff})`);

export const GRID = '(param $m i32) (param $H i32) (param $W i32) (param $C i32) (param $f i32) (param $s i32) (param $p i32) (param $oH i32) (param $oW i32)';
export const LOCALS = '(local $i i32) (local $h i32) (local $w i32) (local $u i32) (local $v i32) (local $k i32) (local $y i32) (local $x i32) '
  + '(local $lo i32) (local $hi i32) (local $q i32) (local $o i32) (local $end i32) (local $cb i32) (local $at i32) (local $r i32) '
  + '(local $tv v128) (local $dv v128) (local $ts f64) (local $ds f64)';

/**
 * The windows of (i, h, w) in order, one window row u at a time: x = w·s − p is the window's first
 * column, v in [lo, hi) the columns inside the image; `inside` runs for rows y inside it, `outside`
 * for padding rows, `start` once per window before its rows. $q walks the columns matrix one window
 * row (f·n_C doubles) per step.
 */
export function windowRows(inside, outside, start = '') {
  return lines(
    '(local.set $cb (i32.shl (local.get $C) (i32.const 3)))',
    loop('i', i32(0), get('m'), loop('h', i32(0), get('oH'), loop('w', i32(0), get('oW'),
      `(local.set $x (i32.sub ${mul(get('w'), get('s'))} ${get('p')}))`,
      `(local.set $lo (select (i32.sub ${i32(0)} ${get('x')}) ${i32(0)} (i32.lt_s ${get('x')} ${i32(0)})))`,
      `(local.set $lo (select ${get('f')} ${get('lo')} (i32.gt_s ${get('lo')} ${get('f')})))`,
      `(local.set $hi (i32.sub ${get('W')} ${get('x')}))`,
      `(local.set $hi (select ${get('f')} ${get('hi')} (i32.gt_s ${get('hi')} ${get('f')})))`,
      `(local.set $hi (select ${get('lo')} ${get('hi')} (i32.lt_s ${get('hi')} ${get('lo')})))`,
      start,
      loop('u', i32(0), get('f'),
        `(local.set $y (i32.sub ${add(mul(get('h'), get('s')), get('u'))} ${get('p')}))`,
        `(if (i32.or (i32.lt_s ${get('y')} ${i32(0)}) (i32.ge_s ${get('y')} ${get('H')}))`,
        `  (then ${outside}) (else`,
        // $at: the byte address in A of (i, y, x + lo, 0)
        `  (local.set $at ${bytes(mul(add(mul(add(mul(get('i'), get('H')), get('y')), get('W')), get('x'), get('lo')), get('C')))})`,
        inside,
        '))',
        `(local.set $q ${add(get('q'), mul(get('f'), get('cb')))})`,
      ),
    ))),
  );
}

function im2col() {
  return lines(
    `(func (export "im2col") (param $cols i32) (param $a i32) ${GRID}`,
    `  ${LOCALS}`,
    '(local.set $q (local.get $cols))',
    windowRows(
      lines(
        zeroRun(get('q'), mul(get('lo'), get('C'))),
        copyRun(add(get('q'), mul(get('lo'), get('cb'))), add(get('a'), get('at')), mul(`(i32.sub ${get('hi')} ${get('lo')})`, get('C'))),
        zeroRun(add(get('q'), mul(get('hi'), get('cb'))), mul(`(i32.sub ${get('f')} ${get('hi')})`, get('C'))),
      ),
      zeroRun(get('q'), mul(get('f'), get('C'))),
    ),
    ')',
  );
}

function col2im() {
  return lines(
    `(func (export "col2im") (param $d i32) (param $cols i32) ${GRID}`,
    `  ${LOCALS}`,
    `(memory.fill ${get('d')} ${i32(0)} ${bytes(mul(get('m'), get('H'), get('W'), get('C')))})`,
    '(local.set $q (local.get $cols))',
    windowRows(
      addRun(add(get('d'), get('at')), add(get('q'), mul(get('lo'), get('cb'))), mul(`(i32.sub ${get('hi')} ${get('lo')})`, get('C'))),
      '(nop)',
    ),
    ')',
  );
}

/** Every window (i, h, w) of a pool in order: $at its corner's element index in A, then `body`; $o moves on n_C doubles. */
function poolWindows(body) {
  return lines(
    '(local.set $cb (i32.shl (local.get $C) (i32.const 3)))',
    loop('i', i32(0), get('m'), loop('h', i32(0), get('oH'), loop('w', i32(0), get('oW'),
      `(local.set $at ${mul(add(mul(add(mul(get('i'), get('H')), mul(get('h'), get('s'))), get('W')), mul(get('w'), get('s'))), get('C'))})`,
      body,
    ))),
  );
}
/** byte address in A (at `base`) of window entry (u, v, k = 0) */
const entry = (base) => add(base, bytes(add(get('at'), mul(add(mul(get('u'), get('W')), get('v')), get('C')))));

function pool(max) {
  return lines(
    `(func (export "${max ? 'pool_max' : 'pool_avg'}") (param $out i32) (param $a i32) ${GRID}`,
    `  ${LOCALS}`,
    '(local.set $q (local.get $out))',
    poolWindows(lines(
      max ? copyRun(get('q'), add(get('a'), bytes(get('at'))), get('C')) : zeroRun(get('q'), get('C')),
      loop('u', i32(0), get('f'), loop('v', i32(0), get('f'), (max ? maxRun : addRun)(get('q'), entry(get('a')), get('C')))),
      max ? '' : divideRun(get('q'), get('C')),
      `(local.set $q ${add(get('q'), get('cb'))})`,
    )),
    ')',
  );
}

/** max: each window's dA[l] to its first maximum (a scan per channel); avg: dA[l]/f² to every entry. */
function poolBackward(max) {
  const at = (e) => `(f64.load ${add(get('a'), bytes(e))})`;
  const slot = (e) => add(get('d'), bytes(e));
  return lines(
    `(func (export "${max ? 'pool_max_backward' : 'pool_avg_backward'}") (param $d i32) (param $g i32) (param $a i32) ${GRID}`,
    `  ${LOCALS}`,
    `(memory.fill ${get('d')} ${i32(0)} ${bytes(mul(get('m'), get('H'), get('W'), get('C')))})`,
    '(local.set $q (local.get $g))',
    poolWindows(lines(
      max
        ? loop('k', i32(0), get('C'),
          `(local.set $r ${add(get('at'), get('k'))})`,
          loop('u', i32(0), get('f'), loop('v', i32(0), get('f'),
            `(local.set $y ${add(get('at'), mul(add(mul(get('u'), get('W')), get('v')), get('C')), get('k'))})`,
            `(if (f64.gt ${at(get('y'))} ${at(get('r'))}) (then (local.set $r (local.get $y))))`,
          )),
          `(f64.store ${slot(get('r'))} (f64.add (f64.load ${slot(get('r'))}) (f64.load ${add(get('q'), bytes(get('k')))})))`,
        )
        : loop('u', i32(0), get('f'), loop('v', i32(0), get('f'),
          run(entry(get('d')), get('q'), get('C'), (d, x) => `(f64x2.add ${d} (f64x2.div ${x} (f64x2.splat ${ff})))`, (d, x) => `(f64.add ${d} (f64.div ${x} ${ff}))`),
        )),
      `(local.set $q ${add(get('q'), get('cb'))})`,
    )),
    ')',
  );
}

const MATRIX = '(param $rows i32) (param $cols i32)';

export function windowsWat() {
  return lines(
    im2col(),
    col2im(),
    pool(true),
    pool(false),
    poolBackward(true),
    poolBackward(false),
    // out (cols, rows) = xᵀ
    lines(
      `(func (export "transpose") (param $out i32) (param $src i32) ${MATRIX}`,
      `  ${LOCALS}`,
      loop('i', i32(0), get('rows'), loop('k', i32(0), get('cols'),
        `(f64.store ${add(get('out'), bytes(add(mul(get('k'), get('rows')), get('i'))))} (f64.load ${add(get('src'), bytes(add(mul(get('i'), get('cols')), get('k'))))}))`,
      )),
      ')',
    ),
    // z[i][j] += b[j]
    lines(
      `(func (export "add_row") (param $z i32) (param $b i32) ${MATRIX}`,
      `  ${LOCALS}`,
      loop('i', i32(0), get('rows'), addRun(add(get('z'), bytes(mul(get('i'), get('cols')))), get('b'), get('cols'))),
      ')',
    ),
    // s[j] = α·Σ_i x[i][j], rows added in order
    lines(
      `(func (export "sum_rows") (param $out i32) (param $src i32) ${MATRIX} (param $alpha f64)`,
      `  ${LOCALS}`,
      `(memory.fill ${get('out')} ${i32(0)} ${bytes(get('cols'))})`,
      loop('i', i32(0), get('rows'), addRun(get('out'), add(get('src'), bytes(mul(get('i'), get('cols')))), get('cols'))),
      run(get('out'), get('out'), get('cols'), (d) => `(f64x2.mul ${d} (f64x2.splat (local.get $alpha)))`, (d) => `(f64.mul ${d} (local.get $alpha))`),
      ')',
    ),
  );
}
