// The gather benchmark's data, identical in every runner (Node, Chromium) and in
// gather/native.cpp: splitmix64 seeded 20240611 gives the table (V, D)
// row-major, value = (next() >> 40) * 2^-24 - 0.5 (24 random bits, exact in float32),
// then N = B T ids = next() % V from the same stream. The backward benchmark's dy (N, D)
// continues that stream with the same value rule.
// No node: imports: the browser section's page loads this module.
//
// splitmix64 runs on two uint32 halves: BigInt took ~150 ms per million values, ~10 s
// for the 1,000,000 x 64 table; this takes a fraction of that (see gatherCase timings).

export const SEED = 20240611;
export const B = 1024;       // ids: (B, T)
export const T = 64;
export const N = B * T;
export const GATHER_CASES = Object.freeze({
  '100000x128': Object.freeze({ V: 100000, D: 128 }),
  '1000000x64': Object.freeze({ V: 1000000, D: 64 }),
});

const TWO32 = 4294967296;

// (hi, lo) * (bh, bl) mod 2^64 for uint32 halves; returns the halves in out[0..1].
// The low product needs all 64 bits, so it goes through 16-bit limbs (exact in doubles).
function mul64(hi, lo, bh, bl, out) {
  const a0 = lo & 0xffff;
  const a1 = lo >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  out[1] = ((mid << 16) | (p00 & 0xffff)) >>> 0;
  out[0] = (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)
    + Math.imul(hi, bl) + Math.imul(lo, bh)) >>> 0;
}

/** splitmix64 as in bench_util.h; next() leaves the 64-bit output in hi and lo. */
export class SplitMix64 {
  constructor(seed = SEED) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`SplitMix64: seed must be a non-negative safe integer, got ${seed}`);
    this.sHi = Math.floor(seed / TWO32) >>> 0;
    this.sLo = seed >>> 0;
    this.hi = 0;
    this.lo = 0;
    this.tmp = new Uint32Array(2);
  }

  next() {
    const t = this.tmp;
    const lo = this.sLo + 0x7F4A7C15;
    this.sHi = (this.sHi + 0x9E3779B9 + (lo >= TWO32 ? 1 : 0)) >>> 0;
    this.sLo = lo >>> 0;
    let zh = this.sHi;
    let zl = this.sLo;
    zl = (zl ^ ((zl >>> 30) | (zh << 2))) >>> 0;
    zh = (zh ^ (zh >>> 30)) >>> 0;
    mul64(zh, zl, 0xBF58476D, 0x1CE4E5B9, t);
    zh = t[0]; zl = t[1];
    zl = (zl ^ ((zl >>> 27) | (zh << 5))) >>> 0;
    zh = (zh ^ (zh >>> 27)) >>> 0;
    mul64(zh, zl, 0x94D049BB, 0x133111EB, t);
    zh = t[0]; zl = t[1];
    this.lo = (zl ^ ((zl >>> 31) | (zh << 1))) >>> 0;
    this.hi = (zh ^ (zh >>> 31)) >>> 0;
  }

  /** (next() >> 40) * 2^-24 - 0.5: in [-0.5, 0.5), exact in float32. */
  nextValue() {
    this.next();
    return (this.hi >>> 8) * 5.9604644775390625e-8 - 0.5;
  }

  /** next() % v for 0 < v < 2^31, the 64-bit remainder computed exactly in doubles. */
  nextBelow(v) {
    this.next();
    return ((this.hi % v) * (TWO32 % v) + this.lo) % v;
  }

  fillValues(out) {
    for (let i = 0; i < out.length; ++i) out[i] = this.nextValue();
    return out;
  }
}

/**
 * One gather case: {name, V, D, N, B, T, table: Float32Array (V*D), ids: Int32Array (N),
 * rng} with rng positioned after the ids (backwardDy continues from it).
 */
export function gatherCase(name) {
  const c = GATHER_CASES[name];
  if (!c) throw new RangeError(`gatherCase: unknown case '${name}' (${Object.keys(GATHER_CASES).join(', ')})`);
  const { V, D } = c;
  const rng = new SplitMix64(SEED);
  const table = rng.fillValues(new Float32Array(V * D));
  const ids = new Int32Array(N);
  for (let i = 0; i < N; ++i) ids[i] = rng.nextBelow(V);
  return { name, V, D, N, B, T, table, ids, rng };
}

