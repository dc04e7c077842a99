"""A seeded scale corpus for benchmarks: pages of the sample layout, recombined from the bundled pages.

Each synthetic page takes a title, body paragraphs, a photo caption, a dateline, a signature and
``Voir plus`` teasers from the hand-labelled sample pages (their gold zones, with the gold repairs
applied, so the parts start clean), puts them in the layout the parser expects, and glues words
back together the way the scraper does: the body paragraphs are wrapped at a line width and the
space at each wrap is lost (``leministre``). Page ``i`` of seed ``s`` is always the same page,
whatever ``n``.

Synthetic pages are for benchmarks only. Their ``url`` starts with :data:`SYNTH_URL_PREFIX`, the
mark a build reads (:func:`is_synthetic`) to say so in the card, and a release refuses them.
"""

from __future__ import annotations

import gzip
import json
import random
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from builder.label import gold_repairs, gold_zones, load_gold
from builder.model import Page, apply_repairs
from builder.parse.page import split_caption
from builder.read import bundled_gold_dir, bundled_pages_dir, read_page

#: Every synthetic page's ``url`` starts with this: the mark that travels with the page into a build.
SYNTH_URL_PREFIX = "synth://vna-corpus/"

#: Pages per ``.jsonl.gz`` shard written by :func:`write_synth`.
SHARD_PAGES = 10_000

#: Line widths the scraped pages were wrapped at (a glued word every line or so).
WRAP_WIDTHS = (72, 76, 80, 84)
#: Share of pages whose body lost no spaces (some scraped pages are clean).
CLEAN_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class TeaserParts:
    caption: str  # "" when the teaser has no photo
    title: str
    summary: str


@dataclass(frozen=True, slots=True)
class Parts:
    """The clean pieces synthetic pages are made of."""

    titles: tuple[str, ...]
    paragraphs: tuple[str, ...]
    captions: tuple[tuple[str, str], ...]  # (caption, credit)
    datelines: tuple[str, ...]
    signatures: tuple[str, ...]
    inline_links: tuple[str, ...]
    teasers: tuple[TeaserParts, ...]


def _zone_texts(raw: str, record: dict) -> list[tuple[str, str]]:
    """``(label, clean text)`` of each gold zone, the gold repairs inside it applied."""
    repairs = [r.offset for r in gold_repairs(record)]
    out = []
    for z in sorted(gold_zones(record), key=lambda z: z.start):
        inside = [o - z.start for o in repairs if z.start < o < z.end]
        out.append((z.label, apply_repairs(raw[z.start : z.end], inside)))
    return out


@lru_cache(maxsize=1)
def sample_parts() -> Parts:
    """The pieces of the bundled pages, by kind (read once per process)."""
    titles, paragraphs, captions, datelines, signatures, links = [], [], [], [], [], []
    teasers: list[TeaserParts] = []
    for page_id, record in sorted(load_gold(bundled_gold_dir()).items()):
        raw = read_page(bundled_pages_dir() / f"{page_id}.txt").raw
        caption = ""
        title = ""
        for label, text in _zone_texts(raw, record):
            if label == "title":
                titles.append(text)
            elif label == "body" and len(text) > 40:
                paragraphs.append(text)
            elif label == "caption":
                parts = split_caption(text)
                if parts.caption and parts.credit:
                    captions.append((parts.caption, parts.credit))
            elif label == "dateline":
                datelines.append(text)
            elif label == "signature":
                signatures.append(text)
            elif label == "inline_link":
                links.append(text)
            elif label == "teaser_caption":
                caption = text
            elif label == "teaser_title":
                title = text
            elif label == "teaser_summary":
                teasers.append(TeaserParts(caption, title, text))
                titles.append(title)
                caption, title = "", ""
    return Parts(tuple(titles), tuple(paragraphs), tuple(captions), tuple(datelines), tuple(signatures),
                 tuple(links), tuple(teasers))


def glue_at_wraps(text: str, width: int) -> str:
    """The paragraph wrapped at ``width`` with the space at every wrap lost, as the scraper did."""
    return "".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))


def lead_of(paragraph: str) -> str:
    """A lead as the site writes it: the first sentence (or two) of the first paragraph."""
    end = paragraph.find(". ", 80)
    return paragraph if end < 0 else paragraph[: end + 1]


