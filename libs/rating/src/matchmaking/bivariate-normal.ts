/**
 * Normal and bivariate-normal probabilities for the rank lookahead (`rank-lookahead.ts`). Both are
 * evaluated millions of times per draw on a large board, so they use closed forms with a fixed
 * number of operations rather than the incomplete-gamma route of `math/special.ts`.
 */

/**
 * Standard normal CDF Φ(x): Hart's double-precision rational approximation (algorithm 5666, as
 * given by West, "Better approximations to cumulative normal functions", 2005), absolute error
 * below 1e-14 (checked against `erfc` in the spec).
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  let tail: number;
  if (z > 37) tail = 0;
  else {
    const e = Math.exp(-0.5 * z * z);
    if (z < 7.07106781186547) {
      let num = 3.52624965998911e-2 * z + 0.700383064443688;
      num = num * z + 6.37396220353165;
      num = num * z + 33.912866078383;
      num = num * z + 112.079291497871;
      num = num * z + 221.213596169931;
      num = num * z + 220.206867912376;
      let den = 8.83883476483184e-2 * z + 1.75566716318264;
      den = den * z + 16.064177579207;
      den = den * z + 86.7807322029461;
      den = den * z + 296.564248779674;
      den = den * z + 637.333633378831;
      den = den * z + 793.826512519948;
      den = den * z + 440.413735824752;
      tail = (e * num) / den;
    } else {
      let b = z + 0.65;
      b = z + 4 / b;
      b = z + 3 / b;
      b = z + 2 / b;
      b = z + 1 / b;
      tail = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

// Gauss–Legendre nodes and weights (half of each symmetric rule) for 6, 12 and 20 points.
const GL_X = [
  [0.9324695142031522, 0.661209386466264, 0.238619186083197],
  [
    0.9815606342467191, 0.904117256370475, 0.769902674194305, 0.5873179542866171, 0.3678314989981802,
    0.1252334085114692,
  ],
  [
    0.9931285991850949, 0.9639719272779138, 0.9122344282513259, 0.8391169718222188, 0.7463319064601508,
    0.636053680726515, 0.5108670019508271, 0.3737060887154196, 0.2277858511416451, 0.07652652113349733,
  ],
];
const GL_W = [
  [0.1713244923791705, 0.3607615730481384, 0.4679139345726904],
  [
    0.04717533638651177, 0.1069393259953183, 0.1600783285433464, 0.2031674267230659, 0.2334925365383547,
    0.2491470458134029,
  ],
  [
    0.01761400713915212, 0.04060142980038694, 0.06267204833410906, 0.08327674157670475, 0.1019301198172404,
    0.1181945319615184, 0.1316886384491766, 0.1420961093183821, 0.1491729864726037, 0.1527533871307259,
  ],
];
const TWO_PI = 2 * Math.PI;

/**
 * Upper bivariate normal probability P(X > h, Y > k) for standard normals with correlation r:
 * Drezner & Wesolowsky (1990) as refined by Genz ("Numerical computation of rectangular bivariate
 * and trivariate normal probabilities", 2004; his `bvnu`), absolute error about 1e-15.
 */
