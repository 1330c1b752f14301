"""Search at scale: single-query latency, recall@10 and memory of FAISS index types as the corpus grows.

For each database size (default 10k, 100k and 1M vectors) every index type is built, then queried one
query at a time, as the app does, with ``faiss.omp_set_num_threads`` at the number of available cores.
Each row gives the build time, the memory per vector, p50/p99 latency in ms, single-stream queries per
second (1 / mean latency) and recall@10 against exact search (``IndexFlatIP``, the ground truth):

- ``flat``       IndexFlatIP, exact (what the product uses up to ``Settings.exact_index_max`` vectors);
- ``flat-int8``  IndexScalarQuantizer QT_8bit, exhaustive over int8 codes;
- ``hnsw``       IndexHNSWFlat M=32, efConstruction 100 (the product above ``exact_index_max``),
                 one row per efSearch;
- ``hnsw-int8``  IndexHNSWSQ QT_8bit, same graph parameters;
- ``ivf``        IndexIVFFlat, nlist = round(4 * sqrt(n)), one row per nprobe;
- ``ivf-pq``     IndexIVFPQ, same coarse quantizer, 48 sub-quantizers of 8 bits (48 bytes a vector), no refine;
                 all k-means (coarse and PQ) run 10 iterations.

Memory per vector is ``faiss.serialize_index(index).nbytes / n``: the whole index as it would be
written to disk, so it includes the graph links of HNSW, the 8-byte ids and the centroids of IVF.

Synthetic data. Uniform Gaussian vectors have no structure, unlike real embeddings, so approximate
indexes would be judged on the wrong problem; the vectors are instead a seeded clustered mixture
shaped like multilingual-e5-small embeddings (dimension 384, unit length, inner product):

- 2,048 topic centres ``t_k``, drawn with log-normal weights (sigma 1), so topics are of very uneven
  size, as news topics are;
- a point of topic k is ``u = normalise(t_k + 1.0 * z / sqrt(384))``;
- every vector is ``normalise(1.85 * mu + u)`` with one shared unit direction ``mu``: e5 embeddings are
  anisotropic (unrelated texts have cosine ~0.77), which matters to the scalar and product quantizers;
- the centres and the noise ``z`` are Gaussian with a power-law spectrum (variance of the i-th
  component ~ i^-0.68) in a random orthonormal basis, as the covariance of real e5 chunks decays.

The constants were fitted on the project's own e5 index (7,612 chunks of the eval corpus), chunk
against chunks: median cosine 0.772 (synthetic 0.774), its spread 0.021 (0.021), 2nd / 10th / 100th
neighbour 0.896 / 0.849 / 0.823 (0.897 / 0.856 / 0.821). The fit is at ~8k vectors; at 1M the topics
are only denser, whereas a real corpus would also gain topics. Within a topic the noise has no further
structure, so the order of the nearest neighbours is decided by small gaps; this is harsh on lossy
codes (int8, PQ) compared with real text, where near-duplicate chunks stand out more.

Points are generated in blocks of 50,000 rows, each block from its own seeded stream, so the 10k
database is the first rows of the 100k one, which is the first rows of the 1M one. Queries (1,000)
come from the same mixture through a different stream, so they are not in the database. Index
training samples are the first rows of the database (rows are independent draws, so a prefix is a
uniform sample).

Latency of exhaustive indexes at 1M vectors is 0.1-0.3 s a query, so each row times queries one at a
time for at most ``--row-seconds`` (and at least 100 queries, or all of them when fewer); the number
timed is recorded. Recall uses all queries, searched in one batch (the same results as one by one).

HNSW builds grow faster than n; when the build at a size, projected from the previous size, would
exceed ``--hnsw-build-budget-s`` (default 240 s), efConstruction is lowered (not below 40) for that
size, the row's params say so and ``results.notes`` explains it.

The derived ``switch`` is the smallest measured size at which exact search's p99 exceeds
``--budget-ms``, and the fastest row (lowest p99) with recall@10 >= 0.95 there; when exact search
stays under the budget at every size, the crossing is extrapolated from a linear fit of flat p99 in
n (exact search is linear in n) and marked as an estimate.

Run: ``python -m bench.search [--sizes 10000,100000,1000000] [--smoke] [--out docs/bench]``.
"""