def synth_page(index: int, seed: int = 0) -> Page:
    """Synthetic page number ``index`` of ``seed`` (the same page whatever else is made)."""
    parts = sample_parts()
    rng = random.Random(f"vna-corpus-synth:{seed}:{index}")
    page_id = f"synth-{index:07d}"
    title = rng.choice(parts.titles)
    body = rng.sample(parts.paragraphs, rng.randint(3, min(9, len(parts.paragraphs))))
    width = 0 if rng.random() < CLEAN_SHARE else rng.choice(WRAP_WIDTHS)
    glued = [glue_at_wraps(p, width) if width else p for p in body]

    blocks = [title, lead_of(body[0])]
    caption_after_lead = rng.random() < 0.75
    caption_line = ""
    if parts.captions and rng.random() < 0.85:
        caption, credit = rng.choice(parts.captions)
        caption_line = f"{title} ảnh 1{caption} {credit}"
    if caption_line and caption_after_lead:
        blocks[-1] += "\n" + caption_line  # the site prints the caption right under the lead
    first = glued[0]
    if parts.datelines and rng.random() < 0.85:
        first = f"{rng.choice(parts.datelines)} {first}"
    paragraphs = [first, *glued[1:]]
    if caption_line and not caption_after_lead:
        paragraphs.insert(1, caption_line)
    if parts.inline_links and rng.random() < 0.15:
        paragraphs.insert(rng.randint(1, len(paragraphs) - 1), rng.choice(parts.inline_links))
    signature = rng.choice(parts.signatures) if parts.signatures else "-VNA"
    paragraphs[-1] += rng.choice((" ", "")) + signature
    if rng.random() < 0.1:
        paragraphs.append("source")
    blocks.extend(paragraphs)

    teasers = rng.sample(parts.teasers, rng.randint(3, min(9, len(parts.teasers))))
    more = ["Voir plus"]
    for t in teasers:
        more.extend(([t.caption] if t.caption else []) + [t.title, t.summary])
    raw = "\n\n".join(blocks) + "\n\n\n" + "\n\n".join(more) + "\n"
    return Page(id=page_id, raw=raw, source_file="", url=f"{SYNTH_URL_PREFIX}{seed}/{page_id}")


def synth_pages(n: int, seed: int = 0) -> Iterator[Page]:
    """``n`` synthetic pages (ids ``synth-0000000`` …), the same for the same seed."""
    if n < 0:
        raise ValueError(f"the number of pages must be 0 or more, not {n}")
    for index in range(n):
        yield synth_page(index, seed)


def is_synthetic(page: Page) -> bool:
    """Whether a page came from :func:`synth_pages` (its ``url`` carries the mark)."""
    return page.url.startswith(SYNTH_URL_PREFIX)


def synthetic_pages_in(dataset: str | Path) -> int:
    """How many rows of a built dataset's ``pages`` config are synthetic (a release must find none).

    Read from the data itself (the ``url`` column), not from the card, so a hand-edited card cannot hide them.
    """
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    count = 0
    for path in sorted((Path(dataset) / "data" / "pages").glob("*.parquet")):
        urls = pq.read_table(path, columns=["url"])["url"]
        count += pc.sum(pc.starts_with(urls, SYNTH_URL_PREFIX)).as_py() or 0
    return count


def write_synth(n: int, out: str | Path, seed: int = 0, shard_pages: int = SHARD_PAGES) -> list[Path]:
    """Write ``n`` synthetic pages as ``synth-00000.jsonl.gz`` … shards of ``{"id", "text", "url"}`` records.

    The files are byte-identical for the same ``n``, ``seed`` and ``shard_pages`` (no gzip time stamp).
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out}: is a file, not a folder")
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    pages = synth_pages(n, seed)
    for shard in range(-(-n // shard_pages)):
        path = out / f"synth-{shard:05d}.jsonl.gz"
        tmp = path.with_name(path.name + ".part")
        with tmp.open("wb") as stream, gzip.GzipFile("", "wb", 5, stream, mtime=0) as gz:
            for _ in range(min(shard_pages, n - shard * shard_pages)):
                page = next(pages)
                record = {"id": page.id, "text": page.raw, "url": page.url}
                gz.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        tmp.replace(path)
        paths.append(path)
    return paths
