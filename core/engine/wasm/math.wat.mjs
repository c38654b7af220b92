// WAT generator for vectorised exp, log, log1p and tanh on f64x2: Math.* costs 13–16 ns a call,
// which is what bounds small networks, while two lanes of a polynomial cost a few ns. Each stays
// within a few ulp of the correctly rounded result (tests hold them to 1e-13 relative of Math's)
// and keeps Math's special values: ±∞, NaN, 0, and gradual underflow to subnormals.

const lines = (...parts) => parts.flat(Infinity).join('\n');

/** A double as WAT reads it back exactly. */
function lit(x) {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return Number.isInteger(x) && Math.abs(x) < 2 ** 53 ? `${x}.0` : x.toExponential(17).replace('e+', 'e');
}
export const splat = (x) => `(v128.const f64x2 ${lit(x)} ${lit(x)})`;

/** Horner: c[0] + t·(c[1] + t·(…)), t a v128 expression read repeatedly (a local.get). */
function horner(coefficients, t) {
  return coefficients.slice(0, -1).reduceRight(
    (inner, c) => `(f64x2.add ${splat(c)} (f64x2.mul ${t} ${inner}))`, splat(coefficients[coefficients.length - 1]));
}

/**
 * The same polynomial with half Horner's dependency chain: pairs c[2i] + c[2i+1]·t, which are
 * independent, then Horner in t² (t2) over the pairs. The chain, not the operation count, is what
 * bounds these short loops.
 */
function pairedHorner(coefficients, t, t2) {
  const pairs = [];
  for (let i = 0; i < coefficients.length; i += 2) {
    pairs.push(i + 1 < coefficients.length
      ? `(f64x2.add ${splat(coefficients[i])} (f64x2.mul ${t} ${splat(coefficients[i + 1])}))`
      : splat(coefficients[i]));
  }
  return pairs.slice(0, -1).reduceRight((inner, p) => `(f64x2.add ${p} (f64x2.mul ${t2} ${inner}))`, pairs[pairs.length - 1]);
}

/** n/d (BigInt) rounded to the nearest double. */
function ratio(n, d) {
  const neg = (n < 0n) !== (d < 0n);
  const a = n < 0n ? -n : n, b = d < 0n ? -d : d;
  const shift = 64 + b.toString(2).length - a.toString(2).length;
  const q = shift >= 0 ? (a << BigInt(shift)) / b : a / (b << BigInt(-shift));
  return (neg ? -1 : 1) * Number(q) * 2 ** -shift;
}

/** Taylor coefficients of tanh, exact rationals from tanh′ = 1 − tanh²: x, x³, x⁵, … */
function tanhSeries(terms) {
  const gcd = (a, b) => { a = a < 0n ? -a : a; while (b) [a, b] = [b, a % b]; return a; };
  const norm = ([n, d]) => { const g = gcd(n, d) || 1n; return d < 0n ? [-n / g, -d / g] : [n / g, d / g]; };
  const a = Array.from({ length: 2 * terms }, () => [0n, 1n]);
  a[1] = [1n, 1n];
  for (let n = 1; n + 1 < a.length; n++) {
    let s = [0n, 1n];
    for (let i = 0; i <= n; i++) s = norm([s[0] * a[i][1] * a[n - i][1] + a[i][0] * a[n - i][0] * s[1], s[1] * a[i][1] * a[n - i][1]]);
    a[n + 1] = norm([-s[0], s[1] * BigInt(n + 1)]);
  }
  return a.filter((_, n) => n % 2 === 1).map(([n, d]) => ratio(n, d));
}

const factorials = (n) => Array.from({ length: n + 1 }, (_, i) => 1 / Array.from({ length: i }, (_, j) => j + 1).reduce((p, x) => p * x, 1));

