/**
 * HNSW k-nearest-neighbour search in JS over a saved `hnswlib.index`, giving
 * the same neighbours and the same float32 distances as hnswlib-node's
 * `searchKnn` on the cosine space.
 *
 * Why not just call `searchKnn`: hnswlib-node copies the query out of a JS
 * array one element at a time through N-API (1,024 calls for the lexical
 * embedding), normalises it, and calls a JS filter per visited point; at
 * today's corpus that was most of `kb.search`. The lexical query vector is
 * sparse (a short question touches ~40 of 1,024 buckets), so a distance here
 * is ~40 multiply-adds instead of 1,024. An exact scan would be faster
 * still, but it returns other neighbours than the approximate graph search
 * (in ~60% of the eval questions' 40-neighbour lists), which moves answers;
 * this port keeps the library's results while dropping its per-query costs.
 *
 * Bit-for-bit agreement rests on replaying what the C++ does:
 * - the query is rounded to float32 and normalised as `normalizePoint` does
 *   (float accumulation in index order, float sqrt, float division);
 * - the distance is `InnerProductDistanceSIMD16ExtSSE` (dimensions a multiple
 *   of 16, SSE build): four float32 lanes, lane = position mod 4, each summed
 *   in position order, then lane 0 + 1 + 2 + 3, then 1 − sum. Zero query
 *   entries add exact zeros, so skipping them changes nothing. (Float32 sums
 *   computed in doubles and rounded with Math.fround after each operation are
 *   exactly the float32 results: doubles carry more than 2 × 24 + 2 bits.)
 * - searchKnn / searchBaseLayerST with ef = max(10, k) (hnswlib's ef after
 *   loadIndex; LangChain never sets it), both priority queues replayed with
 *   libstdc++'s heap algorithms so that equal distances pop in the same order.
 * `verifyAgainst` checks this on the loaded index against the library itself
 * before the port is used; any difference (another build, AVX, other
 * dimensions) and the caller keeps the library.
 */

/** What a search returns: chunk-independent HNSW labels with their distances, nearest first. */
export interface KnnResult {
  labels: number[];
  distances: number[];
}

const f = Math.fround;

/** Which labels a search may return: a mask over labels (1 = allowed) or a predicate. */
export type LabelFilter = Uint8Array | ((label: number) => boolean);

/** A query by its non-zero entries: `index` strictly ascending, `value[j]` the entry at `index[j]`. */
export interface SparseInput {
  index: ArrayLike<number>;
  value: ArrayLike<number>;
}

/**
 * std::priority_queue<pair<float, tableint>, vector, CompareByFirst>: a
 * max-heap on `d` only, with libstdc++'s push_heap / pop_heap so that ties
 * come out as they do in the C++. Parallel typed arrays: no object per entry.
 */
class StdHeap {
  readonly d: Float64Array;
  readonly id: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.d = new Float64Array(capacity);
    this.id = new Int32Array(capacity);
  }
  topD(): number {
    return this.d[0]!;
  }
  topId(): number {
    return this.id[0]!;
  }
  push(d: number, id: number): void {
    this.pushHeap(this.size++, 0, d, id);
  }
  pop(): void {
    const last = --this.size;
    if (last > 0) {
      const d = this.d[last]!;
      const id = this.id[last]!;
      this.d[last] = this.d[0]!;
      this.id[last] = this.id[0]!;
      this.adjustHeap(0, last, d, id);
    }
  }
  private pushHeap(hole: number, top: number, d: number, id: number): void {
    const ds = this.d;
    const ids = this.id;
    let parent = (hole - 1) >> 1;
    while (hole > top && ds[parent]! < d) {
      ds[hole] = ds[parent]!;
      ids[hole] = ids[parent]!;
      hole = parent;
      parent = (hole - 1) >> 1;
    }
    ds[hole] = d;
    ids[hole] = id;
  }
  /** __adjust_heap over the first `len` entries, then __push_heap of (d, id). */
  private adjustHeap(hole: number, len: number, d: number, id: number): void {
    const ds = this.d;
    const ids = this.id;
    const top = hole;
    let second = hole;
    while (second < (len - 1) >> 1) {
      second = 2 * (second + 1);
      if (ds[second]! < ds[second - 1]!) second--;
      ds[hole] = ds[second]!;
      ids[hole] = ids[second]!;
      hole = second;
    }
    if ((len & 1) === 0 && second === (len - 2) >> 1) {
      second = 2 * (second + 1);
      ds[hole] = ds[second - 1]!;
      ids[hole] = ids[second - 1]!;
      hole = second - 1;
    }
    this.pushHeap(hole, top, d, id);
  }
}