export function bivariateNormalUpper(h: number, k: number, r: number): number {
  if (h === Infinity || k === Infinity) return 0;
  if (h === -Infinity) return k === -Infinity ? 1 : normalCdf(-k);
  if (k === -Infinity) return normalCdf(-h);
  if (r === 0) return normalCdf(-h) * normalCdf(-k);
  const ng = Math.abs(r) < 0.3 ? 0 : Math.abs(r) < 0.75 ? 1 : 2;
  const xs = GL_X[ng];
  const ws = GL_W[ng];
  let hk = h * k;
  let bvn = 0;
  if (Math.abs(r) < 0.925) {
    const hs = (h * h + k * k) / 2;
    const asr = Math.asin(r);
    for (let i = 0; i < xs.length; i++) {
      for (const is of [-1, 1]) {
        const sn = Math.sin((asr * (is * xs[i] + 1)) / 2);
        bvn += ws[i] * Math.exp((sn * hk - hs) / (1 - sn * sn));
      }
    }
    return clamp01((bvn * asr) / (2 * TWO_PI) + normalCdf(-h) * normalCdf(-k));
  }
  let kk = k;
  if (r < 0) {
    kk = -k;
    hk = -hk;
  }
  if (Math.abs(r) < 1) {
    const as = (1 - r) * (1 + r);
    let a = Math.sqrt(as);
    const bs = (h - kk) * (h - kk);
    const c = (4 - hk) / 8;
    const d = (12 - hk) / 16;
    let asr = -(bs / as + hk) / 2;
    if (asr > -100)
      bvn = a * Math.exp(asr) * (1 - (c * (bs - as) * (1 - (d * bs) / 5)) / 3 + (c * d * as * as) / 5);
    if (hk > -100) {
      const b = Math.sqrt(bs);
      const sp = Math.sqrt(TWO_PI) * normalCdf(-b / a);
      bvn -= Math.exp(-hk / 2) * sp * b * (1 - (c * bs * (1 - (d * bs) / 5)) / 3);
    }
    a /= 2;
    for (let i = 0; i < xs.length; i++) {
      for (const is of [-1, 1]) {
        const x2 = (a * (is * xs[i] + 1)) ** 2;
        const rs = Math.sqrt(1 - x2);
        asr = -(bs / x2 + hk) / 2;
        if (asr > -100) {
          const sp = 1 + c * x2 * (1 + d * x2);
          const ep = Math.exp((-hk * (1 - rs)) / (2 * (1 + rs))) / rs;
          bvn += a * ws[i] * Math.exp(asr) * (ep - sp);
        }
      }
    }
    bvn = -bvn / TWO_PI;
  }
  if (r > 0) return clamp01(bvn + normalCdf(-Math.max(h, kk)));
  return clamp01(-bvn + Math.max(0, normalCdf(-h) - normalCdf(-kk)));
}

function clamp01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/**
 * The chance that two differences are ordered the wrong way, now and after more data.
 *
 * The difference D = θi − θj has posterior N(m, s²). More trials would leave it N(m′, s′²) with
 * s′² = s² − δ; before seeing them, m′ ~ N(m, δ) (the preposterior). The posterior probability that
 * the board orders the pair wrongly is π = Φ(−|m|/s) now and Φ(−|m′|/s′) afterwards, whose
 * expectation is P(sign m′ ≠ sign D), with (m′, D) bivariate normal of correlation √(δ/s²):
 *
 *   E π′ = Φ(m/√δ) + Φ(m/s) − 2·P(m′ > 0, D > 0)      (for m ≥ 0; symmetric in m).
 *
 * Returns π − E π′ ≥ 0, the expected drop in the misorder probability (0 when δ = 0).
 */
export function expectedMisorderDrop(m: number, s2: number, delta: number): number {
  if (!(delta > 0) || !(s2 > 0)) return 0;
  const s = Math.sqrt(s2);
  return misorderDrop(Math.abs(m), s, normalCdf(Math.abs(m) / s), Math.min(delta, s2));
}

/**
 * `expectedMisorderDrop` for |m| = `am` ≥ 0, s > 0, 0 < δ ≤ s², with Φ(am/s) = `phiAbove` given
 * (the rank lookahead shares it across candidates).
 */
export function misorderDrop(am: number, s: number, phiAbove: number, delta: number): number {
  const tau = Math.sqrt(delta);
  // m′ cannot realistically cross zero: nothing can change.
  if (am > 8.5 * tau) return 0;
  const rho = Math.min(1, tau / s);
  const both = bivariateNormalUpper(-am / tau, -am / s, rho);
  const after = normalCdf(am / tau) + phiAbove - 2 * both;
  return Math.max(0, 1 - phiAbove - after);
}
