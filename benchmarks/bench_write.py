"""Parquet writing of the build's rows, and a whole build of the bundled corpus."""

from __future__ import annotations

import pyarrow.parquet as pq

from builder.bench import page_results, run_build, write_parquet
from builder.read import bundled_pages_dir


def test_parquet_writing(benchmark, workload, tmp_path):
    results = page_results(workload)
    files = benchmark(write_parquet, results, tmp_path / "parquet")
    pages = sum(f.rows for f in files["pages"].values())
    assert pages == workload.pages
    written = sorted((tmp_path / "parquet" / "data" / "pages").glob("*.parquet"))
    assert sum(pq.read_metadata(p).num_rows for p in written) == workload.pages


def test_whole_build(benchmark, workload, tmp_path):
    report = benchmark.pedantic(run_build, args=([bundled_pages_dir()], tmp_path / "built"), rounds=3,
                                warmup_rounds=0)
    assert report.pages_written == workload.pages and not report.rejects
    assert (tmp_path / "built" / "README.md").is_file()