/**
 * A query prepared once: its non-zero float32 entries after normalisation,
 * split by SSE lane (position mod 4), each lane in position order, so the
 * distance loop has no branch on the lane.
 */
interface SparseQuery {
  at: [Int32Array, Int32Array, Int32Array, Int32Array];
  /** Float32 values, so V8 can keep the arithmetic below in float32 (same results as Math.fround on doubles). */
  value: [Float32Array, Float32Array, Float32Array, Float32Array];
}

export class HnswGraph {
  private constructor(
    /** The file's bytes, 4-byte aligned (level-0 links, vectors and labels in one block per element). */
    private readonly u32: Uint32Array,
    private readonly f32: Float32Array,
    readonly count: number,
    readonly dimensions: number,
    /** size_data_per_element_ / 4, offsetData_ / 4, offsetLevel0_ / 4. */
    private readonly stride: number,
    private readonly dataAt: number,
    private readonly links0At: number,
    /** Per element: word offset of its upper-level link lists in u32, or −1. */
    private readonly upperAt: Int32Array,
    private readonly linksPerLevel: number,
    private readonly maxLevel: number,
    private readonly enterPoint: number,
    /** External label of each internal id. */
    readonly labels: Float64Array,
  ) {
    this.visited = new Uint16Array(count);
    this.candidateHeap = new StdHeap(count + 1);
    // The level-0 link lists copied together: in the file each sits beside its element's 4 KB vector, so a
    // search visiting most elements touched a separate page for each list.
    this.linksWords = dataAt - links0At;
    this.links0 = new Uint32Array(count * this.linksWords);
    for (let id = 0; id < count; id++) {
      const from = links0At + id * stride;
      this.links0.set(u32.subarray(from, from + this.linksWords), id * this.linksWords);
    }
    if (count <= BATCH_LIMIT) {
      // Dimension-major copy: a query's non-zero dimension is then one contiguous run over all points.
      const byDim = new Float32Array(count * dimensions);
      for (let id = 0; id < count; id++) {
        const base = dataAt + id * stride;
        for (let i = 0; i < dimensions; i++) byDim[i * count + id] = f32[base + i]!;
      }
      this.byDim = byDim;
    }
  }

  /** The vectors dimension-major (small graphs only): every distance of a query at once, see allDistances. */
  private readonly byDim: Float32Array | undefined;
  /** Level-0 link lists of all elements, `linksWords` words each: the size word, then the neighbours. */
  private readonly links0: Uint32Array;
  private readonly linksWords: number;
  private readonly visited: Uint16Array;
  private visitTag = 0;
  /** Each element enters the candidate queue at most once (visited). */
  private readonly candidateHeap: StdHeap;
  private topHeapScratch = new StdHeap(0);

  /** The reusable result queue, empty, with room for `capacity` entries. */
  private topHeap(capacity: number): StdHeap {
    if (this.topHeapScratch.d.length < capacity) this.topHeapScratch = new StdHeap(capacity);
    this.topHeapScratch.size = 0;
    return this.topHeapScratch;
  }

  /** Scratch arrays reused by every search (searches are synchronous): four float32 lanes and the distances. */
  private readonly scratch = { lanes: [] as Float32Array[], out: new Float64Array(0) };

