"""vna-corpus: parse, label, score and package scraped French pages of the Vietnam News Agency."""

__version__ = "0.2.0"
