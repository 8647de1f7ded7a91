// Word-level differences between two passages (longest common subsequence over words), for the
// side-by-side reuse view. Passages are short (a quote, a paragraph), so the quadratic table is
// small; past MAX words each side, the passages are shown without marks rather than stall the page.

export type Piece = { op: 'same' | 'del' | 'ins'; text: string };

const MAX = 1500;
const tokens = (s: string) => s.match(/\s+|[^\s]+/g) ?? [];
const norm = (w: string) => w.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');

export function wordDiff(a: string, b: string): { left: Piece[]; right: Piece[]; changed: boolean } | null {
  const A = tokens(a).filter((t) => t.trim());
  const B = tokens(b).filter((t) => t.trim());
  if (A.length > MAX || B.length > MAX) return null;
  const n = A.length;
  const m = B.length;
  const L = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) L[i]![j] = norm(A[i]!) === norm(B[j]!) ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  const left: Piece[] = [];
  const right: Piece[] = [];
  const push = (arr: Piece[], op: Piece['op'], w: string) => {
    const last = arr.at(-1);
    if (last && last.op === op) last.text += ' ' + w;
    else arr.push({ op, text: (arr.length ? ' ' : '') + w });
  };
  let i = 0;
  let j = 0;
  let changed = false;
  while (i < n || j < m) {
    if (i < n && j < m && norm(A[i]!) === norm(B[j]!)) {
      push(left, 'same', A[i++]!);
      push(right, 'same', B[j++]!);
    } else if (j < m && (i >= n || L[i]![j + 1]! >= L[i + 1]![j]!)) {
      push(right, 'ins', B[j++]!);
      changed = true;
    } else {
      push(left, 'del', A[i++]!);
      changed = true;
    }
  }
  return { left, right, changed };
}
