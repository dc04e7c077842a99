"""The parsing core, stage by stage, and the speed-limit reference, on the bundled pages.

``pytest benchmarks/ --benchmark-enable --benchmark-json=out.json`` times them; in the normal test run each runs
once and its output is checked, so a suite cannot rot into timing something that no longer works.
"""

from __future__ import annotations

import re

from builder.bench import (
    run_entities,
    run_language,
    run_parse_page,
    run_parse_page_no_language,
    run_reference,
    run_repairs,
    run_zones,
)


def test_reference_findall(benchmark, workload):
    words = benchmark(run_reference, workload)
    assert words == [[w for w in re.split(r"\W+", raw) if w] for raw in workload.raws]
    assert all(len(w) > 500 for w in words)


def test_zones(benchmark, workload, gold):
    segmented = benchmark(run_zones, workload)
    for page_id, (zones, _) in zip(workload.ids, segmented):
        expected = [(z["start"], z["end"], z["label"]) for z in gold[page_id]["zones"]]
        assert [(z.start, z.end, z.label) for z in zones] == expected, page_id


def test_repairs(benchmark, workload, gold):
    found = benchmark(run_repairs, workload)
    expected = sum(len(gold[i]["repairs"]) for i in workload.ids)
    correct = sum(len({r.offset for r in repairs} & {r["offset"] for r in gold[i]["repairs"]})
                  for i, repairs in zip(workload.ids, found))
    assert correct >= 0.95 * expected


def test_language(benchmark, workload):
    assert [lang for lang, _ in benchmark(run_language, workload)] == ["fr"] * workload.pages


def test_entities(benchmark, workload, gold):
    tagged = benchmark(run_entities, workload)
    strict = sum(len({(e.start, e.end, e.label) for e in entities}
                     & {(e["start"], e["end"], e["label"]) for e in gold[i]["entities"]})
                 for i, entities in zip(workload.ids, tagged))
    assert strict >= 0.85 * sum(len(gold[i]["entities"]) for i in workload.ids)


def test_parse_page_without_language(benchmark, workload):
    parsed = benchmark(run_parse_page_no_language, workload)
    assert all(p.language == "unknown" and p.entities and p.repairs is not None for p in parsed)


def test_parse_page(benchmark, workload):
    parsed = benchmark(run_parse_page, workload)
    assert [p.language for p in parsed] == ["fr"] * workload.pages
    assert [p.id for p in parsed] == list(workload.ids)
