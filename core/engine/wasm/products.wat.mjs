// WAT generator for the three matrix products, as f64x2 (SIMD128) register-blocked micro-kernels.
// Generated rather than hand-written because a micro-kernel is the same multiply-add repeated over an
// MR×NV grid of accumulators: the grid sizes are parameters here, the unrolled text is derived.
// Addresses are byte offsets into the one shared memory; strides are in bytes.

// Register blocks. NN: MR rows of C × NV vectors (2·NV columns): MR·NV accumulators, NV vector loads
// and MR splats per k — V8 keeps them all in the 16 xmm registers. NT (dot form): MR × NR dot
// products over n, MR + NR vector loads per MR·NR multiply-adds. Measured: 4×2 both ways runs at
// 21–26 GFLOP/s in cache; 4×3, 3×4, 6×2 and 3×3 ran slower (V8 spills their registers).
// Cache blocks: KB (same k-block as the TypeScript kernels, so per-entry sums run in the same
// order): a KB-deep slab of the right operand stays in L2 while the left operand's rows sweep it.
// NB: NT dot products are cut into NB-long pieces so the MR + NR rows of a piece stay in L1.
export const BLOCKS = { NN_MR: 4, NN_NV: 2, NT_MR: 4, NT_NR: 2, KB: 256, NB: 512 };
let NN_MR, NN_NV, NT_MR, NT_NR, KB, NB;

const range = (n) => Array.from({ length: n }, (_, i) => i);
const lines = (...parts) => parts.flat(Infinity).join('\n');

/**
 * NN micro-kernel: C[i0.., j0..] (=|+=) α·Σ_k L(i,k)·R(k,j) over `kc` steps of k, for `mr` rows and
 * `w` columns (w = 2·nv, or 1: a scalar last column). L(i,k) is at l + i·lr + k·lc, so the same
 * kernel reads W (lr = row, lc = 8) and Wᵀ (lr = 8, lc = row) without a transpose.
 */
function nnMicro(mr, w) {
  const vec = w > 1;
  const nv = vec ? w / 2 : 1;
  const T = vec ? 'v128' : 'f64';
  const acc = (i, v) => `$c${i}_${v}`;
  const load = vec ? 'v128.load' : 'f64.load';
  const splat = vec ? 'v128.load64_splat' : 'f64.load';
  const add = vec ? 'f64x2.add' : 'f64.add';
  const mul = vec ? 'f64x2.mul' : 'f64.mul';
  const alpha = vec ? '(f64x2.splat (local.get $alpha))' : '(local.get $alpha)';
  const cAddr = (i, v) => `(i32.add (local.get $c) (i32.add (i32.mul (local.get $cs) (i32.const ${i})) (i32.const ${v * 16})))`;
  return lines(
    `(func $nn_${mr}x${w} (param $c i32) (param $cs i32) (param $l i32) (param $lr i32) (param $lc i32)`,
    `  (param $r i32) (param $rs i32) (param $kc i32) (param $alpha f64) (param $init i32)`,
    range(mr).map((i) => `  (local $p${i} i32)`),
    range(mr).map((i) => range(nv).map((v) => `  (local ${acc(i, v)} ${T})`)),
    range(nv).map((v) => `  (local $x${v} ${T})`),
    `  (local $s ${T})`,
    range(mr).map((i) => `  (local.set $p${i} (i32.add (local.get $l) (i32.mul (local.get $lr) (i32.const ${i}))))`),
    `  (loop $k`,
    range(nv).map((v) => `    (local.set $x${v} (${load} offset=${v * 16} (local.get $r)))`),
    range(mr).map((i) => [
      `    (local.set $s (${splat} (local.get $p${i})))`,
      range(nv).map((v) => `    (local.set ${acc(i, v)} (${add} (local.get ${acc(i, v)}) (${mul} (local.get $s) (local.get $x${v}))))`),
      `    (local.set $p${i} (i32.add (local.get $p${i}) (local.get $lc)))`,
    ]),
    `    (local.set $r (i32.add (local.get $r) (local.get $rs)))`,
    `    (br_if $k (local.tee $kc (i32.sub (local.get $kc) (i32.const 1)))))`,
    range(mr).map((i) => range(nv).map((v) => lines(
      `  (${vec ? 'v128.store' : 'f64.store'} ${cAddr(i, v)} (${add} (${mul} ${alpha} (local.get ${acc(i, v)}))`,
      `    (if (result ${T}) (local.get $init) (then (${vec ? 'v128.const f64x2 0 0' : 'f64.const 0'})) (else (${load} ${cAddr(i, v)})))))`,
    ))),
    `)`,
  );
}

/**
 * C (M×N, rows cs bytes apart) = α·L·R, L(i,k) at l + i·lr + k·lc, R (K×N, rows rs bytes apart);
 * row strides apart from N let a call compute one band of C's columns. k-blocked by KB; each block
 * sweeps column panels of 2·NV, then of 2, then the odd last column; rows in blocks of MR, then one
 * by one.
 */