  /**
   * Parse the bytes of an `hnswlib.index` (hnswlib's saveIndex layout).
   * Undefined for a layout this port does not replay: dimensions not a
   * multiple of 16, deleted elements, labels beyond 2^53, or a malformed file.
   */
  static parse(bytes: Uint8Array, dimensions: number): HnswGraph | undefined {
    if (dimensions <= 0 || dimensions % 16 !== 0 || bytes.byteLength < 96) return undefined;
    // A private, aligned copy: Float32Array and Uint32Array views need 4-byte alignment.
    const own = new Uint8Array(bytes.byteLength + ((4 - (bytes.byteLength % 4)) % 4));
    own.set(bytes);
    const view = new DataView(own.buffer);
    const size = (at: number) => Number(view.getBigUint64(at, true));
    const offsetLevel0 = size(0);
    const count = size(16);
    const perElement = size(24);
    const labelOffset = size(32);
    const offsetData = size(40);
    const maxLevel = view.getInt32(48, true);
    const enterPoint = view.getUint32(52, true);
    const maxM = size(56);
    const header = 96;
    const linksPerLevel = maxM + 1;
    if (count === 0 || perElement % 4 !== 0 || offsetData % 4 !== 0 || offsetLevel0 % 4 !== 0 || offsetData <= offsetLevel0) return undefined;
    if (labelOffset !== offsetData + 4 * dimensions || labelOffset + 8 > perElement || enterPoint >= count || maxLevel < 0) return undefined;
    const level0End = header + count * perElement;
    if (level0End > bytes.byteLength) return undefined;
    const u32 = new Uint32Array(own.buffer);
    const f32 = new Float32Array(own.buffer);
    const labels = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const base = header + i * perElement;
      const label = view.getBigUint64(base + labelOffset, true);
      if (label > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
      labels[i] = Number(label);
      // The delete mark is bit 0 of the third byte of the level-0 list header.
      if ((own[base + offsetLevel0 + 2]! & 1) !== 0) return undefined;
    }
    const upperAt = new Int32Array(count).fill(-1);
    let at = level0End;
    for (let i = 0; i < count; i++) {
      if (at + 4 > bytes.byteLength) return undefined;
      const length = view.getUint32(at, true);
      at += 4;
      if (length > 0) {
        if (at % 4 !== 0 || at + length > bytes.byteLength) return undefined;
        upperAt[i] = at / 4;
        at += length;
      }
    }
    if (at !== bytes.byteLength) return undefined;
    return new HnswGraph(u32, f32, count, dimensions, perElement / 4, (header + offsetData) / 4, (header + offsetLevel0) / 4, upperAt, linksPerLevel, maxLevel, enterPoint, labels);
  }

  /** The stored (normalised, float32) vector of the element with this label, or undefined. */
  point(label: number): Float32Array | undefined {
    this.byLabel ??= new Map(Array.from(this.labels, (l, id) => [l, id]));
    const id = this.byLabel.get(label);
    if (id === undefined) return undefined;
    const at = this.dataAt + id * this.stride;
    return this.f32.subarray(at, at + this.dimensions);
  }

  private byLabel: Map<number, number> | undefined;

  /** The query as hnswlib sees it: float32, normalised like `normalizePoint`; only non-zero entries kept. */
  private prepare(query: readonly number[]): SparseQuery {
    const nz = [0, 0, 0, 0];
    const where: number[] = [];
    let norm = 0;
    for (let i = 0; i < query.length; i++) {
      const x = f(query[i]!);
      if (x !== 0) {
        nz[i & 3]!++;
        where.push(i);
        norm = f(norm + f(x * x));
      }
    }
    norm = f(Math.sqrt(Math.abs(norm)));
    const at = nz.map((n) => new Int32Array(n)) as SparseQuery['at'];
    const value = nz.map((n) => new Float32Array(n)) as SparseQuery['value'];
    const fill = [0, 0, 0, 0];
    for (const i of where) {
      const x = f(query[i]!);
      const lane = i & 3;
      const j = fill[lane]!++;
      at[lane]![j] = i;
      value[lane]![j] = norm > 0 ? f(x / norm) : x;
    }
    return { at, value };
  }

