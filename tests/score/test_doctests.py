"""The ``>>>`` examples of the metric modules run and pass."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["fscore", "zones", "segmentation", "repairs", "entities", "predictions", "bootstrap"]


@pytest.mark.parametrize("name", MODULES)
def test_doc_examples(name: str) -> None:
    module = importlib.import_module(f"builder.score.{name}")
    failed, attempted = doctest.testmod(module)
    assert attempted > 0
    assert failed == 0