function nnDriver() {
  const widths = [...new Set([2 * NN_NV, 2, 1])];
  const rowLoop = (w) => lines(
    `      (local.set $i (i32.const 0))`,
    ...[NN_MR, 1].map((mr) => lines(
      `      (block $rd${mr}_${w} (loop $rl${mr}_${w}`,
      `        (br_if $rd${mr}_${w} (i32.gt_u (i32.add (local.get $i) (i32.const ${mr})) (local.get $M)))`,
      `        (call $nn_${mr}x${w} (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $cs)) (i32.shl (local.get $j) (i32.const 3))))`,
      `          (local.get $cs) (i32.add (local.get $lk) (i32.mul (local.get $i) (local.get $lr))) (local.get $lr) (local.get $lc)`,
      `          (i32.add (local.get $rk) (i32.shl (local.get $j) (i32.const 3))) (local.get $rs) (local.get $kc) (local.get $alpha) (local.get $init))`,
      `        (local.set $i (i32.add (local.get $i) (i32.const ${mr})))`,
      `        (br $rl${mr}_${w})))`,
    )),
  );
  return lines(
    `(func $mm_nn (export "mm_nn") (param $c i32) (param $cs i32) (param $l i32) (param $lr i32) (param $lc i32) (param $r i32) (param $rs i32)`,
    `  (param $M i32) (param $K i32) (param $N i32) (param $alpha f64)`,
    `  (local $k0 i32) (local $kc i32) (local $lk i32) (local $rk i32) (local $init i32) (local $i i32) (local $j i32)`,
    `  (block $kd (loop $kl`,
    `    (br_if $kd (i32.ge_u (local.get $k0) (local.get $K)))`,
    `    (local.set $kc (select (i32.const ${KB}) (i32.sub (local.get $K) (local.get $k0)) (i32.lt_u (i32.const ${KB}) (i32.sub (local.get $K) (local.get $k0)))))`,
    `    (local.set $init (i32.eqz (local.get $k0)))`,
    `    (local.set $lk (i32.add (local.get $l) (i32.mul (local.get $k0) (local.get $lc))))`,
    `    (local.set $rk (i32.add (local.get $r) (i32.mul (local.get $k0) (local.get $rs))))`,
    `    (local.set $j (i32.const 0))`,
    ...widths.map((w) => lines(
      `    (block $jd${w} (loop $jl${w}`,
      `      (br_if $jd${w} (i32.gt_u (i32.add (local.get $j) (i32.const ${w})) (local.get $N)))`,
      rowLoop(w),
      `      (local.set $j (i32.add (local.get $j) (i32.const ${w})))`,
      `      (br $jl${w})))`,
    )),
    `    (local.set $k0 (i32.add (local.get $k0) (i32.const ${KB})))`,
    `    (br $kl)))`,
    `)`,
  );
}

/**
 * NT micro-kernel (dot form): C[i][j] (=|+=) α·Σ_n A[i][n]·B[j][n] for mr rows of A and nr rows of B,
 * over `np` pairs of n, plus one last scalar n when `tail` is set. Both operands are read along their
 * rows, so A·Bᵀ needs neither a transpose nor a packed copy.
 */
function ntMicro(mr, nr) {
  const acc = (i, j) => `$c${i}_${j}`;
  return lines(
    `(func $nt_${mr}x${nr} (param $c i32) (param $cs i32) (param $a i32) (param $as i32) (param $b i32) (param $bs i32)`,
    `  (param $np i32) (param $tail i32) (param $alpha f64) (param $init i32)`,
    range(mr).map((i) => `  (local $pa${i} i32) (local $va${i} v128)`),
    range(nr).map((j) => `  (local $pb${j} i32)`),
    range(mr).map((i) => range(nr).map((j) => `  (local ${acc(i, j)} v128)`)),
    `  (local $vb v128) (local $s f64) (local $o i32) (local $end i32)`,
    range(mr).map((i) => `  (local.set $pa${i} (i32.add (local.get $a) (i32.mul (local.get $as) (i32.const ${i}))))`),
    range(nr).map((j) => `  (local.set $pb${j} (i32.add (local.get $b) (i32.mul (local.get $bs) (i32.const ${j}))))`),
    `  (local.set $end (i32.shl (local.get $np) (i32.const 4)))`,
    `  (if (local.get $np) (then (loop $n`,
    range(mr).map((i) => `    (local.set $va${i} (v128.load (i32.add (local.get $pa${i}) (local.get $o))))`),
    range(nr).map((j) => [
      `    (local.set $vb (v128.load (i32.add (local.get $pb${j}) (local.get $o))))`,
      range(mr).map((i) => `    (local.set ${acc(i, j)} (f64x2.add (local.get ${acc(i, j)}) (f64x2.mul (local.get $va${i}) (local.get $vb))))`),
    ]),
    `    (br_if $n (i32.lt_u (local.tee $o (i32.add (local.get $o) (i32.const 16))) (local.get $end))))))`,
    range(mr).map((i) => range(nr).map((j) => {
      const cAddr = `(i32.add (local.get $c) (i32.add (i32.mul (local.get $cs) (i32.const ${i})) (i32.const ${j * 8})))`;
      return lines(
        `  (local.set $s (f64.add (f64x2.extract_lane 0 (local.get ${acc(i, j)})) (f64x2.extract_lane 1 (local.get ${acc(i, j)}))))`,
        `  (if (local.get $tail) (then (local.set $s (f64.add (local.get $s)`,
        `    (f64.mul (f64.load (i32.add (local.get $pa${i}) (local.get $end))) (f64.load (i32.add (local.get $pb${j}) (local.get $end))))))))`,
        `  (f64.store ${cAddr} (f64.add (f64.mul (local.get $alpha) (local.get $s))`,
        `    (if (result f64) (local.get $init) (then (f64.const 0)) (else (f64.load ${cAddr})))))`,
      );
    })),
    `)`,
  );
}