  /** The same as `prepare` for a query given by its non-zero entries, indices ascending. */
  private prepareSparse(query: SparseInput): SparseQuery {
    const nz = [0, 0, 0, 0];
    let norm = 0;
    let previous = -1;
    for (let j = 0; j < query.index.length; j++) {
      const i = query.index[j]!;
      if (!(i > previous && i < this.dimensions)) throw new Error(`sparse query index ${i} out of order or beyond ${this.dimensions} dimensions`);
      previous = i;
      const x = f(query.value[j]!);
      if (x !== 0) {
        nz[i & 3]!++;
        norm = f(norm + f(x * x));
      }
    }
    norm = f(Math.sqrt(Math.abs(norm)));
    const at = nz.map((n) => new Int32Array(n)) as SparseQuery['at'];
    const value = nz.map((n) => new Float32Array(n)) as SparseQuery['value'];
    const fill = [0, 0, 0, 0];
    for (let j = 0; j < query.index.length; j++) {
      const x = f(query.value[j]!);
      if (x === 0) continue;
      const i = query.index[j]!;
      const lane = i & 3;
      const slot = fill[lane]!++;
      at[lane]![slot] = i;
      value[lane]![slot] = norm > 0 ? f(x / norm) : x;
    }
    return { at, value };
  }

  /**
   * The distance to every element at once (small graphs): the same float32
   * operations in the same order per element as `distance`, but each step
   * runs over all elements, so the rounding chains of different elements
   * overlap instead of waiting on each other.
   */
  private allDistances(q: SparseQuery): Float64Array {
    const n = this.count;
    const byDim = this.byDim!;
    if (this.scratch.out.length !== n) {
      this.scratch.lanes = [new Float32Array(n), new Float32Array(n), new Float32Array(n), new Float32Array(n)];
      this.scratch.out = new Float64Array(n);
    }
    const lanes = this.scratch.lanes;
    for (let lane = 0; lane < 4; lane++) {
      // Float32 accumulators: storing the double sum of two float32 values rounds it exactly as Math.fround would.
      const acc = lanes[lane]!.fill(0);
      const at = q.at[lane]!;
      const value = q.value[lane]!;
      for (let j = 0; j < at.length; j++) {
        const v = value[j]!;
        const row = at[j]! * n;
        for (let id = 0; id < n; id++) acc[id] = acc[id]! + f(v * byDim[row + id]!);
      }
    }
    const [l0, l1, l2, l3] = lanes as [Float32Array, Float32Array, Float32Array, Float32Array];
    const out = this.scratch.out;
    for (let id = 0; id < n; id++) out[id] = f(1 - f(f(f(l0[id]! + l1[id]!) + l2[id]!) + l3[id]!));
    return out;
  }

  /** InnerProductDistanceSIMD16ExtSSE between the prepared query and element `id`. */
  private distance(q: SparseQuery, id: number): number {
    const base = this.dataAt + id * this.stride;
    const p = this.f32;
    const [a0, a1, a2, a3] = q.at;
    const [v0, v1, v2, v3] = q.value;
    // The four lanes are independent chains: stepping them together lets the CPU overlap their latencies.
    const common = Math.min(a0.length, a1.length, a2.length, a3.length);
    let l0 = 0;
    let l1 = 0;
    let l2 = 0;
    let l3 = 0;
    for (let j = 0; j < common; j++) {
      l0 = f(l0 + f(v0[j]! * p[base + a0[j]!]!));
      l1 = f(l1 + f(v1[j]! * p[base + a1[j]!]!));
      l2 = f(l2 + f(v2[j]! * p[base + a2[j]!]!));
      l3 = f(l3 + f(v3[j]! * p[base + a3[j]!]!));
    }
    l0 = laneRest(l0, a0, v0, p, base, common);
    l1 = laneRest(l1, a1, v1, p, base, common);
    l2 = laneRest(l2, a2, v2, p, base, common);
    l3 = laneRest(l3, a3, v3, p, base, common);
    return f(1 - f(f(f(l0 + l1) + l2) + l3));
  }

