"""A pool of two real `llama_cpp.server` processes on loopback, serving the shipped LLM: the
answers are spread over both, and when the server writing an answer is killed mid-answer the
other one finishes it: the reader gets one whole answer, not an error (issue 18)."""

from __future__ import annotations

import signal

import pytest

from conftest import start_llama_server
from rag.config import Settings
from rag.pipeline import Pipeline

pytestmark = pytest.mark.slow

QUESTION = "Mengapa Luthfi meminta maaf kepada ASN saat apel?"


@pytest.fixture(scope="module")
def two_servers(seed_index_dir, tmp_path_factory):
    model = Pipeline(Settings().with_(index_dir=seed_index_dir)).generator.model_path
    folder = tmp_path_factory.mktemp("servers")
    started = []
    try:
        for name in ("a", "b"):  # one thread each: the two share the machine's 2 cores
            started.append(start_llama_server(model, folder / f"{name}.log", threads=1))
        yield started
    finally:
        for process, _url in started:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)


def test_a_server_killed_mid_answer_is_replaced_and_the_reader_sees_one_answer(two_servers, seed_index_dir):
    (first, first_url), (second, second_url) = two_servers
    settings = Settings().with_(index_dir=seed_index_dir, generation={"llm_url": f"{first_url},{second_url}"})
    pipeline = Pipeline(settings)
    pipeline.warm_up(llm=True)
    pool = pipeline.generator.pool

    # The reference: the answer as the second server alone writes it.
    alone = Pipeline(settings.with_(generation={"llm_url": second_url})).ask(QUESTION)
    assert not alone.abstained and alone.model_text

    events, killed = [], None
    for event in pipeline.ask_stream(QUESTION):
        events.append(event)
        if event.kind == "token" and killed is None:
            busy = [s.url for s in pool.servers if s.busy]
            assert len(busy) == 1
            killed = first if busy[0].startswith(first_url + "/") else second
            killed.send_signal(signal.SIGKILL)
            killed.wait(timeout=30)
    answer = events[-1].answer
    assert events[-1].kind == "done" and not answer.abstained and answer.synthesis
    assert killed is first, "the pool gives the first answer to the first server"
    gone, alive = 0, 1
    states = [s.to_dict() for s in pool.servers]
    assert pool.servers[gone].failures == 1 and not pool.servers[gone].up, states
    assert pool.servers[alive].failures == 0 and pool.servers[alive].answered >= 1, states
    # What the reader saw: the pieces after the last restart (if any), and it is the second
    # server's answer, word for word.
    kinds = [e.kind for e in events]
    start = len(kinds) - 1 - kinds[::-1].index("restart") if "restart" in kinds else 0
    shown = "".join(e.text for e in events[start:] if e.kind == "token").strip()
    assert shown == answer.model_text == alone.model_text
    # The next questions go to the server still alive.
    assert not pipeline.ask(QUESTION).abstained and pool.servers[alive].answered >= 2