from __future__ import annotations

import gc
import math
import os
import sys
import time

import numpy as np

from bench.common import parser, pct, write_result

DIM = 384  # multilingual-e5-small
K = 10
TOPICS = 2048
NOISE = 1.0
SHARED = 1.85  # weight of the shared direction: unrelated vectors have cosine ~1.85^2 / (1.85^2 + 1) = 0.77
SPECTRUM = 0.68  # power-law decay of the component variances, fitted on real e5 chunk vectors
BLOCK = 50_000
TRAIN_MAX = 100_000
MIN_TIMED = 100
RECALL_TARGET = 0.95
HNSW_M = 32
PQ_M = 48
KMEANS_NITER = 10  # IVF coarse quantizer (as IndexIVF trains it) and PQ codebooks
EF_SEARCH = (64, 128, 512)
NPROBE = (8, 32, 64)
# HNSW build time grew 10.6-15.6x from 10k to 100k vectors here (out of cache, and ~log n per insert):
# a build is projected from the previous size as linear in n and efConstruction, times this.
HNSW_GROWTH = 1.5
HNSW_MIN_EF = 40  # faiss's default efConstruction
INDEXES = ("flat", "flat-int8", "hnsw", "hnsw-int8", "ivf", "ivf-pq")
# Retrieval as a whole (dense + BM25 + fusion + reading the chunks) must stay well under a second
# beside generation; the vector search is one of several steps, so it gets 50 ms at p99 by default.
DEFAULT_BUDGET_MS = 50.0


def parse_args(argv=None):
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--sizes", default="10000,100000,1000000", help="database sizes, comma separated")
    p.add_argument("--queries", type=int, default=None, help="number of queries (default 1000; smoke 50)")
    p.add_argument("--indexes", default=",".join(INDEXES), help=f"index types to run, of {','.join(INDEXES)}")
    p.add_argument("--budget-ms", type=float, default=DEFAULT_BUDGET_MS, help="p99 budget of one search, ms")
    p.add_argument("--ef-construction", type=int, default=100, help="HNSW efConstruction (product: 100)")
    p.add_argument("--hnsw-build-budget-s", type=float, default=240.0,
                   help="lower efConstruction when an HNSW build is projected to take longer than this")
    p.add_argument("--row-seconds", type=float, default=15.0, help="time spent timing single queries per row")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    args.sizes = [5_000] if args.smoke else [int(s) for s in args.sizes.split(",") if s.strip()]
    args.queries = args.queries or (50 if args.smoke else 1_000)
    args.indexes = [name.strip() for name in args.indexes.split(",") if name.strip()]
    unknown = set(args.indexes) - set(INDEXES)
    if unknown:
        p.error(f"unknown index types: {', '.join(sorted(unknown))}")
    if "flat" not in args.indexes:
        args.indexes.insert(0, "flat")  # the ground truth of recall
    return args


def log(message: str) -> None:
    print(message, flush=True)


# ----------------------------------------------------------------------------- data


def normalise(x: np.ndarray) -> np.ndarray:
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


def mixture(seed: int) -> dict:
    """The topics, their weights, the shared direction and the spectrum of the synthetic embeddings."""
    rng = np.random.default_rng([seed, 0])
    scale = (np.arange(DIM) + 1.0) ** (-SPECTRUM / 2)
    scale /= np.sqrt(np.mean(scale ** 2))
    basis, _ = np.linalg.qr(rng.standard_normal((DIM, DIM)))
    model = {"scale": scale.astype(np.float32), "basis": basis.astype(np.float32)}
    model["topics"] = normalise(shaped_noise(rng, TOPICS, model))
    weights = rng.lognormal(0.0, 1.0, TOPICS)
    model["weights"] = weights / weights.sum()
    model["shared"] = normalise(rng.standard_normal((1, DIM), dtype=np.float32))[0]
    return model


