"""Benchmarks: answer latency beside the raw engine, prompt size, the bandwidth limit, indexing,
search at scale and retrieval quality. Each module runs alone (``python -m bench.latency``) and
writes ``<out>/<name>.json``; ``python -m bench.run`` runs them all and writes the report."""
