"""Parsers written for the tests, as a module in a temporary folder put on ``sys.path`` (as a user's would be)."""

from __future__ import annotations

import pytest

#: The page the failing parsers fail on: the middle one, so pages after it show the harness carried on.
FAIL_ON = "002_6979a1da4f8a2e20"

PARSERS = f'''
import time

FAIL_ON = {FAIL_ON!r}


def lines(raw, page_id):
    """Every non-empty line is body."""
    zones, start = [], 0
    for line in raw.split("\\n"):
        if line.strip():
            zones.append({{"start": start, "end": start + len(line), "label": "body"}})
        start += len(line) + 1
    return {{"id": page_id, "zones": zones}}


def raising(raw, page_id):
    if page_id == FAIL_ON:
        raise RuntimeError("cannot read this page")
    return lines(raw, page_id)


def past_end(raw, page_id):
    record = lines(raw, page_id)
    if page_id == FAIL_ON:
        record["zones"][-1] = {{"start": len(raw) - 3, "end": len(raw) + 7, "label": "body"}}
    return record


def sleeping(raw, page_id):
    if page_id == FAIL_ON:
        time.sleep(60)
    return lines(raw, page_id)


def not_a_record(raw, page_id):
    return "body" if page_id == FAIL_ON else lines(raw, page_id)
'''


@pytest.fixture
def test_parsers(tmp_path, monkeypatch):
    """The module ``test_parsers`` (see :data:`PARSERS`) importable, in the harness and in its workers."""
    folder = tmp_path / "parsers"
    folder.mkdir()
    (folder / "test_parsers.py").write_text(PARSERS, encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    return folder


SETUP_PARSER = '''
import time


def load():
    time.sleep(0.5)  # a model being loaded

    def predict(raw, page_id):
        return {"id": page_id, "repairs": []}

    return predict


def parse(raw, page_id):
    raise AssertionError("setup() returns the predictor; this one is never called")


parse.setup = load
'''


@pytest.fixture
def setup_parser(test_parsers):
    (test_parsers / "slow_setup.py").write_text(SETUP_PARSER, encoding="utf-8")
    return "slow_setup:parse"
