"""Shared fixtures: one build of the bundled corpus per test session, and offline dataset loading."""

from __future__ import annotations

import os

# Before anything imports ``datasets``/``huggingface_hub``: tests never touch the network.
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

BUILT_NAME = "vna-corpus-fr-test"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The bundled corpus built once, in one process: ``(report, folder)``."""
    from builder.api import build

    out = tmp_path_factory.mktemp("built") / BUILT_NAME
    return build(out=out, workers=1), out


@pytest.fixture(scope="session")
def load(tmp_path_factory: pytest.TempPathFactory) -> Callable:
    """``load(folder, config, **kwargs)``: ``datasets.load_dataset`` with a throwaway cache."""
    from datasets import load_dataset

    cache = tmp_path_factory.mktemp("hf-cache")

    def _load(folder: Path, config: str, **kwargs):
        return load_dataset(str(folder), config, cache_dir=str(cache), **kwargs)

    return _load


@pytest.fixture(scope="session")
def ray_session():
    """One local Ray instance (2 CPUs, as on CI) for the whole session; engines reuse it and leave it running.

    Its workers get this process's ``sys.path``, so they can import the test modules whose functions they run.
    """
    import sys

    ray = pytest.importorskip("ray", reason="the Ray engine needs pip install 'vna-corpus[ray]'")
    ray.init(address="local", num_cpus=2, include_dashboard=False, logging_level="WARNING",
             runtime_env={"env_vars": {"PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}})
    yield ray
    ray.shutdown()
