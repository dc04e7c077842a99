"""Run every baseline and our parsing core on the gold pages, score them side by side, time them.

Every system of a task is scored by :func:`builder.score.score` with the same bootstrap seed, so all intervals
come from the same resamples of the pages, and the difference to ours gets its own paired interval. Throughput is
measured in the same process: a system is loaded and run once over the pages (its *setup*: model loading and any
lazy initialisation), then run again over all pages until ``min_seconds`` have passed; pages per second come from
those warm passes only.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.baselines import spacy_ner, trafilatura_zones, wordseg_repairs
from builder.baselines.optional import MissingPeer, distribution_version
from builder.baselines.ours import OUR_PREDICTORS
from builder.model import ENTITY_LABELS
from builder.score import CONFIDENCE, page_counts, score, summarize
from builder.score.bootstrap import percentile_interval, resampled_totals

Record = Mapping[str, Any]
Predictor = Callable[[str, str], dict[str, Any]]

OURS, PEER, REFERENCE = "ours", "peer", "reference"

#: The metrics shown per task, in table order; the first is the one the paired difference is taken on.
TASK_METRICS: dict[str, tuple[str, ...]] = {
    "zones": ("main_content", "body_characters"),
    "repairs": ("inserted_spaces",),
    "entities": ("strict", "exact", "partial", "ent_type"),
}


@dataclass(frozen=True)
class System:
    """One system of the comparison: what it is, how it was run, and how to load its predictor."""

    name: str
    task: str
    kind: str
    how: str
    load: Callable[[], Predictor]
    distributions: tuple[str, ...] = ()
    entity_labels: tuple[str, ...] = ENTITY_LABELS


def default_systems() -> list[System]:
    """Our core and every peer, per task; peers are only imported when loaded."""
    vocabulary = f"the {wordseg_repairs.VOCABULARY_SIZE:,} most frequent French words of wordfreq (letters only)"
    runs = f"letter runs of {wordseg_repairs.MIN_RUN}+ letters not in its dictionary"
    page_as_html = "each page wrapped as HTML (first line as <title> and <h1>, every other line a <p>)"
    ours_how = "our parsing core (`builder.parse`), the same step `parse_page` runs for this task"
    four = spacy_ner.SCORED_LABELS

    def trafilatura(mode: str) -> System:
        option = {"default": "default settings", "precision": "favor_precision=True", "recall": "favor_recall=True"}
        suffix = "" if mode == "default" else f" ({option[mode].split('=')[0]})"
        return System(
            f"trafilatura{suffix}", "zones", PEER,
            f"`trafilatura.extract` ({option[mode]}) on {page_as_html}; kept paragraphs found back in the raw "
            "text in order and labelled body",
            lambda: trafilatura_zones.load_trafilatura_zones(mode), ("trafilatura",))

    def segmenter(name: str, rule: str) -> System:
        load = wordseg_repairs.load_wordninja_repairs if name == "wordninja" else wordseg_repairs.load_symspell_repairs
        offered = runs if rule == "all" else f"{runs} and starting lowercase"
        method = ("`LanguageModel` DP split" if name == "wordninja"
                  else "`word_segmentation`, max edit distance 0")
        return System(
            f"{name} ({rule} unknown runs)", "repairs", PEER,
            f"{name} {method} over {vocabulary}, offered {offered}; each split point is a repair",
            lambda: load(rule), (name,))

    return [
        System("ours", "zones", OURS, ours_how, lambda: OUR_PREDICTORS["zones"], ("vna-corpus",)),
        trafilatura("default"),
        trafilatura("precision"),
        trafilatura("recall"),
        System("jusText", "zones", PEER,
               f"`justext.justext` (default settings, French stop list) on {page_as_html}; paragraphs not "
               "classed boilerplate found back in the raw text and labelled body",
               trafilatura_zones.load_justext_zones, ("justext",)),
        System("every line is body", "zones", REFERENCE, "every non-empty line labelled body: the floor",
               lambda: trafilatura_zones.all_lines_zones),
        System("ours", "repairs", OURS, ours_how, lambda: OUR_PREDICTORS["repairs"], ("vna-corpus",)),
        segmenter("wordninja", "all"),
        segmenter("wordninja", "lowercase"),
        segmenter("symspellpy", "all"),
        segmenter("symspellpy", "lowercase"),
        System("ours", "entities", OURS, ours_how, lambda: OUR_PREDICTORS["entities"], ("vna-corpus",),
               entity_labels=four),
        System("ours (with DATE)", "entities", OURS, ours_how + ", scored on all five labels",
               lambda: OUR_PREDICTORS["entities"], ("vna-corpus",)),
        System(f"spaCy {spacy_ner.MODEL}", "entities", PEER,
               f"spaCy `{spacy_ner.MODEL}` with only its `ner` component, one document per non-empty raw line "
               "(glued words left as they are); PER/ORG/LOC/MISC kept as ours, no DATE in its label set",
               spacy_ner.load_spacy_ner, ("spacy", "fr_core_news_sm"), entity_labels=four),
    ]


def _restricted(records: Mapping[str, Record], labels: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Records whose entities keep only ``labels`` (to score a peer on the label set it has)."""
    return {i: {**record, "entities": [e for e in record.get("entities", []) if e["label"] in labels]}
            for i, record in records.items()}


