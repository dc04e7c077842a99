"""The parsing core: one pure function from a raw page to its parts.

``parse_page`` is loaded on first use (PEP 562): importing a module of this package, say the zone step's, does not
load the entity tagger and its catalogues.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from builder.parse.page import parse_page

__all__ = ["parse_page"]


def __getattr__(name: str) -> Any:
    if name == "parse_page":
        from builder.parse.page import parse_page

        globals()[name] = parse_page  # later look-ups find it without this function
        return parse_page
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
