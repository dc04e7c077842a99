"""Scale-out: the Ray engine builds byte for byte what the local engine builds, from local or fsspec inputs,
into a local folder or an fsspec URL, and a page that breaks its worker costs that page only."""

from __future__ import annotations

import os
from pathlib import Path

import fsspec
import pytest
from click.testing import CliRunner

from builder.api import build
from builder.build import PageTask, process_page
from builder.cli import main
from builder.read import bundled_gold_dir, bundled_pages_dir
from builder.split import DEFAULT_RATIOS
from builder.synth import write_synth

BUNDLED = sorted(bundled_pages_dir().glob("*.txt"))
SYNTH_PAGES = 2000
RAISES, DIES = "boom", "dies"


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fs_folder_bytes(fs, root: str) -> dict[str, bytes]:
    return {path[len(root) + 1:]: fs.cat_file(path) for path in sorted(fs.find(root))}


def page_or_fault(item):
    """:func:`process_page`, but the page ``boom`` makes it raise and the page ``dies`` kills its worker."""
    if isinstance(item, PageTask) and item.page.id == RAISES:
        raise RuntimeError("simulated parser bug")
    if isinstance(item, PageTask) and item.page.id == DIES:
        os._exit(9)
    return process_page(item)


def build_with(engine: str, inputs, out, **options):
    from builder.build import build_dataset

    return build_dataset(inputs, out, version="0.1.0", split_ratios=DEFAULT_RATIOS, gold_dir=bundled_gold_dir(),
                         engine=engine, **options)


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> list[Path]:
    """The bundled pages and 2,000 synthetic pages."""
    return [bundled_pages_dir(), *write_synth(SYNTH_PAGES, tmp_path_factory.mktemp("synth") / "synth")]


def test_ray_and_local_builds_are_byte_identical(crawl, tmp_path, ray_session):
    outs = {}
    for engine in ("local", "ray"):
        outs[engine] = tmp_path / engine / "ds"
        result = CliRunner().invoke(main, ["build", *map(str, crawl), "--engine", engine, "--workers", "2",
                                           "--out", str(outs[engine])])
        assert result.exit_code == 0, result.output
        assert f"pages in: {len(BUNDLED) + SYNTH_PAGES} = " in result.output
    local_files, ray_files = folder_bytes(outs["local"]), folder_bytes(outs["ray"])
    assert len(local_files) >= 7 and any(name.endswith(".parquet") for name in local_files)
    assert ray_files == local_files


def test_a_ray_address_needs_the_ray_engine(tmp_path):
    result = CliRunner().invoke(main, ["build", "--ray-address", "auto", "--out", str(tmp_path / "ds")])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: a Ray address is for the ray engine, not 'local': pass --engine ray"