  /**
   * The `k` nearest elements to `query` whose label `allowed` accepts (all
   * when absent), nearest first: searchKnn of hnswlib, replayed.
   */
  search(query: readonly number[], k: number, allowed?: LabelFilter): KnnResult {
    if (query.length !== this.dimensions) throw new Error(`query has ${query.length} dimensions, the index ${this.dimensions}`);
    return this.searchPrepared(this.prepare(query), k, allowed);
  }

  /**
   * The same search for a query given by its non-zero entries (indices
   * ascending): the same results as `search` on the dense vector, without
   * walking its zeros.
   */
  searchSparse(query: SparseInput, k: number, allowed?: LabelFilter): KnnResult {
    return this.searchPrepared(this.prepareSparse(query), k, allowed);
  }

  private searchPrepared(q: SparseQuery, k: number, allowed?: LabelFilter): KnnResult {
    const table = this.byDim ? this.allDistances(q) : undefined;
    const u32 = this.u32;
    let current = this.enterPoint;
    let currentDist = table !== undefined ? table[current]! : this.distance(q, current);
    for (let level = this.maxLevel; level > 0; level--) {
      let changed = true;
      while (changed) {
        changed = false;
        const list = this.upperAt[current]! + (level - 1) * this.linksPerLevel;
        const size = u32[list]! & 0xffff;
        for (let i = 1; i <= size; i++) {
          const candidate = u32[list + i]!;
          const d = table !== undefined ? table[candidate]! : this.distance(q, candidate);
          if (d < currentDist) {
            currentDist = d;
            current = candidate;
            changed = true;
          }
        }
      }
    }
    const top = this.searchBaseLayer(q, table, current, Math.max(10, k), allowed);
    while (top.size > k) top.pop();
    // Nearest first, equal distances by label: the order the addon's result queue hands them out in.
    // Popping the max-heap fills the lists from the back (distance order); ties are then put in label order.
    const m = top.size;
    const labels = new Array<number>(m);
    const distances = new Array<number>(m);
    for (let j = m - 1; j >= 0; j--) {
      distances[j] = top.topD();
      labels[j] = this.labels[top.topId()]!;
      top.pop();
    }
    for (let i = 1; i < m; i++) {
      const d = distances[i]!;
      const label = labels[i]!;
      let at = i;
      while (at > 0 && distances[at - 1] === d && labels[at - 1]! > label) {
        labels[at] = labels[at - 1]!;
        at--;
      }
      labels[at] = label;
    }
    return { labels, distances };
  }

  /**
   * searchBaseLayerST: bare-bone without a filter, the checked variant with
   * one. Distances come from `table` when the graph computed them all, else
   * one by one; the filter is a mask over labels (1 = allowed) or a function.
   */
  private searchBaseLayer(q: SparseQuery, table: Float64Array | undefined, entry: number, ef: number, allowed?: LabelFilter): StdHeap {
    const mask = allowed instanceof Uint8Array ? allowed : undefined;
    const accepts = typeof allowed === 'function' ? allowed : undefined;
    const bare = mask === undefined && accepts === undefined;
    const labels = this.labels;
    // hnswlib's visited list: a tag per search instead of clearing a fresh array.
    const visited = this.visited;
    if (++this.visitTag === 0xffff) {
      visited.fill(0);
      this.visitTag = 1;
    }
    const tag = this.visitTag;
    // The result queue holds at most ef + 1 before its trim; reused, as are the candidates and the visited tags.
    const top = this.topHeap(ef + 2);
    const candidates = this.candidateHeap;
    candidates.size = 0;
    let lowerBound: number;
    if (bare || (mask !== undefined ? mask[labels[entry]!] === 1 : accepts!(labels[entry]!))) {
      const d = table !== undefined ? table[entry]! : this.distance(q, entry);
      lowerBound = d;
      top.push(d, entry);
      candidates.push(-d, entry);
    } else {
      lowerBound = FLOAT_MAX;
      candidates.push(-lowerBound, entry);
    }
    visited[entry] = tag;
    const links0 = this.links0;
    while (candidates.size > 0) {
      const candidateDist = -candidates.topD();
      const node = candidates.topId();
      const stop = bare ? candidateDist > lowerBound : candidateDist > lowerBound && top.size === ef;
      if (stop) break;
      candidates.pop();
      const list = node * this.linksWords;
      const start = list + 1;
      const size = links0[list]! & 0xffff;
      for (let j = 0; j < size; j++) {
        const id = links0[start + j]!;
        if (visited[id] === tag) continue;
        visited[id] = tag;
        const d = table !== undefined ? table[id]! : this.distance(q, id);
        if (top.size < ef || lowerBound > d) {
          candidates.push(-d, id);
          if (bare || (mask !== undefined ? mask[labels[id]!] === 1 : accepts!(labels[id]!))) top.push(d, id);
          while (top.size > ef) top.pop();
          if (top.size > 0) lowerBound = top.topD();
        }
      }
    }
    return top;
  }