// ln 2 split so k·LN2_HI is exact for |k| < 2^11 (Cody–Waite reduction).
const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;
// Below this |x|, tanh's odd series converges fast (ratio (2x/π)² ≈ 0.025 per term); above it,
// 1 − 2/(e^{2|x|} + 1) loses at most a couple of ulp to cancellation.
const TANH_SERIES_BELOW = 0.25;

/**
 * exp(x) = 2^k·e^r, k = round(x/ln 2), |r| ≤ ln2/2, e^r by its degree-13 Taylor polynomial
 * (truncation < 5e-18). k comes from adding 1.5·2^52, which rounds x/ln 2 to an integer held in the
 * low bits, so k stays in integer lanes (SIMD128 has no cheap f64→i64). 2^k is applied as two
 * halves so that k down to −1076 underflows gradually through one rounding and k = 1024 overflows
 * to ∞, as Math.exp does. pmin/pmax (one instruction each) clamp x and keep NaN.
 */
function expWat() {
  const SHIFT = 1.5 * 2 ** 52;
  const pow2 = (i) => `(i64x2.shl (i64x2.add ${i} (v128.const i64x2 1023 1023)) (i32.const 52))`;
  return lines(
    '(func $exp (param $x v128) (result v128) (local $t v128) (local $k v128) (local $h v128) (local $r v128) (local $r2 v128)',
    `  (local.set $x (f64x2.pmax (f64x2.pmin (local.get $x) ${splat(710)}) ${splat(-746)}))`,
    `  (local.set $t (f64x2.add (f64x2.mul (local.get $x) ${splat(Math.LOG2E)}) ${splat(SHIFT)}))`,
    `  (local.set $r (f64x2.sub (local.get $t) ${splat(SHIFT)}))`,
    `  (local.set $r (f64x2.sub (f64x2.sub (local.get $x) (f64x2.mul (local.get $r) ${splat(LN2_HI)})) (f64x2.mul (local.get $r) ${splat(LN2_LO)})))`,
    `  (local.set $k (i64x2.sub (local.get $t) ${splat(SHIFT)}))`,
    '  (local.set $h (i64x2.shr_s (local.get $k) (i32.const 1)))',
    '  (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))',
    `  (f64x2.mul (f64x2.mul ${pairedHorner(factorials(13), '(local.get $r)', '(local.get $r2)')} ${pow2('(local.get $h)')})`,
    `    ${pow2('(i64x2.sub (local.get $k) (local.get $h))')}))`,
  );
}

/**
 * log(x) = e·ln 2 + log(m), m ∈ [√½, √2): with s = (m−1)/(m+1), log m = 2·atanh s, an odd series
 * in s with |s| ≤ 0.172 (11 terms, truncation < 1e-17). Subnormal x is scaled by 2^54 first;
 * 0 → −∞, negative → NaN, ∞ → ∞, NaN → NaN.
 */
