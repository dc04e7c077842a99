"""Evaluate any parser on a gold set: one harness for quality and speed, plugins, a leaderboard, an HTML report.

* :mod:`~builder.evaluate.parsers`: what a parser is, and the three ways to name one (a Python path, a command,
  an installed plugin under the entry-point group ``vna_corpus.parsers``);
* :mod:`~builder.evaluate.runner`: one parser over the pages, each page's failure kept to that page, timed;
* :mod:`~builder.evaluate.harness`: scores with bootstrap intervals, paired differences, speed, per task;
* :mod:`~builder.evaluate.leaderboard` and :mod:`~builder.evaluate.report`: the leaderboard and the HTML report.
"""

from builder.evaluate.harness import Entry, evaluate_entries, gold_set_identity
from builder.evaluate.parsers import (
    ENTRY_POINT_GROUP,
    CommandParser,
    EvaluateError,
    Parser,
    ParserNotFound,
    ParserSource,
    registered_parsers,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "CommandParser",
    "Entry",
    "EvaluateError",
    "Parser",
    "ParserNotFound",
    "ParserSource",
    "evaluate_entries",
    "gold_set_identity",
    "registered_parsers",
]
