// WAT generator for the depthwise convolution of spec §12 (core/engine/depthwise.ts is the
// TypeScript reference they match bit for bit): forward, the filters' gradient and the input's.
// Each window entry (u, v) inside the image is one f64x2 run over the n_C channels, contiguous in
// A, W and Z alike; runs add in the reference's (i, h, w, u, v) order, a product then a sum, never
// fused. Addresses are byte offsets; sizes are in doubles unless named in bytes.

import { add, bytes, get, GRID, i32, lines, LOCALS, loop, mul, run, windowRows } from './windows.wat.mjs';

/** dst[k] += x[k]·y[k] for k < n_C (byte addresses) */
const productRun = (dst, x, y) => run(dst, x, get('C'),
  (d, xv) => `(f64x2.add ${d} (f64x2.mul ${xv} (v128.load ${add(y, get('o'))})))`,
  (d, xs) => `(f64.add ${d} (f64.mul ${xs} (f64.load ${add(y, get('o'))})))`);

/**
 * Every window entry of the image in order, `entry(zAt, aAt, wAt)` given the byte addresses of its
 * position (i, h, w) in Z, its input (i, y, x) in A and its filter entry (u, v) in W.
 */
function windowEntries(z, a, wt, entry) {
  return windowRows(
    loop('v', get('lo'), get('hi'), entry(
      add(z, get('r')),
      add(a, get('at'), mul(`(i32.sub ${get('v')} ${get('lo')})`, get('cb'))),
      add(wt, mul(add(mul(get('u'), get('f')), get('v')), get('cb'))),
    )),
    '(nop)',
    // $r: the byte offset of position (i, h, w) in Z
    `(local.set $r ${bytes(mul(add(mul(add(mul(get('i'), get('oH')), get('h')), get('oW')), get('w')), get('C')))})`,
  );
}

const zero = (at, doubles) => `(memory.fill ${at} ${i32(0)} ${bytes(doubles)})`;

export function depthwiseWat() {
  return lines(
    // Z[i,h,w,c] = Σ_{u,v} W[u,v,c]·Apad[i, h·s+u, w·s+v, c]
    `(func (export "depthwise") (param $z i32) (param $a i32) (param $wt i32) ${GRID}`,
    `  ${LOCALS}`,
    zero(get('z'), mul(get('m'), get('oH'), get('oW'), get('C'))),
    windowEntries(get('z'), get('a'), get('wt'), (zAt, aAt, wAt) => productRun(zAt, wAt, aAt)),
    ')',
    // dW[u,v,c] = α·Σ_{i,h,w} dZ[i,h,w,c]·Apad[i, h·s+u, w·s+v, c]
    `(func (export "depthwise_filters") (param $dw i32) (param $a i32) (param $dz i32) ${GRID} (param $alpha f64)`,
    `  ${LOCALS}`,
    zero(get('dw'), mul(get('f'), get('f'), get('C'))),
    windowEntries(get('dz'), get('a'), get('dw'), (zAt, aAt, wAt) => productRun(wAt, zAt, aAt)),
    run(get('dw'), get('dw'), mul(get('f'), get('f'), get('C')),
      (d) => `(f64x2.mul ${d} (f64x2.splat (local.get $alpha)))`, (d) => `(f64.mul ${d} (local.get $alpha))`),
    ')',
    // dA[i, y, x, c] += W[u,v,c]·dZ[i,h,w,c] over the windows that read it
    `(func (export "depthwise_input") (param $d i32) (param $dz i32) (param $wt i32) ${GRID}`,
    `  ${LOCALS}`,
    zero(get('d'), mul(get('m'), get('H'), get('W'), get('C'))),
    windowEntries(get('dz'), get('d'), get('wt'), (zAt, aAt, wAt) => productRun(aAt, wAt, zAt)),
    ')',
  );
}
