"""The app's handlers without a browser (fast): the first step of an answer, follow-ups,
abstention and bad questions, on the real seed index; the LLM step is in test_app.py."""

from __future__ import annotations

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def chat_app(seed_index_dir):
    import sys

    sys.path.insert(0, str(ROOT))
    import app
    from rag.pipeline import Pipeline
    from rag.config import Settings

    pipeline = Pipeline(Settings().with_(index_dir=seed_index_dir))
    return app, app.ChatApp(pipeline)


def _last(generator):
    out = None
    for out in generator:
        pass
    return out


def test_blocks_build(chat_app):
    app, handlers = chat_app
    import gradio as gr

    assert isinstance(app.build_app(handlers.pipeline), gr.Blocks)


def test_quotes_come_first_and_the_llm_step_is_queued(chat_app):
    app, handlers = chat_app
    steps = list(handlers.ask("Apa kata Luthfi soal jual beli jabatan?", [], app.new_conversation()))
    box, chat, sources, conversation, status = steps[-1]
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert 'class="rag-quote"' in chat[-1]["content"] and 'href="#sumber-1"' in chat[-1]["content"]
    assert "Menunggu giliran" in status and conversation["pending"]["answer"].quotes
    assert "<mark>" in sources and "rag-src-1" in sources
    # No second question while this one is being written: the box is locked until the LLM step.
    assert steps[0][0]["interactive"] is False and "interactive" not in box


def test_followup_is_resolved_and_shown(chat_app):
    app, handlers = chat_app
    conversation = app.new_conversation()
    _, chat, *_ = _last(handlers.ask("Apa pesan Emil Dardak tentang risiko dalam berinovasi?", [], conversation))
    _, chat, _, conversation, _ = _last(handlers.ask("apa kunci suksesnya menurut dia?", chat, conversation))
    assert len(chat) == 4 and "Dibaca sebagai" in chat[-1]["content"] and "Emil" in chat[-1]["content"]
    assert conversation["questions"][-1].startswith("Apa kunci sukses")


def test_a_long_session_keeps_only_its_recent_questions(chat_app):
    app, handlers = chat_app
    conversation, chat = app.new_conversation(), []
    keep = handlers.settings.app.keep_questions
    unanswerable = "Berapa gaji Gubernur Jawa Tengah per bulan?"
    for _ in range(keep + 3):
        _, chat, _, conversation, _ = _last(handlers.ask(unanswerable, chat, conversation))
    _, chat, _, conversation, _ = _last(handlers.ask("Apa pesan Emil Dardak tentang risiko dalam berinovasi?",
                                                     chat, conversation))
    _, chat, _, conversation, _ = _last(handlers.ask("apa kunci suksesnya menurut dia?", chat, conversation))
    assert len(conversation["questions"]) == keep
    assert conversation["questions"][-1].startswith("Apa kunci sukses") and "Emil" in chat[-1]["content"]


def test_unanswerable_question_is_not_found_and_needs_no_llm(chat_app):
    app, handlers = chat_app
    box, chat, sources, conversation, status = _last(
        handlers.ask("Berapa gaji Gubernur Jawa Tengah per bulan?", [], app.new_conversation()))
    assert "rag-notfound" in chat[-1]["content"] and "rag-timing" in chat[-1]["content"]
    assert conversation["pending"] is None and box["interactive"] is True
    # The LLM step then has nothing to do and gives the input box back.
    *_, box = _last(handlers.write(chat, conversation))
    assert box["interactive"] is True


@pytest.mark.parametrize("question", ["", "   ", "?!…", "x" * 5000])
def test_bad_questions_leave_the_chat_unchanged(chat_app, question):
    app, handlers = chat_app
    with pytest.warns(UserWarning):
        box, chat, *_ = _last(handlers.ask(question, [], app.new_conversation()))
    assert chat == []


def test_claim_checker_tab(chat_app):
    _, handlers = chat_app
    html = handlers.check("Khofifah: jabatan itu amanah")
    assert "rag-verdict-bertentangan" in html and "Jabatan itu amanah" in html and "<li>" in html
    assert "rag-verdict-didukung" in handlers.check("Luthfi: jabatan itu amanah")
    assert "rag-error" in handlers.check("   ")
    assert "&lt;script&gt;" in handlers.check("<script>alert(1)</script> Luthfi menaikkan gaji ASN")