/**
 * C (M×P, rows cs bytes apart) = α·A·Bᵀ, A (M×N) and B (P×N) with rows rs bytes apart. The n range
 * is cut into NB-long pieces (the odd last element, if any, falls in the last piece); in each, B's
 * rows in blocks of NR (then one by one) stay in L1 while A's rows sweep them in blocks of MR (then
 * one by one).
 */
function ntDriver() {
  const block = (mr, nr) => lines(
    `        (call $nt_${mr}x${nr} (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $cs)) (i32.shl (local.get $j) (i32.const 3))))`,
    `          (local.get $cs) (i32.add (local.get $an) (i32.mul (local.get $i) (local.get $rs))) (local.get $rs)`,
    `          (i32.add (local.get $bn) (i32.mul (local.get $j) (local.get $rs))) (local.get $rs)`,
    `          (local.get $np) (local.get $tail) (local.get $alpha) (local.get $init))`,
  );
  const loop = (v, limit, step, name, body) => lines(
    `  (block $${name}d (loop $${name}l`,
    `    (br_if $${name}d (i32.gt_u (i32.add (local.get ${v}) (i32.const ${step})) (local.get ${limit})))`,
    body,
    `    (local.set ${v} (i32.add (local.get ${v}) (i32.const ${step})))`,
    `    (br $${name}l)))`,
  );
  const rows = (nr) => lines(
    `      (local.set $i (i32.const 0))`,
    loop('$i', '$M', NT_MR, `im${nr}`, block(NT_MR, nr)),
    loop('$i', '$M', 1, `i1${nr}`, block(1, nr)),
  );
  return lines(
    `(func $mm_nt (export "mm_nt") (param $c i32) (param $cs i32) (param $a i32) (param $b i32) (param $rs i32)`,
    `  (param $M i32) (param $P i32) (param $N i32) (param $alpha f64)`,
    `  (local $n0 i32) (local $nb i32) (local $np i32) (local $tail i32) (local $init i32)`,
    `  (local $an i32) (local $bn i32) (local $i i32) (local $j i32)`,
    `  (local.set $init (i32.const 1))`,
    `  (loop $nl`,
    `    (local.set $nb (select (i32.const ${NB}) (i32.sub (local.get $N) (local.get $n0)) (i32.lt_u (i32.const ${NB}) (i32.sub (local.get $N) (local.get $n0)))))`,
    `    (local.set $np (i32.shr_u (local.get $nb) (i32.const 1)))`,
    `    (local.set $tail (i32.and (local.get $nb) (i32.const 1)))`,
    `    (local.set $an (i32.add (local.get $a) (i32.shl (local.get $n0) (i32.const 3))))`,
    `    (local.set $bn (i32.add (local.get $b) (i32.shl (local.get $n0) (i32.const 3))))`,
    `    (local.set $j (i32.const 0))`,
    loop('$j', '$P', NT_NR, 'jn', rows(NT_NR)),
    loop('$j', '$P', 1, 'j1', rows(1)),
    `    (local.set $init (i32.const 0))`,
    `    (br_if $nl (i32.lt_u (local.tee $n0 (i32.add (local.get $n0) (i32.const ${NB}))) (local.get $N))))`,
    `)`,
  );
}

/** The products' WAT; `blocks` overrides BLOCKS (to compare block sizes). */
export function productsWat(blocks = {}) {
  ({ NN_MR, NN_NV, NT_MR, NT_NR, KB, NB } = { ...BLOCKS, ...blocks });
  const nn = [NN_MR, 1].flatMap((mr) => [...new Set([2 * NN_NV, 2, 1])].map((w) => nnMicro(mr, w)));
  const nt = [NT_MR, 1].flatMap((mr) => [NT_NR, 1].map((nr) => ntMicro(mr, nr)));
  return lines(nn, nnDriver(), nt, ntDriver());
}
