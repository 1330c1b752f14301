"""Indexing speed: `rag index` (rag.index.build_index, what the command runs) beside raw
sentence-transformers ``encode`` of the very texts it embeds, with the same model object and
batch size, alternated in one run; then the time to add one article to the built index and to
re-run on an unchanged corpus.

The corpus is the first N passages of ../shared/eval/external/corpus.jsonl (real Indonesian
Wikipedia and news text). `rag index` embeds each chunk and each sentence (the sentences serve
quote selection without embedding at question time), so the raw run encodes both lists.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.common import SHARED_DIR, parser, write_result

NEW_ARTICLE = """Pemerintah Kabupaten Wonosobo membuka pelatihan digital bagi 120 aparatur sipil negara.
Pelatihan berlangsung selama lima hari di aula kantor bupati. Kepala Badan Kepegawaian Daerah
mengatakan pelatihan itu bertujuan mempercepat layanan administrasi kependudukan secara daring.
Peserta akan belajar mengelola data, menjawab pengaduan warga, dan menjaga keamanan akun layanan."""


def write_corpus(folder: Path, passages: int) -> Path:
    path = folder / "corpus.jsonl"
    with open(SHARED_DIR / "eval" / "external" / "corpus.jsonl", encoding="utf-8") as src, \
            open(path, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= passages:
                break
            dst.write(line)
    return path


def embedded_texts(index_dir: Path) -> list[str]:
    """Every text `rag index` embedded for this index: chunks, then sentences (no prefix)."""
    from rag.chunk import embed_text
    from rag.indexer import sentence_embed_text
    from rag.store import FolderStore

    index = FolderStore(index_dir).load()
    texts = [embed_text(c) for c in index.chunks]
    texts += [sentence_embed_text(index.documents[d].text[s:e]) for d, s, e in index.sentence_keys]
    return texts


def main(argv=None) -> dict:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--passages", type=int, default=300)
    p.add_argument("--rounds", type=int, default=2)
    args = p.parse_args(argv)
    if args.smoke:
        args.passages, args.rounds = 8, 1
    started = time.perf_counter()

    from rag.backends.sentence_transformers import SentenceTransformerEmbedder
    from rag.indexer import build_index
    from rag.config import Settings

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = write_corpus(folder, args.passages)
        settings = Settings().with_(index_dir=folder / "index")
        embedder = SentenceTransformerEmbedder(settings)
        embedder.embed_passages(["pemanasan"])  # model loading is not indexing
        build_index([corpus], settings, embedder, rebuild=True)  # warm-up; also gives the texts
        texts = [settings.embedding.passage_prefix + t for t in embedded_texts(settings.index_dir)]

        ours, raw = [], []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            vectors = embedder.model.encode(texts, batch_size=settings.embedding.batch_size, normalize_embeddings=True,
                                            convert_to_numpy=True)
            raw.append(time.perf_counter() - t0)
            report = build_index([corpus], settings, embedder, rebuild=True)
            ours.append(report.seconds)
        assert vectors.shape[0] == report.embedded + report.embedded_sentences

        unchanged = build_index([corpus], settings, embedder)
        article = folder / "artikel-baru.txt"
        article.write_text(NEW_ARTICLE, encoding="utf-8")
        added = build_index([corpus, article], settings, embedder)

    best_ours, best_raw = min(ours), min(raw)
    results = {
        "passages": args.passages, "chunks": report.chunks, "sentences": report.embedded_sentences,
        "texts_embedded": len(texts), "ours_s": ours, "raw_encode_s": raw,
        "ours_chunks_per_s": report.chunks / best_ours, "ours_texts_per_s": len(texts) / best_ours,
        "raw_texts_per_s": len(texts) / best_raw, "ratio_to_raw": best_raw / best_ours,
        "unchanged_rerun_s": unchanged.seconds, "unchanged_embedded": unchanged.embedded,
        "add_one_article_s": added.seconds, "add_one_article_embedded": added.embedded + added.embedded_sentences,
        "index_type": report.index_type,
    }
    print(json.dumps({k: v for k, v in results.items() if not isinstance(v, list)}, indent=1), flush=True)
    write_result(args.out, "indexing", {"embed_batch_size": settings.embedding.batch_size, "rounds": args.rounds,
                                        "n_threads": settings.n_threads, "chunk_words": settings.chunking.words,
                                        "median_text_words": float(np.median([len(t.split()) for t in texts]))},
                 results, started)
    return results


if __name__ == "__main__":
    main()
