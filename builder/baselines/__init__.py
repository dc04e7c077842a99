"""Real baselines no one here wrote, scored side by side with our parsing core on the gold pages.

Each peer's output is turned into our prediction schema by an adapter, its package imported only when it runs:

* zones: trafilatura and jusText (``trafilatura_zones``), main content of each page wrapped as HTML;
* repairs: wordninja and SymSpell word segmentation with a French wordfreq dictionary (``wordseg_repairs``);
* entities: spaCy's ``fr_core_news_sm`` (``spacy_ner``).

``run_baselines(gold, raws)`` scores them and ours with bootstrap intervals and times them;
``baselines_markdown(result)`` renders the "## Baselines" section of the dataset card.
"""

from builder.baselines.optional import INSTALL_HINT, MissingPeer
from builder.baselines.report import baselines_markdown
from builder.baselines.run import System, default_systems, run_baselines

__all__ = ["INSTALL_HINT", "MissingPeer", "System", "baselines_markdown", "default_systems", "run_baselines"]