def test_logs_at_info_hold_no_question_or_document_text(chat_app, caplog):
    import logging

    app, handlers = chat_app
    question = "Apa kata Luthfi soal jual beli jabatan?"
    with caplog.at_level(logging.INFO):
        _last(handlers.ask(question, [], app.new_conversation()))
        _last(handlers.ask("Berapa gaji pokok Gubernur Jawa Tengah?", [], app.new_conversation()))
    records = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert any("quotes in" in r.getMessage() for r in records)  # each question is logged...
    documents = [d.text for d in handlers.pipeline.index.documents.values()]
    for record in records:  # ...by its length and id, never by its words or a passage's
        message = record.getMessage()
        assert "Luthfi" not in message and "gaji" not in message and "jabatan" not in message
        assert not any(message and message[:40] in text for text in documents if len(message) >= 40)
    with caplog.at_level(logging.DEBUG, logger="rag.app"):
        _last(handlers.ask(question, [], app.new_conversation()))
    assert any(question in r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG)


def test_logins_are_read_and_checked(chat_app, tmp_path):
    from rag.errors import InputError

    app, _ = chat_app
    logins = tmp_path / "logins.txt"
    logins.write_text("# kantor\nsiti:rahasia:dengan titik dua\nbudi: spasi \n", encoding="utf-8")
    check = app.login_check(app.read_logins(logins))
    assert check("siti", "rahasia:dengan titik dua") and check("budi", " spasi ")
    assert not check("siti", "rahasia") and not check("tamu", "") and not check("budi", None)
    for text, words in [("", "no 'user:password'"), ("siti\n", "is 'user:password'"), (":x\n", "is 'user:password'")]:
        logins.write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match=words):
            app.read_logins(logins)
    with pytest.raises(InputError, match="cannot read"):
        app.read_logins(tmp_path / "missing.txt")


@pytest.fixture(scope="module")
def app_module():
    """app.py alone, without the index: for the login file."""
    import sys

    sys.path.insert(0, str(ROOT))
    import app

    return app


def test_logins_may_be_bcrypt_hashes(app_module, tmp_path):
    import asyncio
    import inspect

    import bcrypt

    app = app_module
    hashed = {prefix: bcrypt.hashpw("sandi rahasia:1".encode(), bcrypt.gensalt(4, prefix=b"2b"))
              .decode().replace("$2b$", f"${prefix}$", 1) for prefix in ("2a", "2b", "2y")}
    logins = tmp_path / "logins.txt"
    logins.write_text(f"siti:{hashed['2b']}\nbudi:{hashed['2a']}\nani:{hashed['2y']}\ntamu:polos\n", encoding="utf-8")
    read = app.read_logins(logins)
    assert read["siti"] == hashed["2b"]  # kept as the hash, checked by bcrypt
    check = app.login_check(read)
    for user in ("siti", "budi", "ani"):
        assert check(user, "sandi rahasia:1"), user
        assert not check(user, "sandi rahasia") and not check(user, "") and not check(user, None)
        assert not check(user, hashed["2b"])  # the hash itself is not the password
    assert check("tamu", "polos") and not check("tamu", "sandi rahasia:1")  # plain lines still work
    assert not check("orang lain", "sandi rahasia:1") and not check("siti", "x" * 100)  # over bcrypt's 72 bytes
    # What the app gives Gradio: a coroutine, so that bcrypt does not hold up Gradio's event loop.
    auth = app.off_the_event_loop(check)
    assert inspect.iscoroutinefunction(auth)
    assert asyncio.run(auth("siti", "sandi rahasia:1")) and not asyncio.run(auth("siti", "salah"))


@pytest.mark.parametrize("password", [
    "$2b$12$tooshort",
    "$2b$12$" + "a" * 52,  # one character of the hash lost in copying
    "$2b$12$" + "a" * 53 + " ",  # a trailing space
    "$2b$99$" + "a" * 53,  # no such cost
    "$2b$12$" + "a" * 52 + "!",
])
def test_a_broken_bcrypt_hash_is_refused_with_its_line(app_module, tmp_path, password):
    from rag.errors import InputError

    logins = tmp_path / "logins.txt"
    logins.write_text(f"# kantor\nbudi:polos\nsiti:{password}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"logins.txt:3: the password of 'siti' starts like a bcrypt hash") as error:
        app_module.read_logins(logins)
    assert "bcrypt.hashpw" in str(error.value)  # and says how to make a new one


def test_sharing_with_the_network_needs_a_login(chat_app, capsys):
    app, _ = chat_app
    assert app.main(["--host", "0.0.0.0", "--port", "7999"]) == 2
    err = capsys.readouterr().err
    assert "--auth-file" in err and "Traceback" not in err