@pytest.fixture
def memory_crawl():
    """The bundled pages in ``memory://``, with a page that makes the parse step raise and one that kills its worker."""
    fs = fsspec.filesystem("memory")
    root = "/crawl-faults"
    for path in BUNDLED:
        fs.pipe(f"{root}/good/{path.name}", path.read_bytes())
    fs.pipe(f"{root}/bad/{RAISES}.txt", BUNDLED[0].read_bytes().replace(b"\n", b"\n\n", 1))
    fs.pipe(f"{root}/bad/{DIES}.txt", BUNDLED[1].read_bytes().replace(b"\n", b"\n\n", 1))
    yield f"memory://{root}"
    fs.rm(root, recursive=True)


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_a_failing_page_is_rejected_with_its_error_and_the_rest_is_built(engine, memory_crawl, tmp_path, load,
                                                                         request):
    if engine == "ray":
        request.getfixturevalue("ray_session")
    report = build_with(engine, [memory_crawl], tmp_path / "ds", workers=2, page_fn=page_or_fault)
    rejects = (report.out / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert rejects == [
        '{"input": "crawl-faults/bad/boom.txt", "id": "boom", "reason": "parse-error", '
        '"detail": "RuntimeError: simulated parser bug"}',
        '{"input": "crawl-faults/bad/dies.txt", "id": "dies", "reason": "parse-error", '
        '"detail": "WorkerLost: the worker process died while running this page"}',
    ]
    assert report.pages_in == len(BUNDLED) + 2 == report.pages_written + report.pages_rejected
    rows = [row for split in load(report.out, "pages").values() for row in split]
    assert sorted(row["id"] for row in rows) == [p.stem for p in BUNDLED]
    assert {row["source_file"] for row in rows} == {f"crawl-faults/good/{p.name}" for p in BUNDLED}


def test_fsspec_inputs_and_local_paths_build_the_same_bytes(memory_crawl, tmp_path):
    folder = tmp_path / "crawl-faults" / "good"
    folder.mkdir(parents=True)
    for path in BUNDLED:
        (folder / path.name).write_bytes(path.read_bytes())
    by_path = build([folder], tmp_path / "a" / "ds", workers=1)
    by_file_url = build([f"file://{folder}"], tmp_path / "b" / "ds", workers=1)
    by_memory_url = build([f"{memory_crawl}/good/"], tmp_path / "c" / "ds", workers=1)
    assert folder_bytes(by_path.out) == folder_bytes(by_file_url.out) == folder_bytes(by_memory_url.out)


def test_an_output_url_gets_the_local_builds_bytes(built, tmp_path):
    _, local_folder = built
    fs = fsspec.filesystem("memory")
    url = f"memory://out-{os.getpid()}/{local_folder.name}"
    try:
        report = build(out=url, workers=1)
        assert report.location == url and url in report.summary()
        assert fs_folder_bytes(fs, url[len("memory:/"):]) == folder_bytes(local_folder)
        again = build(out=url, workers=1)  # an earlier build is replaced, nothing else is left beside it
        assert again.location == url
        assert fs.ls(f"/out-{os.getpid()}", detail=False) == [url[len("memory:/"):]]
    finally:
        fs.rm(f"/out-{os.getpid()}", recursive=True)


def test_an_output_url_that_is_not_a_build_is_refused(tmp_path):
    from builder.api import BuildError

    fs = fsspec.filesystem("memory")
    fs.pipe(f"/taken-{os.getpid()}/ds/notes.txt", b"mine")
    try:
        with pytest.raises(BuildError, match="is not empty and is not an earlier build"):
            build(out=f"memory://taken-{os.getpid()}/ds", workers=1)
        assert fs.cat_file(f"/taken-{os.getpid()}/ds/notes.txt") == b"mine"
    finally:
        fs.rm(f"/taken-{os.getpid()}", recursive=True)


def test_a_location_without_its_backend_fails_in_one_line(tmp_path):
    result = CliRunner().invoke(main, ["build", "nosuchprotocol://bucket/crawl", "--out", str(tmp_path / "ds")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: nosuchprotocol://bucket/crawl: not a location fsspec can open (Protocol not known: nosuchprotocol)"]
    assert not (tmp_path / "ds").exists()


def test_memory_inputs_are_read_like_local_files(tmp_path):
    import gzip
    import json

    from builder.read import TOO_LARGE, UNREADABLE, iter_pages

    fs = fsspec.filesystem("memory")
    root = f"/read-{os.getpid()}"
    texts = [p.read_text(encoding="utf-8") for p in BUNDLED[:2]]
    fs.pipe(f"{root}/crawl/a/one.txt.gz", gzip.compress(texts[0].encode(), mtime=0))
    fs.pipe(f"{root}/crawl/b.jsonl.gz", gzip.compress(json.dumps({"id": "two", "text": texts[1]}).encode() + b"\n"))
    fs.pipe(f"{root}/crawl/big.txt", b"x" * 200_000)
    fs.pipe(f"{root}/crawl/notes.md", b"not a page")
    try:
        items = list(iter_pages([f"memory://{root}/crawl", f"memory://{root}/missing.txt"], max_bytes=100_000))
    finally:
        fs.rm(root, recursive=True)
    assert [getattr(i, "id", None) for i in items[:2]] == ["one", "two"]
    assert [i.raw for i in items[:2]] == texts
    assert [i.source_file for i in items[:2]] == ["crawl/a/one.txt.gz", "crawl/b.jsonl.gz:1"]
    assert [(i.reason, str(i)) for i in items[2:]] == [
        (TOO_LARGE, "crawl/big.txt: 200000 bytes, over the 100000-byte page limit"),
        (UNREADABLE, f"missing.txt: cannot read ({root}/missing.txt)"),
    ]
