"""The peers on the same pages: spaCy NER against our entity step, trafilatura against our zone step.

Skipped when a peer is not installed (``pip install 'vna-corpus[baselines]'``).
"""

from __future__ import annotations

import pytest

from builder.baselines.optional import MissingPeer
from builder.bench import spacy_runner, trafilatura_runner


def _load(loader):
    try:
        return loader()
    except MissingPeer as err:
        pytest.skip(str(err))


def test_spacy_ner(benchmark, workload):
    run = _load(spacy_runner)
    entities = benchmark.pedantic(run, args=(workload,), rounds=3, warmup_rounds=1)
    assert all(entities) and all(e["label"] in {"PER", "ORG", "LOC", "MISC"} for page in entities for e in page)


def test_trafilatura_extract(benchmark, workload):
    run = _load(trafilatura_runner)
    texts = benchmark(run, workload)
    assert all(text and len(text) > 500 for text in texts)
