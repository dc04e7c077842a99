"""Shared fixtures of the suites: the bundled pages as one fixed workload, and no network."""

from __future__ import annotations

import os

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import pytest  # noqa: E402

from builder.bench import Workload, sample_workload  # noqa: E402


@pytest.fixture(scope="session")
def workload() -> Workload:
    return sample_workload()


@pytest.fixture(scope="session")
def gold():
    from builder.label import load_gold_corpus

    return load_gold_corpus()[0]