  /**
   * True when this port gives exactly the library's labels and distances for
   * each probe query, with and without a filter (compare against the
   * library's own `searchKnn` on the same index).
   */
  verifyAgainst(
    native: (query: number[], k: number, filter?: (label: number) => boolean) => { neighbors: number[]; distances: number[] },
    probes: readonly number[][],
  ): boolean {
    const filters: Array<((label: number) => boolean) | undefined> = [undefined, (label) => label % 2 === 0, (label) => label % 3 !== 1];
    for (const probe of probes) {
      for (const k of [1, Math.min(this.count, 40)]) {
        for (const filter of filters) {
          const mine = this.search(probe, k, filter);
          const theirs = native(probe, k, filter);
          if (mine.labels.length !== theirs.neighbors.length) return false;
          for (let i = 0; i < mine.labels.length; i++) {
            if (mine.labels[i] !== theirs.neighbors[i] || mine.distances[i] !== theirs.distances[i]) return false;
          }
        }
      }
    }
    return true;
  }
}

/** The rest of one SSE lane of the inner product from entry `from`: float32 products summed in float32, in position order. */
function laneRest(sum: number, at: Int32Array, value: Float32Array, f32: Float32Array, base: number, from: number): number {
  for (let j = from; j < at.length; j++) sum = f(sum + f(value[j]! * f32[base + at[j]!]!));
  return sum;
}

/** Up to this many elements the graph keeps a dimension-major copy and computes all distances per query (~4 MB at 1,024 dimensions). */
export const BATCH_LIMIT = 1000;

/** FLT_MAX, the lower bound hnswlib starts from when the entry point is filtered out. */
const FLOAT_MAX = f(3.4028234663852886e38);

/**
 * The port for a store loaded from `indexBytes` (its hnswlib.index), when it
 * parses and agrees exactly with the store's own searchKnn on a few probe
 * vectors (sparse ones made from stored points); undefined otherwise, and the
 * caller searches through the library.
 */
export function graphFor(
  index: {
    getNumDimensions(): number;
    getCurrentCount(): number;
    getIdsList(): number[];
    getPoint(label: number): number[];
    searchKnn(query: number[], k: number, filter?: (label: number) => boolean): { neighbors: number[]; distances: number[] };
  },
  indexBytes: Uint8Array,
): HnswGraph | undefined {
  const graph = HnswGraph.parse(indexBytes, index.getNumDimensions());
  if (!graph || graph.count !== index.getCurrentCount()) return undefined;
  const ids = index.getIdsList().sort((a, b) => a - b);
  if (ids.length === 0) return undefined;
  // Sparse like real questions (a few dozen buckets, every lane), from stored points so they land near the data.
  const sparse = (label: number, keep: (i: number) => boolean) => index.getPoint(label).map((x, i) => (keep(i) ? x + 0.01 : 0));
  const probes = [sparse(ids[0]!, (i) => i % 23 === 0 || i % 29 === 5), sparse(ids[Math.floor(ids.length / 2)]!, (i) => i % 31 === 2 || i % 17 === 0)];
  return graph.verifyAgainst((q, k, filter) => index.searchKnn(q, k, filter), probes) ? graph : undefined;
}
