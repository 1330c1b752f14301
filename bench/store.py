"""The PostgreSQL store beside the FAISS folder: vector search latency, recall@10, build time and
storage per vector at several corpus sizes, both measured in one run on the same vectors.

For each size (default 6k, 100k and 1M), the synthetic clustered vectors of bench/search.py
(shaped like multilingual-e5-small embeddings) are indexed twice:

- ``faiss``: the folder store's index as the product builds it (``FaissIndex.build``: exact search
  up to ``index.exact_max`` vectors, HNSW M=32, efConstruction 100, efSearch 512 above);
- ``pgvector``: a table of the PostgreSQL store's shape (position, vector(384)) with pgvector's
  HNSW index by cosine, M=32, efConstruction 100 (the same settings), searched through the
  store's own ``PgVectorIndex`` with efSearch 512, over the connection pool, one query at a time
  as the app does. The server is the embedded one (PostgreSQL 18, pgvector 0.8), on the same
  2 cores, with maintenance_work_mem large enough for the graph.

Rows give build seconds, bytes per vector (FAISS: the serialised index; PostgreSQL: the table
and its HNSW index, ``pg_total_relation_size``), p50 / p99 latency in ms and recall@10 against
exact search. When a pgvector build projected from the previous size would exceed
``--build-budget-s``, efConstruction is lowered for that size (not below 40) and the row says so.

The retrieval quality of the two stores on real text is bench/quality.py's.

Run: ``python -m bench.store [--sizes 6000,100000,1000000] [--smoke] [--out docs/bench]``.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from bench.common import current_rss_mb, parser, pct, write_result
from bench.search import DIM, K, measure, mixture, synthetic

QUERIES = 300
SEED = 11


def log(message: str) -> None:
    print(f"[store] {message}", flush=True)


def exact_top(base: np.ndarray, queries: np.ndarray) -> np.ndarray:
    out = np.empty((len(queries), K), dtype=np.int64)
    for start in range(0, len(queries), 50):
        scores = queries[start:start + 50] @ base.T
        top = np.argpartition(-scores, K, axis=1)[:, :K]
        order = np.argsort(-np.take_along_axis(scores, top, axis=1), axis=1)
        out[start:start + 50] = np.take_along_axis(top, order, axis=1)
    return out


def faiss_row(n: int, base: np.ndarray, queries: np.ndarray, truth: np.ndarray, settings, row_seconds: float) -> dict:
    import faiss

    from rag.backends.faiss_index import FaissIndex

    started = time.perf_counter()
    index = FaissIndex.build(base, settings)
    build_s = time.perf_counter() - started
    times, recall, _ = measure(index, queries, truth, row_seconds)
    size = faiss.serialize_index(index.index).nbytes
    return {"n": n, "store": "faiss", "index": index.kind, "build_s": round(build_s, 2),
            "bytes_per_vector": round(size / n, 1), "p50_ms": round(pct(times, 50), 3),
            "p99_ms": round(pct(times, 99), 3), "recall_at_10": round(recall, 4), "timed_queries": len(times)}


def pgvector_row(address: str, n: int, base: np.ndarray, queries: np.ndarray, truth: np.ndarray, settings,
                 ef_construction: int, row_seconds: float) -> dict:
    from rag.backends.pgvector import PgVectorIndex, connect, vector_bytes

    table = f"bench_vectors_{n}"
    config = settings.index
    connection = connect(address, "bench", autocommit=True)
    try:
        connection.execute("CREATE EXTENSION IF NOT EXISTS vector SCHEMA public")
        connection.execute(f"DROP TABLE IF EXISTS {table}")
        connection.execute(f"CREATE TABLE {table} (position integer PRIMARY KEY, embedding vector({DIM}) NOT NULL)")
        started = time.perf_counter()
        with connection.cursor().copy(f"COPY {table} FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["int4", "bytea"])
            for i, vector in enumerate(base):
                copy.write_row((i, vector_bytes(vector)))
        copy_s = time.perf_counter() - started
        memory_mb = max(256, int(n * (DIM * 4 + 2 * config.hnsw_m * 8) * 1.5 / 2 ** 20))
        connection.execute(f"SET maintenance_work_mem = '{memory_mb}MB'")
        started = time.perf_counter()
        connection.execute(f"CREATE INDEX ON {table} USING hnsw (embedding vector_cosine_ops) "
                           f"WITH (m = {config.hnsw_m}, ef_construction = {ef_construction})")
        build_s = time.perf_counter() - started
        connection.execute(f"VACUUM ANALYZE {table}")
        size = connection.execute(f"SELECT pg_total_relation_size('{table}')").fetchone()[0]
    finally:
        connection.close()
    index = PgVectorIndex(address, "bench", table, DIM, n, config.hnsw_ef_search)
    times, recall, _ = measure(index, queries, truth, row_seconds)
    return {"n": n, "store": "pgvector", "index": f"hnsw M={config.hnsw_m} efC={ef_construction} efS="
                                                 f"{config.hnsw_ef_search}",
            "copy_s": round(copy_s, 2), "build_s": round(build_s, 2), "bytes_per_vector": round(size / n, 1),
            "p50_ms": round(pct(times, 50), 3), "p99_ms": round(pct(times, 99), 3),
            "recall_at_10": round(recall, 4), "timed_queries": len(times)}


def main(argv=None) -> dict:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--sizes", default="6000,100000,1000000")
    p.add_argument("--row-seconds", type=float, default=20.0, help="time spent timing single queries per row")
    p.add_argument("--build-budget-s", type=float, default=1800.0,
                   help="lower efConstruction where a pgvector build would take longer than this")
    p.add_argument("--data", type=Path, help="the embedded server's data folder (default: a temporary one)")
    args = p.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.smoke:
        sizes, args.row_seconds = [2000], 1.0
    started = time.perf_counter()

    from rag.backends.pgvector import embedded_server
    from rag.config import Settings

    settings = Settings()
    data = args.data or (Path(tempfile.mkdtemp(prefix="rag-bench-store-")) / "data" if args.smoke
                         else settings.cache_dir / "bench" / "postgres")
    address = embedded_server(data)
    model = mixture(SEED)
    queries = synthetic(QUERIES, model, SEED, 1)
    rows, notes = [], []
    previous: tuple[int, float] | None = None
    for n in sizes:
        base = synthetic(n, model, SEED, 0)
        truth = exact_top(base, queries)
        log(f"{n:,} vectors: FAISS")
        rows.append(faiss_row(n, base, queries, truth, settings, args.row_seconds))
        ef_construction = settings.index.hnsw_ef_construction
        if previous is not None:  # HNSW builds grow a little faster than n
            projected = previous[1] * (n / previous[0]) * 1.2
            if projected > args.build_budget_s:
                ef_construction = max(40, int(ef_construction * args.build_budget_s / projected))
                notes.append(f"{n:,}: the pgvector build projected at {projected:.0f} s, over the budget of "
                             f"{args.build_budget_s:.0f} s: efConstruction {ef_construction}")
        log(f"{n:,} vectors: pgvector (efConstruction {ef_construction})")
        row = pgvector_row(address, n, base, queries, truth, settings, ef_construction, args.row_seconds)
        rows.append(row)
        previous = (n, row["build_s"] * settings.index.hnsw_ef_construction / ef_construction)
        for r in rows[-2:]:
            log(f"  {r['store']:9} {r['index']:32} build {r['build_s']:8.1f} s  {r['bytes_per_vector']:7.0f} B/vector  "
                f"p50 {r['p50_ms']:7.2f} ms  p99 {r['p99_ms']:7.2f} ms  recall@10 {r['recall_at_10']:.3f}")
        del base
    results = {"rows": rows, "notes": notes, "queries": QUERIES,
               "ratios": [{"n": n, "p50_pgvector_over_faiss": _ratio(rows, n, "p50_ms"),
                           "p99_pgvector_over_faiss": _ratio(rows, n, "p99_ms")} for n in sizes],
               "bench_rss_mb": current_rss_mb()}
    write_result(args.out, "store", {"sizes": sizes, "row_seconds": args.row_seconds, "hnsw_m": settings.index.hnsw_m,
                                     "hnsw_ef_search": settings.index.hnsw_ef_search}, results, started)
    return results


def _ratio(rows: list[dict], n: int, key: str) -> float | None:
    pair = {r["store"]: r[key] for r in rows if r["n"] == n}
    return round(pair["pgvector"] / pair["faiss"], 2) if pair.get("faiss") else None


if __name__ == "__main__":
    main()