/** dy (N, D) for the backward benchmark: the case's stream after its ids. */
export function backwardDy(gc) {
  return gc.rng.fillValues(new Float32Array(gc.N * gc.D));
}

/** out (N, D) <- table rows ids, element by element: the reference every contender meets. */
export function referenceGather(table, ids, D) {
  const out = new Float32Array(ids.length * D);
  for (let i = 0; i < ids.length; ++i) {
    const src = ids[i] * D;
    for (let j = 0; j < D; ++j) out[i * D + j] = table[src + j];
  }
  return out;
}

/** dW (V, D) = scatter-add of dy (N, D) rows into rows ids, in id order (float64 sums). */
export function referenceScatterAdd(ids, dy, V, D) {
  const acc = new Float64Array(V * D);
  for (let i = 0; i < ids.length; ++i) {
    const dst = ids[i] * D;
    for (let j = 0; j < D; ++j) acc[dst + j] += dy[i * D + j];
  }
  return Float32Array.from(acc);
}

/** FNV-1a 64 over the 32-bit words of a Float32Array, as 16 hex digits (as gather/native.cpp's Checksum). */
export function fnv1a64(floats) {
  const words = new Uint32Array(floats.buffer, floats.byteOffset, floats.length);
  let hh = 0xCBF29CE4;
  let hl = 0x84222325;
  for (let i = 0; i < words.length; ++i) {
    hl = (hl ^ words[i]) >>> 0;
    // h * 0x100000001B3 = h * 0x1B3 + (h << 40); hl * 0x1B3 < 2^41 is exact in a double.
    const p = hl * 0x1B3;
    const carry = Math.floor(p / TWO32);
    const nh = (Math.imul(hh, 0x1B3) + carry + (hl << 8)) >>> 0;
    hl = p >>> 0;
    hh = nh;
  }
  return hh.toString(16).padStart(8, '0') + hl.toString(16).padStart(8, '0');
}

/**
 * First index where a and b differ (bit for bit, so -0 != 0 and NaN == NaN), or -1.
 * For checking gathers: they copy, so the output must match exactly.
 */
export function firstMismatch(a, b) {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const wa = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const wb = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < wa.length; ++i) if (wa[i] !== wb[i]) return i;
  return -1;
}

/**
 * Per-element tolerance of a float32 scatter-add of dy into rows ids:
 * min(count(row), 64) 2^-23 sum|dy| + 2^-30. Up to 64 terms that is twice recursive
 * summation's worst-case bound, so any adding order passes; the cap keeps rows with
 * thousands of terms (the backward scaling runs at V = 1, 2, 4) tight enough that one
 * missing or doubled term fails (rounding errors grow like sqrt(count), measured at
 * <= 2% of this tolerance for 65,536 terms in forward, reverse and shuffled order).
 */
export function scatterAddTolerance(ids, dy, V, D) {
  const count = new Uint32Array(V);
  for (let i = 0; i < ids.length; ++i) count[ids[i]] += 1;
  const bound = new Float64Array(V * D);
  for (let i = 0; i < ids.length; ++i) {
    const dst = ids[i] * D;
    for (let j = 0; j < D; ++j) bound[dst + j] += Math.abs(dy[i * D + j]);
  }
  for (let r = 0; r < V; ++r) {
    const k = Math.min(count[r], 64) * 2 ** -23;
    for (let j = 0; j < D; ++j) bound[r * D + j] = bound[r * D + j] * k + 2 ** -30;
  }
  return bound;
}

/**
 * Compares got with expected element by element within tolerance[i]: {ok, detail}, the
 * detail naming the worst element. For sums, which contenders add in different orders.
 */
export function compareWithin(got, expected, tolerance) {
  if (got.length !== expected.length) return { ok: false, detail: `${got.length} values, expected ${expected.length}` };
  let worst = 0;
  let index = -1;
  for (let i = 0; i < got.length; ++i) {
    const r = Math.abs(got[i] - expected[i]) / tolerance[i];
    if (Number.isNaN(r)) return { ok: false, detail: `element ${i} is ${got[i]}, expected ${expected[i]}` };
    if (r > worst) { worst = r; index = i; }
  }
  const ok = worst <= 1;
  const detail = index < 0 ? 'identical' : `${ok ? 'largest' : 'out of tolerance'}: element ${index} is ${got[index]}, ` +
    `expected ${expected[index]} (|difference| = ${worst.toPrecision(3)} x tolerance ${tolerance[index].toPrecision(3)})`;
  return { ok, detail };
}
