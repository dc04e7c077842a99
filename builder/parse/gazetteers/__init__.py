"""Word and name lists of the parsing core.

The modules here are plain lists written from general knowledge (``french``, ``organisations``, ``other_names``,
``persons``, ``places``), cheap to import; :mod:`builder.parse.gazetteers.catalogues` assembles the place, organisation
and other names from well-kept catalogues at its import (pycountry, babel, GeoNames), which costs about a second and
some 40 MiB: only the entity tagger imports it, so a process that reads zones (the build's driver) does not pay it.
"""
