"""The limit: this machine's memory read bandwidth, and the generation speed it allows.

Generating one token reads every weight of the model once (Qwen2.5's output matrix is the
embedding table, so that too) plus the KV cache of the context so far. On a CPU whose compute
keeps up, tokens/s cannot exceed ``bandwidth / bytes read per token``. The script measures read
bandwidth with two kernels (a threaded sum over 1 GiB and a matrix-vector product, which is
what generation is), takes the better, and sets the bound beside the generation speed of
llama-cpp-python measured here on a short and a long context.
"""

from __future__ import annotations

import os
import threading
import time

import numpy as np

from bench.common import parser, write_result
from bench.engine import load_llama, timed_chat
from rag.config import Settings

GIB = 1024 ** 3


def read_bandwidth(size_bytes: int, threads: list[int], repeats: int = 5) -> dict:
    """Best-of-``repeats`` read bandwidth in GB/s (10^9 bytes) over one array: a sum split over
    each number of Python threads (numpy frees the GIL), and a matrix-vector product, which
    numpy's BLAS runs on its own threads (all cores)."""
    data = np.ones(size_bytes // 4, dtype=np.float32)

    def threaded_sum(n: int):
        parts = np.array_split(data, n)

        def run() -> None:
            workers = [threading.Thread(target=np.add.reduce, args=(part,)) for part in parts]
            for w in workers:
                w.start()
            for w in workers:
                w.join()
        return run

    matrix = data.reshape(-1, 1024)
    ones = np.ones(1024, dtype=np.float32)
    kernels = {f"sum, {n} thread{'s' if n > 1 else ''}": threaded_sum(n) for n in threads}
    kernels["matvec, BLAS threads"] = lambda: matrix @ ones
    result = {}
    for name, kernel in kernels.items():
        kernel()  # pages touched, threads started
        best = min(_seconds(kernel) for _ in range(repeats))
        result[name] = data.nbytes / best / 1e9
    return result


def _seconds(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def kv_bytes_per_position(llm) -> int:
    """Bytes of K and V cache per context position (f16), from the GGUF's metadata."""
    meta = llm.metadata
    arch = meta["general.architecture"]
    layers = int(meta[f"{arch}.block_count"])
    heads = int(meta[f"{arch}.attention.head_count"])
    kv_heads = int(meta.get(f"{arch}.attention.head_count_kv", heads))
    head_dim = int(meta[f"{arch}.embedding_length"]) // heads
    return layers * 2 * kv_heads * head_dim * 2


def measured_generation(llm, context_words: int, max_tokens: int) -> dict:
    """Greedy generation speed after a prompt of about ``context_words`` words."""
    filler = " ".join(["Pemerintah provinsi menggelar rapat koordinasi bersama aparatur sipil negara."] *
                      max(1, context_words // 9))
    messages = [{"role": "user", "content": f"{filler}\n\nTulis ulang kalimat pertama di atas sepuluh kali."}]
    llm.reset()
    run = timed_chat(llm, messages, max_tokens)
    return {"context_tokens": run["prompt_tokens"], "tokens": run["tokens"],
            "gen_tokens_per_s": run["gen_tokens_per_s"]}


def main(argv=None) -> dict:
    p = parser(__doc__.splitlines()[0])
    args = p.parse_args(argv)
    started = time.perf_counter()
    settings = Settings().with_(generation={"n_ctx": 4096})
    size = GIB // 8 if args.smoke else GIB
    bandwidth = read_bandwidth(size, sorted({1, settings.n_threads}))
    best_gbs = max(bandwidth.values())

    llm = load_llama(settings)
    weights = int(llm._model.size())  # bytes of all tensors: each is read once per generated token
    kv = kv_bytes_per_position(llm)
    contexts = [(40, 24)] if args.smoke else [(40, 96), (1200, 96)]
    generation = [measured_generation(llm, words, tokens) for words, tokens in contexts]
    for g in generation:
        per_token = weights + kv * g["context_tokens"]
        g["bytes_per_token"] = per_token
        g["bound_tokens_per_s"] = best_gbs * 1e9 / per_token
        g["share_of_bound"] = (g["gen_tokens_per_s"] or 0.0) / g["bound_tokens_per_s"]
        print(f"context {g['context_tokens']} tokens: {g['gen_tokens_per_s']:.1f} tokens/s measured, "
              f"bound {g['bound_tokens_per_s']:.1f} ({g['share_of_bound']:.0%})", flush=True)
    results = {"bandwidth_gb_s": bandwidth, "best_bandwidth_gb_s": best_gbs, "weights_bytes": weights,
               "file_bytes": os.path.getsize(llm.model_path), "kv_bytes_per_position": kv,
               "generation": generation}
    write_result(args.out, "limit", {"array_bytes": size, "n_threads": settings.n_threads,
                                     "n_batch": settings.generation.n_batch,
                                     "model": str(llm.model_path).rsplit("/", 1)[-1]},
                 results, started)
    return results


if __name__ == "__main__":
    main()
