"""The benchmark report: runners on the bundled pages, ratios to the reference, RESULTS.md, the scale builds."""

from __future__ import annotations

import importlib.util

import pytest
from click.testing import CliRunner

from builder.bench import (
    STAGES,
    BenchResult,
    ScalePoint,
    Timing,
    measure_build,
    results_markdown,
    run_bench,
    sample_workload,
    time_runner,
)
from builder.cli import main
from builder.read import bundled_pages_dir


@pytest.fixture(scope="module")
def workload():
    return sample_workload()


def test_the_workload_is_the_bundled_pages_with_each_stage_input(workload):
    assert workload.pages == len(list(bundled_pages_dir().glob("*.txt")))
    assert all(zones and zones[0].label == "title" for zones in workload.zones)
    assert all(100 < len(sample) <= 300 for sample in workload.samples)


def test_time_runner_reports_the_best_pass(workload):
    calls = []
    timing = time_runner("count", lambda w: calls.append(1) or [], workload, min_seconds=0.01, rounds=2)
    assert timing.passes + 1 == len(calls) and timing.passes >= 2
    assert timing.pages == workload.pages and timing.seconds > 0
    assert timing.pages_per_second == pytest.approx(workload.pages / timing.seconds)


def _result(stage_seconds: dict[str, float], scale: list[ScalePoint]) -> BenchResult:
    stages = {name: Timing(name, stage_seconds.get(name, 1.0), 5, 30_000, 10) for name in STAGES}
    return BenchResult(machine={"cores": "2"}, stages=stages, scale=scale)


def test_targets_are_ratios_to_the_reference():
    result = _result({"reference": 1.0, "zones": 0.9, "parse_page (no language)": 6.0, "language": 5.0}, [
        ScalePoint(10, 1, 2.0, 100 * 2**20, 1, 3.0), ScalePoint(100, 1, 26.0, 130 * 2**20, 1, 33.0)])
    holds = {t.what: t.holds for t in result.targets()}
    assert holds["zone step vs the findall pass"] is True
    assert holds["parse_page without language vs the findall pass"] is False
    assert holds["language step vs the findall pass"] is True
    assert holds["entity step faster than spaCy NER"] is None, "peer not run"
    assert holds["build wall time 10 → 100 pages (×10 pages)"] is False  # ×13 is outside 10 ± 25%
    assert holds["build CPU time 10 → 100 pages (all processes)"] is True  # ×11
    assert holds["peak RSS 100 vs 10 pages"] is False  # ×1.3
    assert holds["peak RSS of the 100-page build"] is True
    text = results_markdown(result)
    assert "| zone step vs the findall pass | 0.90× | ≤ 1.2× | yes |" in text
    assert "| parse_page without language vs the findall pass | 6.00× | ≤ 5× | **no** |" in text


def test_run_bench_writes_results_for_this_machine(workload, tmp_path):
    result = run_bench(tmp_path, sizes=(), min_seconds=0.02, peers=False, workload=workload)
    assert set(result.stages) == set(STAGES)
    assert result.ratio("reference") == 1.0 and result.ratio("parse_page") > result.ratio("zones")
    assert result.entity_f1["ours"] > 0.8 and result.entity_f1["spaCy NER"] == "not run"
    calls, pages = result.langdetect_calls["bundled pages"]
    assert pages == workload.pages and 0 <= calls <= pages
    text = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    for name in STAGES:
        assert name in text
    for fact in ("cores", "CPU", "Python", "pyarrow", "langdetect"):
        assert f"| {fact} |" in text
    assert "Parquet writing" in text and "whole build" in text
    assert "Builds at scale" not in text
    by_zone = {row["zone"]: row for row in result.language_zones}
    assert by_zone["body"]["fr"] == by_zone["body"]["texts"], "running text is always French"
    assert by_zone["signature"]["unknown"] == by_zone["signature"]["texts"], "`-VNA` is too short to tell"
    assert "| `teaser_title` |" in text


@pytest.mark.skipif(importlib.util.find_spec("psutil") is None, reason="needs psutil (vna-corpus[bench])")
def test_a_scale_build_is_measured_in_a_child_process(tmp_path):
    point = measure_build(30, tmp_path, workers=1)
    assert point.pages == 30 and point.seconds > 0
    assert 0.5 < point.cpu_seconds < 4 * point.seconds, "the build and its imports, counted from the children"
    assert 50 * 2**20 < point.peak_rss < 2**30
    assert 0 < point.peak_pss <= point.peak_rss
    assert (tmp_path / "build-30" / "README.md").read_text(encoding="utf-8").count("Synthetic benchmark build") == 1


@pytest.mark.skipif(importlib.util.find_spec("matplotlib") is None, reason="needs matplotlib (vna-corpus[bench])")
def test_the_plot_is_a_png(tmp_path):
    from builder.bench import plot_scale

    path = plot_scale([ScalePoint(10, 2, 1.0, 2**27, 1), ScalePoint(100, 2, 9.0, 2**27, 1)], tmp_path / "scale.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_bench(tmp_path):
    result = CliRunner().invoke(
        main, ["bench", "--out", str(tmp_path), "--sizes", "", "--min-seconds", "0.01", "--no-peers"])
    assert result.exit_code == 0, result.output
    assert "zone step vs the findall pass" in result.stdout and (tmp_path / "RESULTS.md").is_file()
    bad = CliRunner().invoke(main, ["bench", "--out", str(tmp_path), "--sizes", "ten"])
    assert bad.exit_code != 0 and "--sizes" in bad.output