def shaped_noise(rng: np.random.Generator, rows: int, model: dict) -> np.ndarray:
    """Gaussian rows with the power-law spectrum, in the random basis (mean square 1 per component)."""
    z = rng.standard_normal((rows, DIM), dtype=np.float32)
    z *= model["scale"]
    return z @ model["basis"]


def sample_block(rng: np.random.Generator, rows: int, model: dict) -> np.ndarray:
    """``rows`` unit vectors of the mixture."""
    labels = rng.choice(TOPICS, size=rows, p=model["weights"])
    x = shaped_noise(rng, rows, model)
    x *= NOISE / math.sqrt(DIM)
    x += model["topics"][labels]
    x = normalise(x)
    x += SHARED * model["shared"]
    return normalise(x)


def synthetic(n: int, model: dict, seed: int, stream: int) -> np.ndarray:
    """``n`` vectors; block b comes from stream (seed, stream, b), so smaller sizes are prefixes of larger ones."""
    out = np.empty((n, DIM), dtype=np.float32)
    for b, start in enumerate(range(0, n, BLOCK)):
        rows = min(BLOCK, n - start)
        out[start:start + rows] = sample_block(np.random.default_rng([seed, stream, b]), rows, model)
    return out


# ----------------------------------------------------------------------------- indexes


def nlist_for(n: int) -> int:
    return max(1, round(4 * math.sqrt(n)))


class Builder:
    """Builds each index type over one database; the IVF coarse quantizer is trained once and shared."""

    def __init__(self, base: np.ndarray, seed: int):
        self.base = base
        self.sample = base[:TRAIN_MAX]
        self.seed = seed
        self.nlist = nlist_for(len(base))
        self._quantizer = None
        self._kmeans_s = 0.0

    def build(self, name: str, ef_construction: int):
        """The index, its build time in seconds (training included), its fixed parameters, and the
        searched variants as (parameter name, values) or None."""
        import faiss

        ip = faiss.METRIC_INNER_PRODUCT
        qt8 = faiss.ScalarQuantizer.QT_8bit
        t0 = time.perf_counter()
        extra_s = 0.0
        if name == "flat":
            index, params, variants = faiss.IndexFlatIP(DIM), {}, None
        elif name == "flat-int8":
            index, params, variants = faiss.IndexScalarQuantizer(DIM, qt8, ip), {"qtype": "8bit"}, None
        elif name in ("hnsw", "hnsw-int8"):
            if name == "hnsw":
                index = faiss.IndexHNSWFlat(DIM, HNSW_M, ip)
            else:
                index = faiss.IndexHNSWSQ(DIM, qt8, HNSW_M, ip)
            index.hnsw.efConstruction = ef_construction
            params = {"M": HNSW_M, "efConstruction": ef_construction}
            variants = ("efSearch", EF_SEARCH)
        elif name in ("ivf", "ivf-pq"):
            quantizer = self.quantizer()
            t0 = time.perf_counter()  # k-means is timed once, in quantizer(), and added below
            extra_s = self._kmeans_s
            if name == "ivf":
                index = faiss.IndexIVFFlat(quantizer, DIM, self.nlist, ip)
                params = {"nlist": self.nlist}
            else:
                index = faiss.IndexIVFPQ(quantizer, DIM, self.nlist, PQ_M, 8, ip)
                index.pq.cp.niter = KMEANS_NITER  # faiss's 25 barely helps and dominates small builds
                params = {"nlist": self.nlist, "m": PQ_M, "nbits": 8}
            variants = ("nprobe", tuple(p for p in NPROBE if p <= self.nlist) or (self.nlist,))
        else:
            raise ValueError(name)
        if not index.is_trained:
            index.train(self.sample)  # the IVF coarse quantizer is already trained: only PQ trains here
        index.add(self.base)
        return index, round(time.perf_counter() - t0 + extra_s, 2), params, variants

    def quantizer(self):
        """The IVF coarse quantizer: spherical k-means (10 iterations, as IndexIVF does) on the sample."""
        import faiss

        if self._quantizer is None:
            t0 = time.perf_counter()
            kmeans = faiss.Kmeans(DIM, self.nlist, niter=KMEANS_NITER, spherical=True, seed=self.seed + 1)
            kmeans.train(self.sample)
            self._quantizer = faiss.IndexFlatIP(DIM)
            self._quantizer.add(kmeans.centroids)
            self._kmeans_s = time.perf_counter() - t0
        return self._quantizer