def _metric_node(result: Mapping[str, Any], task: str, metric: str) -> Mapping[str, Any]:
    """The score node of one metric in a :func:`score` result."""
    if task == "zones":
        if metric == "main_content":
            return result["zones"]["main_content"]
        return result["zones"]["characters"]["per_label"].get(trafilatura_zones.KEPT_LABEL, {})
    if task == "repairs":
        return result["repairs"]
    return result["entities"]["overall"][metric]


SUPPORT_KEYS = ("gold", "predicted", "correct", "common", "possible", "actual")


def _compact(node: Mapping[str, Any]) -> dict[str, Any]:
    """P/R/F1, their intervals and the support counts of a score node."""
    keep = [f"{m}{s}" for m in ("precision", "recall", "f1") for s in ("", "_ci_low", "_ci_high")]
    return {key: node[key] for key in (*keep, *SUPPORT_KEYS) if key in node}


def timed_predictions(
    predict: Predictor, raws: Mapping[str, str], min_seconds: float
) -> tuple[dict[str, dict[str, Any]], float, float]:
    """Predictions of the first pass, its duration, and warm pages per second (passes until ``min_seconds``)."""
    ids = sorted(raws)
    started = time.perf_counter()
    predictions = {i: predict(raws[i], i) for i in ids}
    first_pass = time.perf_counter() - started
    passes, elapsed = 0, 0.0
    started = time.perf_counter()
    while passes == 0 or elapsed < min_seconds:
        for i in ids:
            predict(raws[i], i)
        passes += 1
        elapsed = time.perf_counter() - started
    return predictions, first_pass, passes * len(ids) / elapsed if elapsed > 0 else float("inf")


def paired_difference(
    gold: Mapping[str, Record], raws: Mapping[str, str], ours: Mapping[str, Record], theirs: Mapping[str, Record],
    task: str, metric: str, samples: int, seed: int,
) -> dict[str, Any]:
    """F1(theirs) − F1(ours) on the pages, with a percentile interval over the same page resamples for both."""
    ids = sorted(gold)
    empty: dict[str, Any] = {"zones": [], "repairs": [], "entities": []}
    doc_counts = []
    for i in ids:
        counts: Counter = Counter()
        for side, predictions in ((OURS, ours), (PEER, theirs)):
            part = page_counts(gold[i], predictions.get(i, empty), raws[i], (task,))
            counts.update({(side, *key): value for key, value in part.items()})
        doc_counts.append(counts)

    def difference(totals: Mapping[tuple, int]) -> float:
        f1 = {}
        for side in (OURS, PEER):
            side_totals = {key[1:]: value for key, value in totals.items() if key[0] == side}
            f1[side] = _metric_node(summarize(side_totals, (task,)), task, metric).get("f1", 0.0)
        return f1[PEER] - f1[OURS]

    total: Counter = Counter()
    for counts in doc_counts:
        total.update(counts)
    out: dict[str, Any] = {"metric": metric, "difference": difference(total)}
    if samples > 0 and ids:
        replicates = [difference(t) for t in resampled_totals(doc_counts, samples, seed)]
        out["ci_low"], out["ci_high"] = percentile_interval(replicates, CONFIDENCE)
    return out