function logWat() {
  const atanh = Array.from({ length: 11 }, (_, i) => 2 / (2 * i + 1));
  return lines(
    '(func $log (param $x v128) (result v128) (local $tiny v128) (local $bits v128) (local $e v128) (local $m v128) (local $s v128) (local $s2 v128) (local $big v128)',
    `  (local.set $tiny (f64x2.lt (local.get $x) ${splat(2 ** -1022)}))`,
    `  (local.set $bits (v128.bitselect (f64x2.mul (local.get $x) ${splat(2 ** 54)}) (local.get $x) (local.get $tiny)))`,
    // e = biased exponent − 1023 (− 54 if scaled); m = the mantissa with exponent 0, in [1, 2)
    '  (local.set $e (f64x2.convert_low_i32x4_s (i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 0 1 2 3',
    '    (i64x2.sub (i64x2.shr_u (local.get $bits) (i32.const 52)) (v128.const i64x2 1023 1023)) (v128.const i32x4 0 0 0 0))))',
    `  (local.set $e (f64x2.sub (local.get $e) (v128.and (local.get $tiny) ${splat(54)})))`,
    '  (local.set $m (v128.or (v128.and (local.get $bits) (v128.const i64x2 0x000fffffffffffff 0x000fffffffffffff)) (v128.const i64x2 0x3ff0000000000000 0x3ff0000000000000)))',
    `  (local.set $big (f64x2.gt (local.get $m) ${splat(Math.SQRT2)}))`,
    `  (local.set $m (v128.bitselect (f64x2.mul (local.get $m) ${splat(0.5)}) (local.get $m) (local.get $big)))`,
    `  (local.set $e (f64x2.add (local.get $e) (v128.and (local.get $big) ${splat(1)})))`,
    `  (local.set $s (f64x2.div (f64x2.sub (local.get $m) ${splat(1)}) (f64x2.add (local.get $m) ${splat(1)})))`,
    '  (local.set $s2 (f64x2.mul (local.get $s) (local.get $s)))',
    `  (local.set $m (f64x2.add (f64x2.mul (local.get $e) ${splat(LN2_HI)})`,
    `    (f64x2.add (f64x2.mul (local.get $s) ${horner(atanh, '(local.get $s2)')}) (f64x2.mul (local.get $e) ${splat(LN2_LO)}))))`,
    // Special values: x ≤ 0, ∞ and NaN take Math's answers.
    `  (local.set $m (v128.bitselect ${splat(-Infinity)} (local.get $m) (f64x2.eq (local.get $x) ${splat(0)})))`,
    `  (local.set $m (v128.bitselect ${splat(NaN)} (local.get $m) (f64x2.lt (local.get $x) ${splat(0)})))`,
    `  (v128.bitselect (local.get $x) (local.get $m) (v128.or (f64x2.ne (local.get $x) (local.get $x)) (f64x2.eq (local.get $x) ${splat(Infinity)}))))`,
  );
}

/** log1p(t) = log(u) + (t − (u − 1))/u with u = 1 + t rounded: the correction restores what the rounding lost. */
function log1pWat() {
  return lines(
    '(func $log1p (param $t v128) (result v128) (local $u v128)',
    `  (local.set $u (f64x2.add (local.get $t) ${splat(1)}))`,
    `  (f64x2.add (call $log (local.get $u)) (f64x2.div (f64x2.sub (local.get $t) (f64x2.sub (local.get $u) ${splat(1)})) (local.get $u))))`,
  );
}

/**
 * tanh: the odd series below TANH_SERIES_BELOW, else sign(x)·(1 − 2/(e^{2|x|} + 1)). Each side is
 * computed only when some lane needs it (most pairs need just one).
 */
function tanhWat() {
  return lines(
    '(func $tanh (param $x v128) (result v128) (local $a v128) (local $x2 v128) (local $near v128) (local $series v128) (local $far v128)',
    '  (local.set $a (f64x2.abs (local.get $x)))',
    `  (local.set $near (f64x2.lt (local.get $a) ${splat(TANH_SERIES_BELOW)}))`,
    '  (if (v128.any_true (local.get $near)) (then',
    '    (local.set $x2 (f64x2.mul (local.get $x) (local.get $x)))',
    `    (local.set $series (f64x2.mul (local.get $x) ${pairedHorner(tanhSeries(13), '(local.get $x2)', '(f64x2.mul (local.get $x2) (local.get $x2))')}))))`,
    // NaN compares false, so it takes the far side, where it stays NaN
    '  (if (i32.eqz (i64x2.all_true (local.get $near))) (then',
    `    (local.set $far (f64x2.sub ${splat(1)} (f64x2.div ${splat(2)} (f64x2.add (call $exp (f64x2.add (local.get $a) (local.get $a))) ${splat(1)}))))`,
    '    (local.set $far (v128.or (local.get $far) (v128.and (local.get $x) (v128.const i64x2 0x8000000000000000 0x8000000000000000))))))',
    '  (v128.bitselect (local.get $series) (local.get $far) (local.get $near)))',
  );
}

export function mathWat() {
  return lines(expWat(), logWat(), log1pWat(), tanhWat());
}
