"""Real baselines no one here wrote, scored side by side with our parsing core on the gold pages.

Each peer's output is turned into our prediction schema by an adapter, its package imported only when it runs:

* zones: trafilatura and jusText (``trafilatura_zones``), main content of each page wrapped as HTML;
* repairs: wordninja and SymSpell word segmentation with a French wordfreq dictionary (``wordseg_repairs``);
* entities: spaCy's ``fr_core_news_sm`` (``spacy_ner``).

Our core and each peer are parsers of the harness (``builder.baselines.parsers``), registered as plugins in
``pyproject.toml``; ``run_baselines(gold, raws)`` is the harness run over every registered parser;
``baselines_markdown(result)`` renders the "## Baselines" section of the dataset card.
"""

from builder.baselines.optional import INSTALL_HINT, MissingPeer
from builder.baselines.report import baselines_markdown
from builder.baselines.run import default_systems, run_baselines, system_named

__all__ = ["INSTALL_HINT", "MissingPeer", "baselines_markdown", "default_systems", "run_baselines", "system_named"]
