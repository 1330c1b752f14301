"""Prompt-lookup speculative decoding against plain greedy decoding, on the same prompts.

Answers copy phrases from their quotes, so the n-grams of the prompt are good guesses of the
next tokens: llama-cpp-python's LlamaPromptLookupDecoding proposes them and the model checks
several in one batch. For each answerable seed question the script builds our final prompt
(the quotes the pipeline selects) and generates with plain greedy decoding and with prompt
lookup (a few draft lengths), each on its own Llama with the same model, threads and batch.
Greedy decoding with or without drafts must give the same text; the report checks it.
"""

from __future__ import annotations

import time
from types import SimpleNamespace

from bench.common import ROOT, SHARED_DIR, median, parser, read_jsonl, write_result
from bench.engine import load_llama, timed_chat
from bench.latency import seed_index

DRAFT_TOKENS = (3, 10)


def main(argv=None) -> dict:
    p = parser(__doc__.splitlines()[0])
    args = p.parse_args(argv)
    started = time.perf_counter()

    from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

    from rag.backends.llama_cpp import warm_prefix
    from rag.prompt import build_messages, warm_up_messages
    from rag.pipeline import Pipeline
    from rag.config import Settings

    settings = Settings()
    pipeline = Pipeline(settings.with_(index_dir=seed_index(settings, ROOT / "seeds")))
    rows = [r for r in read_jsonl(SHARED_DIR / "eval" / "dev_qa.jsonl") if r.get("answerable", True)]
    drafts = DRAFT_TOKENS[-1:] if args.smoke else DRAFT_TOKENS
    max_tokens = 24 if args.smoke else settings.generation.max_answer_tokens
    rows = rows[:1] if args.smoke else rows
    prompts = []
    for row in rows:
        quotes = pipeline.find_evidence(row["q"]).quotes
        if quotes:
            prompts.append((row["id"], build_messages(row["q"], [SimpleNamespace(n=q.n, text=q.text)
                                                                 for q in quotes])))

    engines = {"greedy": load_llama(settings)}
    for n in drafts:
        # logits_all must be passed too: llama-cpp-python 0.3.36 sizes its logits buffer from the
        # argument, not from the draft model, and overflows it after n_batch tokens otherwise.
        engines[f"lookup-{n}"] = load_llama(settings, draft_model=LlamaPromptLookupDecoding(num_pred_tokens=n),
                                            logits_all=True)
    for llm in engines.values():
        warm_prefix(llm, warm_up_messages())

    per_question = []
    for qid, messages in prompts:
        entry = {"id": qid}
        for name, llm in engines.items():  # the engines take turns on each prompt: noise hits all alike
            run = timed_chat(llm, messages, max_tokens, settings.generation.seed)
            entry[name] = {k: run[k] for k in ("first_token_s", "total_s", "tokens", "gen_tokens_per_s", "text")}
        for name in engines:
            entry[name]["same_text"] = entry[name]["text"] == entry["greedy"]["text"]
        per_question.append(entry)
        print(qid, {n: round(entry[n]["gen_tokens_per_s"] or 0, 2) for n in engines}, flush=True)

    summary = {}
    for name in engines:
        gen_s = sum(e[name]["total_s"] - e[name]["first_token_s"] for e in per_question)
        tokens = sum(e[name]["tokens"] - 1 for e in per_question)
        summary[name] = {
            "gen_tokens_per_s": tokens / gen_s if gen_s else None,
            "median_gen_tokens_per_s": median(e[name]["gen_tokens_per_s"] for e in per_question),
            "median_first_token_s": median(e[name]["first_token_s"] for e in per_question),
            "median_total_s": median(e[name]["total_s"] for e in per_question),
            "same_text": sum(e[name]["same_text"] for e in per_question),
        }
    base = summary["greedy"]["gen_tokens_per_s"]
    for name in engines:
        summary[name]["speedup"] = summary[name]["gen_tokens_per_s"] / base if base else None
    results = {"per_question": per_question, "summary": summary, "prompts": len(prompts)}
    write_result(args.out, "decoding", {"draft_tokens": list(drafts), "max_ngram_size": 2, "max_tokens": max_tokens,
                                        "n_ctx": settings.generation.n_ctx, "n_threads": settings.n_threads,
                                        "n_batch": settings.generation.n_batch}, results, started)
    return results


if __name__ == "__main__":
    main()
