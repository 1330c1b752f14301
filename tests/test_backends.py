"""Backends: the registry, a backend added by one class, the in-memory index as the oracle of
FAISS, and the OpenAI-compatible generator against a fake SSE server on loopback."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from conftest import SEEDS, fake_settings
from rag.backends import Embedder, Generator, VectorIndex, available, backend_class, create, register
from rag.backends.faiss_index import FaissIndex
from rag.backends.fakes import HashingEmbedder, MemoryIndex, ScriptedGenerator
from rag.backends.base import RESTART
from rag.backends.openai import OpenAIChatGenerator, chat_completions_url
from rag.config import Settings
from rag.errors import InputError, ModelError


def implements(cls: type, protocol: type) -> bool:
    """Whether a class has every member of a protocol (checked on the class: isinstance on an
    instance would read its properties, and a real backend's would load its model)."""
    members = {name for name in vars(protocol) if not name.startswith("_")} | set(protocol.__annotations__)
    return all(hasattr(cls, name) for name in members)


@pytest.mark.parametrize("kind, protocol", [("embedder", Embedder), ("vector_index", VectorIndex),
                                            ("generator", Generator)])
def test_built_in_backends_are_registered_and_follow_their_protocols(kind, protocol):
    expected = {"embedder": {"sentence-transformers", "hashing"}, "vector_index": {"faiss", "memory"},
                "generator": {"llama-cpp", "openai", "scripted"}}[kind]
    assert expected <= set(available(kind))
    for name in available(kind):
        assert implements(backend_class(kind, name), protocol), (kind, name)
    if kind == "vector_index":
        for name in available(kind):
            built = backend_class(kind, name).build(np.eye(3, dtype=np.float32), Settings())
            assert isinstance(built, VectorIndex) and built.size == 3


def test_a_class_missing_a_member_does_not_implement_the_protocol():
    class Half:
        def embed_queries(self, texts):
            return texts

    assert not implements(Half, Embedder)


def test_an_unknown_backend_name_is_a_clear_error():
    with pytest.raises(InputError, match="no embedder backend 'bert'.*hashing.*sentence-transformers"):
        create("embedder", "bert", Settings())


def test_a_new_backend_is_one_class_and_a_registry_line(tmp_path):
    """An embedder written here, registered through the same hook as the real ones, runs the
    whole pipeline (index, quotes, synthesis) when the settings name it."""
    from rag.indexer import build_index
    from rag.pipeline import Pipeline

    @register("embedder", "shouting")
    class ShoutingEmbedder(HashingEmbedder):  # upper-case is the same text to the hashing features
        @property
        def model_id(self) -> str:
            return "shouting"

        def embed_passages(self, texts, show_progress=False):
            return super().embed_passages([t.upper() for t in texts])

    settings = fake_settings(tmp_path / "index", embedding={"backend": "shouting"})
    pipeline = Pipeline(settings)
    build_index([SEEDS], settings, pipeline.embedder)
    assert pipeline.index.manifest["embedding"]["model_id"] == "shouting"
    answer = pipeline.ask("Apa kata Luthfi soal jual beli jabatan?")
    assert not answer.abstained and answer.citations and "[1]" in answer.synthesis


def test_memory_index_is_the_oracle_of_exact_faiss():
    rng = np.random.default_rng(1)
    vectors = rng.standard_normal((500, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = rng.standard_normal((20, 32)).astype(np.float32)
    faiss_scores, faiss_ids = FaissIndex.build(vectors, Settings()).search(queries, 10)
    memory_scores, memory_ids = MemoryIndex.build(vectors).search(queries, 10)
    assert (faiss_ids == memory_ids).mean() > 0.99
    assert np.allclose(faiss_scores, memory_scores, atol=1e-4)
    # fewer vectors than asked: the rest is -1, as FAISS does
    _, ids = MemoryIndex.build(vectors[:3]).search(queries[:1], 5)
    assert list(ids[0][3:]) == [-1, -1]


def test_memory_index_saves_and_loads(tmp_path):
    vectors = np.arange(12, dtype=np.float32).reshape(4, 3)
    MemoryIndex.build(vectors).save(tmp_path)
    loaded = MemoryIndex.load(tmp_path)
    assert loaded.size == 4 and loaded.dimension == 3 and np.array_equal(loaded.vectors, vectors)
    with pytest.raises(FileNotFoundError):
        MemoryIndex.load(tmp_path / "nowhere")


def test_hashing_embedder_is_deterministic_and_normalised():
    embedder = HashingEmbedder()
    a, b = embedder.embed_passages(["jual beli jabatan", "jual beli jabatan"])
    c = embedder.embed_queries(["evaluasi kinerja"])[0]
    assert np.array_equal(a, b) and abs(np.linalg.norm(a) - 1) < 1e-6 and float(a @ c) < 0.5
    assert embedder.embed_passages([]).shape == (0, embedder.dimension)


def test_scripted_generator_streams_its_reply_in_pieces():
    generator = ScriptedGenerator(reply="Satu dua tiga [1].")
    pieces = list(generator.stream([{"role": "user", "content": "x"}]))
    assert len(pieces) == 4 and "".join(pieces) == "Satu dua tiga [1]." and len(generator.calls) == 1


# ----------------------------------------------------------------------------- OpenAI-compatible, fake server


class FakeServer:
    """A loopback HTTP server that answers /v1/chat/completions with a scripted SSE body."""

    def __init__(self):
        self.events: list[str] = []
        self.status = 200
        self.delay = 0.0
        self.requests: list[dict] = []
        self.health = 200  # what GET /v1/models answers
        self.probes = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802: the pool's health check, /v1/models
                server.probes += 1
                self.send_response(server.health if self.path.endswith("/models") else 404)
                self.end_headers()
                self.wfile.write(b'{"data": []}')

            def do_POST(self):  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length", 0))
                server.requests.append(json.loads(self.rfile.read(length)))
                if server.status != 200:
                    self.send_response(server.status)
                    self.end_headers()
                    self.wfile.write(b'{"error": "model not loaded"}')
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                try:
                    for event in server.events:
                        time.sleep(server.delay)
                        self.wfile.write(f"{event}\n\n".encode())
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def delta(text: str) -> str:
    return "data: " + json.dumps({"choices": [{"delta": {"content": text}}]})


@pytest.fixture
def server():
    fake = FakeServer()
    yield fake
    fake.close()


def generator_for(server, **changes) -> OpenAIChatGenerator:
    return create("generator", "openai", Settings().with_(generation={"llm_url": server.url, **changes}))


MESSAGES = [{"role": "user", "content": "Apa kata Luthfi?"}]


def test_openai_stream_reads_the_deltas(server):
    server.events = [": keep-alive", delta("Luthfi "), "data: {\"choices\": [{\"delta\": {}}]}", delta("menegaskan [1]."),
                     "data: [DONE]", delta("after the end")]
    assert "".join(generator_for(server).stream(MESSAGES)) == "Luthfi menegaskan [1]."
    request = server.requests[0]
    assert request["stream"] is True and request["messages"] == MESSAGES and request["max_tokens"] == 160


def test_openai_error_event_mid_stream_is_a_clear_error(server):
    server.events = [delta("Luthfi "), "data: " + json.dumps({"error": {"message": "context overflow", "code": 500}})]
    generator = generator_for(server)
    pieces = []
    with pytest.raises(ModelError, match="failed while answering: context overflow"):
        for piece in generator.stream(MESSAGES):
            pieces.append(piece)
    assert pieces == ["Luthfi "]  # what came before the error was streamed


def test_openai_http_error_is_a_clear_error(server):
    server.status = 503
    with pytest.raises(ModelError, match="answered HTTP 503"):
        list(generator_for(server).stream(MESSAGES))


def test_openai_server_that_stops_sending_times_out(server):
    server.events = [delta("Luthfi "), delta("menegaskan")]
    server.delay = 1.5
    with pytest.raises(ModelError, match="stopped answering|Cannot reach"):
        list(generator_for(server, timeout_s=0.5).stream(MESSAGES))


def test_openai_backend_needs_an_address():
    with pytest.raises(ModelError, match="RAG_LLM_URL"):
        create("generator", "openai", Settings().with_(generation={"backend": "openai"}))


def test_chat_completions_url_forms():
    assert chat_completions_url("http://h:1") == "http://h:1/v1/chat/completions"
    assert chat_completions_url("http://h:1/v1/") == "http://h:1/v1/chat/completions"
    assert chat_completions_url("http://h:1/v1/chat/completions") == "http://h:1/v1/chat/completions"


def test_the_prompt_is_fitted_for_the_openai_backend_too(server):
    """Prompt fitting happens once, for every generator (rag.prompt.fit_messages): a server with
    a small context gets the weakest quote dropped rather than an overflowing prompt."""
    from rag.prompt import build_messages, fit_messages
    from rag.types import Quote

    quotes = [Quote(n=n, text=f"Kutipan nomor {n} " + "tentang jabatan " * 40, doc_id="d", chunk_id="d:0",
                    start=0, end=10) for n in (1, 2)]
    question = "Apa kata Luthfi soal jual beli jabatan?"
    generator = generator_for(server)
    copy = generator.config.synthesis == "copy"  # the prompt the settings' synthesis sends
    full = generator.count_tokens(build_messages(question, quotes, copy=copy))
    one = generator.count_tokens(build_messages(question, quotes[:1], copy=copy))
    assert one < full
    roomy = generator_for(server, n_ctx=full + 160)
    assert fit_messages(question, quotes, roomy, roomy.config)[1] == quotes
    tight = generator_for(server, n_ctx=(full + one) // 2 + 160)
    messages, kept = fit_messages(question, quotes, tight, tight.config)
    assert kept == quotes[:1] and "[2]" not in messages[-1]["content"]


# ----------------------------------------------------------------------------- a pool of servers


def done(text: str) -> list[str]:
    """A whole answer: its pieces word by word, then the end."""
    words = text.split(" ")
    return [delta(w + (" " if i < len(words) - 1 else "")) for i, w in enumerate(words)] + ["data: [DONE]"]


@pytest.fixture
def servers():
    fakes = [FakeServer(), FakeServer()]
    yield fakes
    for fake in fakes:
        fake.close()


def pool_for(servers, **changes) -> OpenAIChatGenerator:
    return generator_for(type("Many", (), {"url": ",".join(s.url for s in servers)})(), **changes)


def test_a_pool_spreads_answers_over_its_servers(servers):
    for fake in servers:
        fake.events = done("Luthfi menegaskan [1].")
    generator = pool_for(servers, llm_slots=2)
    assert generator.capacity == 4
    answers = ["".join(generator.stream(MESSAGES)) for _ in range(6)]
    assert set(answers) == {"Luthfi menegaskan [1]."}
    assert [len(f.requests) for f in servers] == [3, 3]
    assert [s.busy for s in generator.pool.servers] == [0, 0]


def test_a_server_that_fails_before_answering_is_replaced(servers):
    servers[0].status = 503
    servers[1].events = done("Luthfi menegaskan [1].")
    generator = pool_for(servers)
    for _ in range(3):
        assert "".join(generator.stream(MESSAGES)) == "Luthfi menegaskan [1]."
    first, second = generator.pool.servers
    assert (first.failures, second.answered) == (1, 3)  # left out after failing: asked once only
    assert len(servers[0].requests) == 1 and "HTTP 503" in first.last_error


def test_a_server_that_dies_mid_answer_is_replaced_without_repeating_what_was_sent(servers):
    servers[0].events = done("Luthfi menegaskan bahwa jual beli jabatan tidak boleh [1].")[:3]  # cut off
    servers[1].events = done("Luthfi menegaskan bahwa jual beli jabatan tidak boleh [1].")
    generator = pool_for(servers)
    pieces = list(generator.stream(MESSAGES))
    assert RESTART not in pieces
    assert pieces[:3] == ["Luthfi ", "menegaskan ", "bahwa "]  # from the first server, as they came
    assert "".join(pieces) == "Luthfi menegaskan bahwa jual beli jabatan tidak boleh [1]."
    assert [s.failures for s in generator.pool.servers] == [1, 0]


def test_a_replacement_that_writes_another_text_restarts_the_answer(servers):
    servers[0].events = done("Luthfi menegaskan bahwa jual beli jabatan dilarang [1].")[:3]
    servers[1].events = done("Gubernur Luthfi melarang jual beli jabatan [1].")
    pieces = list(pool_for(servers).stream(MESSAGES))
    assert pieces.count(RESTART) == 1
    assert "".join(pieces[pieces.index(RESTART) + 1:]) == "Gubernur Luthfi melarang jual beli jabatan [1]."


def test_the_pipeline_shows_one_answer_after_a_restart(servers, fake_index_dir):
    from conftest import fake_settings
    from rag.pipeline import Pipeline

    servers[0].events = done("Luthfi menegaskan bahwa jual beli jabatan dilarang [1].")[:2]
    servers[1].events = done("Luthfi melarang jual beli jabatan [1].")
    settings = fake_settings(fake_index_dir, generation={"backend": "openai",
                                                         "llm_url": ",".join(s.url for s in servers),
                                                         "synthesis": "free"})
    events = list(Pipeline(settings).ask_stream("apa kata Luthfi soal jual beli jabatan?"))
    kinds = [e.kind for e in events]
    assert "restart" in kinds and kinds[-1] == "done"
    after = [e.text for e in events[kinds.index("restart") + 1:] if e.kind == "token"]
    assert "".join(after) == "Luthfi melarang jual beli jabatan [1]." == events[-1].answer.model_text


def test_when_every_server_fails_the_error_names_them_all(servers):
    for fake in servers:
        fake.status = fake.health = 500
    with pytest.raises(ModelError, match="None of the 2 LLM servers.*HTTP 500.*HTTP 500"):
        list(pool_for(servers).stream(MESSAGES))
    generator = pool_for(servers)
    with pytest.raises(ModelError, match="No LLM server answers"):
        generator.warm_up()


def test_a_failed_server_gets_no_answer_until_its_health_check_passes(servers):
    servers[0].status = servers[0].health = 503
    for fake in servers:
        fake.events = done("Luthfi menegaskan [1].")
    generator = pool_for(servers, llm_retry_s=0.2)
    assert "".join(generator.stream(MESSAGES)) == "Luthfi menegaskan [1]."
    assert not generator.pool.servers[0].up and servers[0].probes == 0
    time.sleep(0.25)  # its wait is over: probed before any answer, and the probe fails
    assert "".join(generator.stream(MESSAGES)) == "Luthfi menegaskan [1]."
    assert servers[0].probes == 1 and len(servers[0].requests) == 1 and not generator.pool.servers[0].up
    servers[0].status = servers[0].health = 200
    time.sleep(0.25)
    for _ in range(4):
        assert "".join(generator.stream(MESSAGES)) == "Luthfi menegaskan [1]."
    assert servers[0].probes == 2 and len(servers[0].requests) >= 3 and generator.pool.servers[0].up


def test_one_server_down_gives_its_own_clear_error(server):
    server.status = server.health = 503
    generator = generator_for(server)
    with pytest.raises(ModelError, match="answered HTTP 503: "):
        list(generator.stream(MESSAGES))
    with pytest.raises(ModelError, match=r"^The LLM server at .* answered HTTP 503 to its health check$"):
        list(generator.stream(MESSAGES))  # within its wait: probed at once, and named


def test_a_reader_that_stops_early_frees_the_server(servers):
    for fake in servers:
        fake.events = done("Luthfi menegaskan bahwa jual beli jabatan dilarang [1].")
    generator = pool_for(servers)
    stream = generator.stream(MESSAGES)
    assert next(stream) == "Luthfi "
    assert [s.busy for s in generator.pool.servers] == [1, 0]
    stream.close()
    assert [s.busy for s in generator.pool.servers] == [0, 0] and generator.pool.servers[0].up


def test_an_error_event_is_retried_elsewhere_without_marking_the_server_down(servers):
    servers[0].events = [delta("Luthfi "), "data: " + json.dumps({"error": {"message": "context overflow"}})]
    servers[1].events = done("Luthfi menegaskan [1].")
    generator = pool_for(servers)
    assert "".join(generator.stream(MESSAGES)) == "Luthfi menegaskan [1]."
    assert generator.pool.servers[0].up and generator.pool.servers[0].failures == 1


def test_rag_servers_says_which_servers_answer(servers, capsys):
    from rag.cli import main

    servers[1].health = 500
    assert main(["servers", "--llm-url", ",".join(s.url for s in servers), "--json"]) == 0
    states = json.loads(capsys.readouterr().out)["servers"]
    assert [s["up"] for s in states] == [True, False] and "500" in states[1]["last_error"]
    servers[0].health = 500
    assert main(["servers", "--llm-url", ",".join(s.url for s in servers)]) == 1
    assert capsys.readouterr().out.count("DOWN") == 2