def _run_system(
    system: System, gold: Mapping[str, Record], raws: Mapping[str, str], bootstrap: int, seed: int, min_seconds: float,
) -> tuple[dict[str, Any], dict[str, dict[str, Any]] | None]:
    """One row of the result (scores, timing) and the system's predictions (None when it could not run)."""
    row: dict[str, Any] = {
        "system": system.name,
        "kind": system.kind,
        "how": system.how,
        "versions": {name: distribution_version(name) for name in system.distributions},
    }
    if system.task == "entities":
        row["labels"] = list(system.entity_labels)
    started = time.perf_counter()
    try:
        predict = system.load()
    except MissingPeer as err:
        return {**row, "status": "missing", "error": str(err)}, None
    loaded = time.perf_counter() - started
    predictions, first_pass, pages_per_second = timed_predictions(predict, raws, min_seconds)
    unmapped = sum(len(p.get("unmapped", [])) for p in predictions.values())
    scored_gold, scored = gold, predictions
    if system.task == "entities":
        scored_gold, scored = _restricted(gold, system.entity_labels), _restricted(predictions, system.entity_labels)
    result = score(scored_gold, raws, scored, task=system.task, bootstrap=bootstrap, seed=seed)
    row.update({
        "status": "ok",
        "scores": {m: _compact(_metric_node(result, system.task, m)) for m in TASK_METRICS[system.task]},
        "setup_seconds": loaded + first_pass,
        "pages_per_second": pages_per_second,
    })
    if system.task == "zones":
        row["unmapped_paragraphs"] = unmapped
    if system.task == "entities":
        row["per_label"] = {label: _compact(node["strict"]) for label, node in result["entities"]["per_label"].items()}
    return row, scored


def reachable_repairs(gold: Mapping[str, Record], raws: Mapping[str, str]) -> dict[str, int]:
    """How many gold repairs a letter-run segmenter could find: those with a letter on both sides."""
    offsets = [(raws[i], r["offset"]) for i, record in gold.items() for r in record.get("repairs", [])]
    inside = sum(0 < o < len(raw) and raw[o - 1].isalpha() and raw[o].isalpha() for raw, o in offsets)
    return {"gold": len(offsets), "inside_letter_runs": inside}


def run_baselines(
    gold: Mapping[str, Record],
    raws: Mapping[str, str],
    bootstrap: int = 1000,
    seed: int = 0,
    systems: Sequence[System] | None = None,
    min_seconds: float = 1.0,
) -> dict[str, Any]:
    """Scores with 95% bootstrap intervals, paired differences to ours, and throughput, per task and system.

    ``gold`` and ``raws`` map page ids to gold records and raw texts (only gold pages are run). A peer whose
    package is missing gets a row with ``status: "missing"`` and the install line, instead of stopping the run.
    """
    raws = {i: raws[i] for i in sorted(gold)}
    systems = default_systems() if systems is None else list(systems)
    rows: dict[int, dict[str, Any]] = {}
    ours: dict[tuple[str, tuple[str, ...]], tuple[dict[str, Any], dict[str, dict[str, Any]]]] = {}
    # ours first: every other system of the task is compared with it
    for index, system in sorted(enumerate(systems), key=lambda pair: pair[1].kind != OURS):
        row, predictions = _run_system(system, gold, raws, bootstrap, seed, min_seconds)
        rows[index] = row
        if predictions is None:
            continue
        key = (system.task, system.entity_labels if system.task == "entities" else ())
        if system.kind == OURS and key not in ours:
            ours[key] = (row, predictions)
            row["speed_vs_ours"] = 1.0
        elif key in ours:
            our_row, our_predictions = ours[key]
            row["speed_vs_ours"] = row["pages_per_second"] / our_row["pages_per_second"]
            scored_gold = _restricted(gold, key[1]) if system.task == "entities" else gold
            row["difference_vs_ours"] = paired_difference(
                scored_gold, raws, our_predictions, predictions, system.task, TASK_METRICS[system.task][0],
                bootstrap, seed)
    tasks = {
        task: {"metrics": list(metrics), "systems": [rows[i] for i, s in enumerate(systems) if s.task == task]}
        for task, metrics in TASK_METRICS.items() if any(s.task == task for s in systems)
    }
    if "repairs" in tasks:
        tasks["repairs"]["gold_reachable"] = reachable_repairs(gold, raws)
    return {
        "documents": len(raws),
        "pages": sorted(raws),
        "tasks": tasks,
        "bootstrap": {"samples": bootstrap, "seed": seed, "confidence": CONFIDENCE,
                      "method": "percentile; pages resampled with replacement, the same resamples for every system"},
        "timing": {"min_seconds": min_seconds,
                   "method": "setup = loading + first pass over the pages; pages/s over the warm passes after it"},
    }