def set_variant(index, name: str, value: int) -> None:
    import faiss

    faiss.ParameterSpace().set_index_parameter(index, name, value)


def bytes_per_vector(index, n: int) -> float:
    import faiss

    return round(faiss.serialize_index(index).nbytes / n, 1)


# ----------------------------------------------------------------------------- measuring


def single_query_ms(index, queries: np.ndarray, row_seconds: float) -> list[float]:
    """Latency of searching one query at a time, in ms, until all are done or the time is up."""
    for i in range(min(5, len(queries))):  # warm-up: first-touch allocations, caches
        index.search(queries[i:i + 1], K)
    times: list[float] = []
    deadline = time.perf_counter() + row_seconds
    for i in range(len(queries)):
        t0 = time.perf_counter()
        index.search(queries[i:i + 1], K)
        times.append((time.perf_counter() - t0) * 1000)
        if len(times) >= MIN_TIMED and time.perf_counter() > deadline:
            break
    return times


def recall_at_k(found: np.ndarray, truth: np.ndarray) -> float:
    """Mean share of the exact top-k found in the approximate top-k (-1 = no result)."""
    hits = [len(set(f[f >= 0].tolist()) & set(t.tolist())) for f, t in zip(found, truth)]
    return float(np.mean(hits)) / truth.shape[1]


def measure(index, queries: np.ndarray, truth: np.ndarray | None, row_seconds: float):
    """(latencies in ms, recall@K against ``truth``, the batch results)."""
    times = single_query_ms(index, queries, row_seconds)
    _, found = index.search(queries, K)
    recall = 1.0 if truth is None else recall_at_k(found, truth)
    return times, recall, found


def row(n: int, name: str, params: dict, build_s: float, bpv: float, times: list[float], recall: float) -> dict:
    return {"n": n, "index": name, "params": params, "build_s": build_s, "bytes_per_vector": bpv,
            "p50_ms": round(pct(times, 50), 4), "p99_ms": round(pct(times, 99), 4),
            "recall_at_10": round(recall, 4), "qps": round(1000 / float(np.mean(times)), 1),
            "timed_queries": len(times)}


def hnsw_ef_construction(name: str, n: int, args, history: dict) -> tuple[int, str | None]:
    """efConstruction for an HNSW build of n vectors: the asked one, or lower (not under HNSW_MIN_EF) when
    the build projected from the previous size would exceed ``--hnsw-build-budget-s``; and why."""
    if name not in history:
        return args.ef_construction, None
    prev_n, prev_s, prev_ef = history[name]
    projected = prev_s * (n / prev_n) * (args.ef_construction / prev_ef) * HNSW_GROWTH
    if projected <= args.hnsw_build_budget_s:
        return args.ef_construction, None
    ef = max(HNSW_MIN_EF, int(args.ef_construction * args.hnsw_build_budget_s / projected))
    return ef, (f"{name} at n={n:,}: build projected at {projected:.0f} s with efConstruction {args.ef_construction} "
                f"(budget {args.hnsw_build_budget_s:g} s), built with efConstruction {ef} instead "
                f"(projected {projected * ef / args.ef_construction:.0f} s)")


