"""The Label Studio round trip against a real server on 127.0.0.1, driven through ``label-studio-sdk``.

The server is the ``label-studio`` package in its own virtual environment (it pins many libraries), found at
``$LABEL_STUDIO_VENV`` (default ``~/.cache/vna-corpus/label-studio-venv``; ``.ci/run`` installs it there). Each
run starts it on a free port with its default SQLite database in a temporary folder, a known user and a legacy API
token. Without the server or the SDK the tests are skipped with the line that installs them.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.label import load_gold
from builder.read import bundled_gold_dir, bundled_pages_dir, read_page

DATA = Path(__file__).parent / "data" / "annotate"
EMOJI_ID = "900_offsets_outside_the_bmp"
VENV = Path(os.environ.get("LABEL_STUDIO_VENV", Path.home() / ".cache" / "vna-corpus" / "label-studio-venv"))
SERVER = VENV / "bin" / "label-studio"
INSTALL = f"python3 -m venv {VENV} && {VENV}/bin/pip install label-studio"
USER, PASSWORD, TOKEN = "annotator@example.org", "vna-corpus-test", "5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ff"
START_TIMEOUT = float(os.environ.get("LABEL_STUDIO_START_TIMEOUT", "300"))

pytestmark = [
    pytest.mark.label_studio,
    pytest.mark.skipif(not SERVER.exists(), reason=f"no Label Studio server at {SERVER} ({INSTALL})"),
]
sdk = pytest.importorskip("label_studio_sdk", reason="pip install -e '.[test]' brings label-studio-sdk")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A Label Studio server of its own: ``(base URL, SDK client)``; stopped (its process group) at the end."""
    folder = tmp_path_factory.mktemp("label-studio")
    port = free_port()
    env = {**os.environ, "LATEST_VERSION_CHECK": "false", "COLLECT_ANALYTICS": "false",
           "LABEL_STUDIO_BASE_DATA_DIR": str(folder / "data"), "LABEL_STUDIO_USERNAME": USER,
           "LABEL_STUDIO_PASSWORD": PASSWORD, "LABEL_STUDIO_USER_TOKEN": TOKEN,
           "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true", "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [str(SERVER), "start", "--no-browser", "--internal-host", "127.0.0.1", "--port", str(port),
         "--data-dir", str(folder / "data"), "--username", USER, "--password", PASSWORD, "--user-token", TOKEN,
         "--enable-legacy-api-token"],
        cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"Label Studio exited with {process.returncode}: "
                            f"{(folder / 'server.log').read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"Label Studio did not answer on {url} within {START_TIMEOUT:.0f} s")
            time.sleep(1)
        yield url, sdk.LabelStudio(base_url=url, api_key=TOKEN)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


def utf16(text: str) -> int:
    """A length in UTF-16 code units, computed apart from the module under test."""
    return len(text.encode("utf-16-le")) // 2


def edit(result: list[dict], raw: str) -> tuple[list[dict], dict, dict]:
    """What an annotator does in Label Studio: the dateline takes the first word of its body, and a MISC entity is
    added after the emoji. Returns the edited result, the zone change and the added entity (code points)."""
    result = json.loads(json.dumps(result))
    zones = sorted((r for r in result if r["from_name"] == "zone"), key=lambda r: r["value"]["start"])
    i = next(i for i, r in enumerate(zones) if r["value"]["labels"] == ["dateline"])
    dateline, body = zones[i]["value"], zones[i + 1]["value"]
    word = body["text"].split(" ", 1)[0]
    dateline["end"] = body["start"] + utf16(word)
    dateline["text"] = dateline["text"] + " " + word
    body["start"] = dateline["end"] + 1
    body["text"] = body["text"][len(word) + 1:]
    start = raw.index("cybersécurité")
    result.append({"id": "added-misc", "from_name": "entity", "to_name": "text", "type": "labels",
                   "value": {"start": utf16(raw[:start]), "end": utf16(raw[:start + 13]), "text": "cybersécurité",
                             "labels": ["MISC"]}})
    body_start = raw.index(word, raw.index("(VNA) –"))
    moved = {"start": body_start, "end": body_start + len(word), "a": "body", "b": "dateline", "text": word}
    added = {"start": start, "end": start + 13, "label": "MISC", "text": "cybersécurité"}
    return result, moved, added


