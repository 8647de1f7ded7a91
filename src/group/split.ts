// Splitting one subject group into its events: normalised-cut bisection (Shi & Malik 2000).
//
// The corpus-wide pass gathers articles about one subject ("a celebrity checks into rehab"); two
// events of that kind often land together because the words of the kind dominate. Inside the group
// a fixed similarity threshold transfers badly (groups differ in size and vocabulary), so the split
// is decided by a relative measure instead: the normalised cut
//     Ncut(A, B) = cut(A, B) / vol(A) + cut(A, B) / vol(B)
// (cut = similarity crossing the split, vol = all similarity touching a side) is near 0 when the
// group is two tight camps with little between them and near 1 or more when it is one story. A
// stray member cut off alone scores ≥ 1, so outliers never become stories of their own here.
//
// Steps: the similarity matrix W; the second eigenvector of D^-1/2 W D^-1/2 by power iteration
// (the first, √degree, deflated); a sweep over the members ordered by that vector, keeping the
// cut with the lowest Ncut whose sides both hold at least `minPart` members; accept it below
// `maxNcut`, then try each side again (up to `maxDepth` levels).

export interface SplitOptions {
  /** A split is accepted when its normalised cut is below this. */
  maxNcut: number;
  /** Each side of a split holds at least this many members. */
  minPart: number;
  /** How many times a group may be halved along one branch. */
  maxDepth: number;
}

/** Similarity of members i and j of the group (symmetric, ≥ 0). */
export type PairSim = (i: number, j: number) => number;

const ITERATIONS = 300;
// A floor under every pair, so a member with no similarity to the rest still has a degree.
const FLOOR = 1e-6;

/** The best normalised-cut bisection of the members `idx`, or null when none has both sides ≥ minPart. */
export function bisect(idx: number[], sim: PairSim, minPart: number): { a: number[]; b: number[]; ncut: number } | null {
  const n = idx.length;
  if (n < 2 * minPart) return null;
  const w = idx.map((x, i) => Float64Array.from(idx, (y, j) => (i === j ? 0 : Math.max(FLOOR, sim(x, y)))));
  const deg = w.map((row) => row.reduce((s, v) => s + v, 0));
  const vol = deg.reduce((s, v) => s + v, 0);
  const sq = deg.map(Math.sqrt);

  // Step 1: the Fiedler vector of the normalised graph.
  const v1 = sq.map((x) => x / Math.sqrt(vol));
  let x = Array.from({ length: n }, (_, i) => Math.sin(i + 1)); // fixed start: same input, same split
  const deflate = (v: number[]) => {
    const d = v.reduce((s, vi, i) => s + vi * v1[i], 0);
    return v.map((vi, i) => vi - d * v1[i]);
  };
  const normalise = (v: number[]) => {
    const nv = Math.sqrt(v.reduce((s, vi) => s + vi * vi, 0)) || 1;
    return v.map((vi) => vi / nv);
  };
  x = normalise(deflate(x));
  for (let it = 0; it < ITERATIONS; it++) {
    // (M + I) / 2 keeps every eigenvalue in [0, 1], so the iteration finds the largest one left.
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let s = 0;
      const row = w[i];
      for (let j = 0; j < n; j++) s += (row[j] * x[j]) / sq[j];
      y[i] = (s / sq[i] + x[i]) / 2;
    }
    const next = normalise(deflate(y));
    const change = next.reduce((s, v, i) => s + Math.abs(v - x[i]), 0);
    x = next;
    if (change < 1e-9) break;
  }
  const order = [...x.keys()].sort((i, j) => x[i] / sq[i] - x[j] / sq[j] || i - j);

  // Step 2: sweep the ordered members, moving one at a time to side A.
  const inA = new Array<boolean>(n).fill(false);
  let cut = 0;
  let volA = 0;
  let best = { k: -1, ncut: Infinity };
  for (let k = 0; k < n - 1; k++) {
    const m = order[k];
    let toA = 0;
    for (let j = 0; j < n; j++) if (inA[j]) toA += w[m][j];
    cut += deg[m] - 2 * toA;
    volA += deg[m];
    inA[m] = true;
    if (k + 1 < minPart || n - k - 1 < minPart) continue;
    const ncut = cut / volA + cut / (vol - volA);
    if (ncut < best.ncut) best = { k, ncut };
  }
  if (best.k < 0) return null;
  const a = order.slice(0, best.k + 1).map((i) => idx[i]);
  const b = order.slice(best.k + 1).map((i) => idx[i]);
  return { a, b, ncut: best.ncut };
}

/** Split members 0..n-1 into events: bisect while the cut is clean enough. */
export function splitGroup(n: number, sim: PairSim, o: SplitOptions): number[][] {
  const out: number[][] = [];
  const visit = (idx: number[], depth: number) => {
    const cut = depth < o.maxDepth ? bisect(idx, sim, o.minPart) : null;
    if (!cut || cut.ncut >= o.maxNcut) out.push(idx);
    else {
      visit(cut.a, depth + 1);
      visit(cut.b, depth + 1);
    }
  };
  visit(Array.from({ length: n }, (_, i) => i), 0);
  return out;
}