def run_size(n: int, base: np.ndarray, queries: np.ndarray, args, history: dict, notes: list[str]) -> list[dict]:
    """Every index type over the first ``n`` vectors. ``history`` keeps HNSW build times across sizes."""
    builder = Builder(base, args.seed)
    truth = None
    rows = []
    for name in args.indexes:
        ef_construction, note = hnsw_ef_construction(name, n, args, history)
        if note:
            notes.append(note)
            log(f"[{n:,}] note: {note}")
        log(f"[{n:,}] {name}: building")
        index, build_s, params, variants = builder.build(name, ef_construction)
        if name.startswith("hnsw"):
            history[name] = (n, build_s, ef_construction)
        bpv = bytes_per_vector(index, n)
        log(f"[{n:,}] {name}: built in {build_s:.1f} s, {bpv:.0f} B/vector")
        for value in (variants[1] if variants else (None,)):
            row_params = dict(params)
            if variants:
                set_variant(index, variants[0], value)
                row_params[variants[0]] = value
            times, recall, found = measure(index, queries, truth, args.row_seconds)
            if truth is None:
                truth = found  # flat runs first: exact results
            rows.append(row(n, name, row_params, build_s, bpv, times, recall))
            log(f"[{n:,}] {name} {row_params}: p50 {rows[-1]['p50_ms']:.3f} ms, p99 {rows[-1]['p99_ms']:.3f} ms, "
                f"recall@10 {recall:.3f} ({len(times)} timed)")
        del index
        gc.collect()
    return rows


# ----------------------------------------------------------------------------- the switch


def best_row(rows: list[dict], n: int) -> dict | None:
    """The fastest (lowest p99) row at size n with recall@10 >= RECALL_TARGET."""
    good = [r for r in rows if r["n"] == n and r["recall_at_10"] >= RECALL_TARGET]
    return min(good, key=lambda r: r["p99_ms"]) if good else None


def recommend(r: dict | None) -> dict | None:
    if r is None:
        return None
    return {k: r[k] for k in ("index", "params", "p50_ms", "p99_ms", "recall_at_10", "bytes_per_vector")}


def product_row(rows: list[dict], n: int) -> dict | None:
    """What the product builds above exact_index_max (HNSW, efSearch 512), at size n."""
    same = [r for r in rows if r["n"] == n and r["index"] == "hnsw" and r["params"].get("efSearch") == 512]
    return recommend(same[0]) if same else None


def switch_point(rows: list[dict], budget_ms: float) -> dict:
    """The size at which exact search leaves the latency budget, and what to use there."""
    flat = sorted((r["n"], r["p99_ms"]) for r in rows if r["index"] == "flat")
    curve = [{"n": n, "flat_p99_ms": p99} for n, p99 in flat]
    over = [n for n, p99 in flat if p99 > budget_ms]
    result = {"budget_ms": budget_ms, "recall_target": RECALL_TARGET, "flat_curve": curve}
    if over:
        n = over[0]
        result = {**result, "n": n, "measured_over": n, "estimate": False, "recommended": recommend(best_row(rows, n)),
                  "product": product_row(rows, n),
                  "note": f"exact search p99 exceeds {budget_ms:g} ms at the measured size {n:,}"}
        under = [(m, p99) for m, p99 in flat if m < n and p99 <= budget_ms]
        if under:  # exact search is linear in n: interpolate between the two sizes around the budget
            (n0, p0), p1 = under[-1], dict(flat)[n]
            crossing = round(n0 + (budget_ms - p0) * (n - n0) / (p1 - p0))
            result.update(n=crossing, note=f"exact search p99 reaches {budget_ms:g} ms at about {crossing:,} "
                          f"vectors (linear between {n0:,}: {p0:.1f} ms and {n:,}: {p1:.1f} ms)")
        return result
    largest = flat[-1][0]  # flat always runs: it is the ground truth
    base = {**result, "estimate": True, "largest": largest,
            "recommended_at_largest": recommend(best_row(rows, largest)),
            "product_at_largest": product_row(rows, largest)}
    if len(flat) == 1:
        # One point: assume latency proportional to n (no fixed cost).
        n = round(budget_ms / flat[0][1] * flat[0][0])
        return {**base, "n": n, "note": "extrapolated from one size, latency taken proportional to n"}
    slope, intercept = np.polyfit([n for n, _ in flat], [p for _, p in flat], 1)
    if slope <= 0:
        return {**base, "n": None, "note": "flat p99 did not grow with n here: no crossing can be estimated"}
    n = round((budget_ms - intercept) / slope)
    return {**base, "n": n, "fit_ms": {"per_million": round(slope * 1e6, 3), "intercept": round(intercept, 4)},
            "note": f"estimate: flat stays under {budget_ms:g} ms up to {largest:,}; linear fit of p99 in n"}


