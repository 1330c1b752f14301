"""The command line, in process (models load once), and one real subprocess run."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS
from rag.cli import main


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err):
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("rag: error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_search_json_has_ranked_results(capsys, seed_index_dir):
    code, out, _ = run(capsys, "--index-dir", seed_index_dir, "search", "jual beli jabatan", "-k", "3", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "jual beli jabatan" and len(data["results"]) == 3
    for result in data["results"]:
        assert {"doc_id", "chunk_id", "score", "text"} <= set(result)
    assert "jabatan" in data["results"][0]["text"]
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)


def test_search_jsonl_reads_many_queries(capsys, seed_index_dir, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("jual beli jabatan\n\n{\"qid\": \"x1\", \"question\": \"kerja super tim\"}\n   \n"))
    code, out, _ = run(capsys, "--index-dir", seed_index_dir, "search", "--jsonl", "-k", "2")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 2
    assert lines[1]["qid"] == "x1" and lines[1]["query"] == "kerja super tim"


@pytest.mark.parametrize("question, message", [
    ("", "empty"),
    ("   \t ", "empty"),
    ("x" * 20_000, "20,000 characters"),
    ("?!? ...", "no letters"),
])
def test_bad_questions_get_one_line_errors(capsys, seed_index_dir, question, message):
    for command in ("search", "ask"):
        code, out, err = run(capsys, "--index-dir", seed_index_dir, command, question)
        assert code == 2 and out == ""
        assert message in one_line_error(err)


def test_missing_index_is_a_clear_error(capsys, tmp_path):
    code, _, err = run(capsys, "--index-dir", tmp_path / "none", "ask", "apa kata Luthfi?")
    assert code == 2 and "rag index" in one_line_error(err)


def test_index_from_another_model_is_a_clear_error(capsys, tmp_path, embedder):
    from rag.indexer import build_index
    from rag.config import Settings

    index_dir = tmp_path / "index"
    build_index([SEEDS / "001_bd70cc3ecaf6260a.txt"], Settings().with_(index_dir=index_dir), embedder)
    version = next(p for p in index_dir.iterdir() if p.is_dir())
    manifest = json.loads((version / "manifest.json").read_text())
    manifest["embedding"]["model_id"] = "old-model"
    (version / "manifest.json").write_text(json.dumps(manifest))
    code, _, err = run(capsys, "--index-dir", index_dir, "search", "jabatan")
    assert code == 2 and "re-index" in one_line_error(err)


def test_index_reports_bad_files_and_keeps_the_index(capsys, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ok.txt").write_bytes((SEEDS / "001_bd70cc3ecaf6260a.txt").read_bytes())
    (corpus / "latin1.txt").write_bytes("Berita é".encode("latin-1"))
    (corpus / "empty.txt").write_bytes(b"")
    index_dir = tmp_path / "index"
    (corpus / "copy.txt").write_bytes((SEEDS / "001_bd70cc3ecaf6260a.txt").read_bytes())
    code, out, err = run(capsys, "--index-dir", index_dir, "index", corpus, "-q")
    assert code == 1 and "1 added" in out  # the good article is indexed; the bad files fail loudly
    assert "rag: error: " in err and "latin1.txt: the file is not UTF-8" in err and "empty.txt: the file is empty" in err
    assert "rag: note: " in err and "duplicate of" in err and "Traceback" not in err
    pointer = (index_dir / "CURRENT").read_text()
    (corpus / "ok.txt").unlink()
    (corpus / "copy.txt").unlink()
    code, out, err = run(capsys, "--index-dir", index_dir, "index", corpus, "-q")
    assert code == 2 and "index was not changed" in one_line_error(err)
    assert (index_dir / "CURRENT").read_text() == pointer


def test_index_of_a_missing_path_is_a_clear_error(capsys, tmp_path):
    code, _, err = run(capsys, "--index-dir", tmp_path / "i", "index", tmp_path / "nope")
    assert code == 2 and "no such file or folder" in one_line_error(err)


def test_the_second_nli_stage_without_the_first_is_a_clear_error(capsys, tmp_path):
    code, _, err = run(capsys, "train-nli", "--stage", "domain", "--start", tmp_path / "none.safetensors",
                       "--out", tmp_path / "out.safetensors")
    assert code == 2 and "--stage indonli" in one_line_error(err)
    assert not (tmp_path / "out.safetensors").exists()


def test_cli_runs_as_a_module_and_console_script(seed_index_dir):
    proc = subprocess.run([sys.executable, "-m", "rag", "--index-dir", str(seed_index_dir), "search", "kerja super tim",
                           "--json", "-k", "1"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "super tim" in json.loads(proc.stdout)["results"][0]["text"]


DRAFT = ("SIARAN PERS\n\nGubernur Jawa Tengah Ahmad Luthfi meminta seluruh ASN lebih kreatif dan inovatif.\n\n"
         "“Saling koordinasi. Ini sudah sering saya lakukan, jangan sungkan. Saya tekankan ini,” ujar Gus Yasin.\n")


def test_check_a_draft_file_as_json_and_export_it(capsys, seed_index_dir, tmp_path):
    import docx

    path = tmp_path / "siaran.docx"
    document = docx.Document()
    for paragraph in DRAFT.split("\n\n"):
        document.add_paragraph(paragraph.strip())
    document.save(path)
    html_out, md_out = tmp_path / "laporan.html", tmp_path / "laporan.md"
    code, out, _ = run(capsys, "--index-dir", seed_index_dir, "check", "--file", path, "--json",
                       "--html", html_out, "--markdown", md_out)
    assert code == 0
    data = json.loads(out)
    sentences = data["sentences"]
    assert [s["checked"] for s in sentences] == [False, True, True]
    for s in sentences:
        assert set(s) == {"text", "start", "end", "checked", "verdict", "reasons", "evidence", "quote"}
    assert sentences[0]["verdict"] is None and sentences[1]["verdict"] == "didukung"
    quote = sentences[2]["quote"]
    assert sentences[2]["verdict"] == "bertentangan" and quote["status"] == "diubah"
    assert quote["diff"] == [{"sumber": "nggak usah", "draf": "jangan"}] and quote["speaker"] == "Taj Yasin Maimoen"
    page, markdown = html_out.read_text(encoding="utf-8"), md_out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "dc-sentence" in page and "<mark>" in page
    assert "| 3 | bertentangan | kutipan diubah |" in markdown


def test_check_a_draft_on_stdin_prints_a_table(capsys, seed_index_dir, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(DRAFT))
    code, out, _ = run(capsys, "--index-dir", seed_index_dir, "check", "--file", "-")
    assert code == 0
    assert out.startswith("Periksa dokumen: stdin — 3 kalimat:")
    assert "  3  bertentangan     “Saling koordinasi." in out and "[kutipan diubah]" in out


@pytest.mark.parametrize("args, message", [
    (["--file", "draf.doc"], "must be .txt, .md, .docx or .pdf"),
    (["--file", "hilang.txt"], "no such file"),
    (["Luthfi: jabatan itu amanah", "--file", "x.txt"], "either a claim or --file"),
    (["Luthfi: jabatan itu amanah", "--html", "out.html"], "export a checked draft"),
])
def test_bad_draft_checks_get_one_line_errors(capsys, seed_index_dir, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draf.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    code, _, err = run(capsys, "--index-dir", seed_index_dir, "check", *args)
    assert code != 0 and message in one_line_error(err)
