// Powers that are the same bits on every Node. V8's `**` (Math.pow) is not correctly rounded and
// is not the same function in Node 20 (`nn train`) and Node 24 (the extension host): for some
// arguments the two differ in the last bit, and a training run or a sampled text drifts apart from
// there. Products of doubles are IEEE-exact everywhere, and V8's Math.exp and Math.log (fdlibm's)
// gave the same bits in both on 200,000 arguments, so these are built from them.

/**
 * x^n for a whole n ≥ 0, by squaring: at most 2·log₂ n products, exact when every square on the
 * way is a double (0.5^n), else within about n ulps (each squaring doubles the error before it).
 */
export function wholePower(x: number, n: number): number {
  let result = 1;
  let square = x;
  for (let k = n; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) result *= square;
    square *= square;
  }
  return result;
}

/** base^e for base > 0 and any real e, as exp(e·ln base): within about 1 + |e·ln base| ulps of the power (10 for 10000^e, e ≤ 1). */
export function realPower(base: number, e: number): number {
  return Math.exp(e * Math.log(base));
}