# ----------------------------------------------------------------------------- report


def print_table(rows: list[dict]) -> None:
    header = f"{'n':>9} {'index':<10} {'params':<38} {'build s':>8} {'B/vec':>7} {'p50 ms':>8} {'p99 ms':>8} " \
             f"{'rec@10':>6} {'q/s':>8}"
    log(header)
    log("-" * len(header))
    for r in rows:
        params = ",".join(f"{k}={v}" for k, v in r["params"].items())
        log(f"{r['n']:>9,} {r['index']:<10} {params:<38} {r['build_s']:>8.2f} {r['bytes_per_vector']:>7.0f} "
            f"{r['p50_ms']:>8.3f} {r['p99_ms']:>8.3f} {r['recall_at_10']:>6.3f} {r['qps']:>8.0f}")


def print_switch(switch: dict) -> None:
    log(f"switch: {switch['note']}; n = {switch['n']}")
    chosen = switch.get("recommended") or switch.get("recommended_at_largest")
    if chosen:
        log(f"switch: use {chosen['index']} {chosen['params']} (p99 {chosen['p99_ms']} ms, "
            f"recall@10 {chosen['recall_at_10']})")


def main(argv=None) -> int:
    import faiss

    from rag.config import Settings, available_cores

    started = time.perf_counter()
    args = parse_args(argv)
    threads = available_cores()
    faiss.omp_set_num_threads(threads)
    # Latencies are only meaningful on an idle machine: with other work on the cores, faiss's threads
    # wait on each other and single-query flat search got 3x slower here. Record the load to judge.
    load_before = [round(x, 2) for x in os.getloadavg()]
    if load_before[0] > 0.5 * threads:
        log(f"search: warning: load average {load_before[0]} on {threads} cores; latencies will be inflated")
    model = mixture(args.seed)
    log(f"search: generating {max(args.sizes):,} x {DIM} vectors and {args.queries} queries")
    database = synthetic(max(args.sizes), model, args.seed, stream=1)
    queries = synthetic(args.queries, model, args.seed, stream=2)
    rows: list[dict] = []
    history: dict = {}
    notes: list[str] = []
    for n in sorted(args.sizes):
        rows += run_size(n, database[:n], queries, args, history, notes)
    switch = switch_point(rows, args.budget_ms)
    print_table(rows)
    print_switch(switch)
    for note in notes:
        log(f"note: {note}")
    settings = {"sizes": sorted(args.sizes), "queries": args.queries, "dimension": DIM, "k": K,
                "indexes": args.indexes, "omp_threads": threads, "budget_ms": args.budget_ms,
                "row_seconds": args.row_seconds, "min_timed_queries": MIN_TIMED, "seed": args.seed,
                "generator": {"topics": TOPICS, "noise": NOISE, "shared_weight": SHARED, "spectrum": SPECTRUM,
                              "block": BLOCK},
                "hnsw": {"M": HNSW_M, "efConstruction": args.ef_construction, "efSearch": list(EF_SEARCH),
                         "build_budget_s": args.hnsw_build_budget_s, "min_efConstruction": HNSW_MIN_EF},
                "ivf": {"nlist": "round(4*sqrt(n))", "nprobe": list(NPROBE), "train_max": TRAIN_MAX,
                        "kmeans_niter": KMEANS_NITER, "pq_m": PQ_M, "pq_nbits": 8},
                "memory": "faiss.serialize_index(index).nbytes / n",
                "load_average": {"before": load_before, "after": [round(x, 2) for x in os.getloadavg()]},
                "product": {"exact_index_max": Settings().index.exact_max, "hnsw_efSearch": 512}}
    write_result(args.out, "search", settings, {"rows": rows, "switch": switch, "notes": notes}, started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
