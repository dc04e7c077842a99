"""The parsing core: one pure function from a raw page to its parts."""

from builder.parse.page import parse_page

__all__ = ["parse_page"]