def test_export_label_studio_import_agreement(server, tmp_path: Path) -> None:
    url, client = server
    pages, gold = tmp_path / "pages", tmp_path / "gold"
    shutil.copytree(bundled_pages_dir(), pages)
    shutil.copytree(bundled_gold_dir(), gold)
    shutil.copy(DATA / "pages" / f"{EMOJI_ID}.txt", pages)
    shutil.copy(DATA / "gold" / f"{EMOJI_ID}.json", gold)
    runner = CliRunner()

    config = runner.invoke(main, ["annotate", "config"])
    assert config.exit_code == 0
    project = client.projects.create(title="vna-corpus round trip", label_config=config.output)
    tasks_file = tmp_path / "tasks.json"
    exported = runner.invoke(main, ["annotate", "export", str(pages), "--labels", "gold", "--gold", str(gold),
                                    "--out", str(tasks_file)])
    assert exported.exit_code == 0, exported.output
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    imported = client.projects.import_tasks(id=project.id, request=tasks, return_task_ids=True)
    assert imported.task_count == len(tasks) == 6 and imported.prediction_count == 6

    raws = {p.stem: read_page(p).raw for p in pages.glob("*.txt")}
    change = None
    for listed in client.tasks.list(project=project.id):
        task = client.tasks.get(id=listed.id)
        (prediction,) = task.predictions
        result = prediction["result"] if isinstance(prediction, dict) else prediction.result
        page_id = task.data["page_id"]
        if page_id == EMOJI_ID:
            result, *change = edit(result, raws[page_id])
        client.annotations.create(id=task.id, result=result, was_cancelled=False, lead_time=12.5)
    assert change is not None

    export = tmp_path / "export.json"
    export.write_bytes(b"".join(client.projects.exports.download_sync(id=project.id, export_type="JSON")))
    out = tmp_path / "imported"
    done = runner.invoke(main, ["annotate", "import", str(export), "--pages", str(pages), "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert done.output == f"Wrote 6 gold files to {out}\n"
    assert runner.invoke(main, ["validate-gold", str(out), "--pages", str(pages)]).exit_code == 0

    original, back = load_gold(gold), load_gold(out)
    for page_id in load_gold(bundled_gold_dir()):
        for key in ("zones", "repairs", "entities"):
            assert back[page_id][key] == original[page_id].get(key, []), (page_id, key)
        assert back[page_id]["annotator"] == "user-1" and back[page_id]["annotation"]["tool"] == "label-studio"
        assert back[page_id]["annotation"]["created_at"] and back[page_id]["annotation"]["pre_annotation"] == "gold"

    agreement = runner.invoke(main, ["agreement", str(gold), str(out), "--pages", str(pages), "--format", "json"])
    assert agreement.exit_code == 0, agreement.output
    result = json.loads(agreement.output)
    assert result["a_only"] == result["b_only"] == []
    moved, added = change
    for page_id, scores in result["pages"].items():
        differences = scores["differences"]
        if page_id != EMOJI_ID:
            assert scores["zones"]["kappa"] == scores["entities"]["kappa"] == 1.0
            assert scores["repairs"]["f1"] == scores["entities"]["strict"]["f1"] == 1.0
            assert differences == {"zones": [], "repairs": {"a_only": [], "b_only": []},
                                   "entities": {"a_only": [], "b_only": []}}
            continue
        assert differences == {"zones": [moved], "repairs": {"a_only": [], "b_only": []},
                               "entities": {"a_only": [], "b_only": [added]}}
        assert scores["zones"]["disagreements"] == len(moved["text"]) and scores["zones"]["kappa"] < 1.0
        assert scores["entities"]["strict"]["spurious"] == 1 and scores["repairs"]["f1"] == 1.0
