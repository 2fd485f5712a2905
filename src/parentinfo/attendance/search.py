"""Finding a name at the door: case, accents and alphabet do not matter.

The folding is the one contacts are searched by (:mod:`parentinfo.lib.folding`), so a name a
coordinator finds in the contacts list is found at the door by the same letters.
"""

from __future__ import annotations

from parentinfo.lib.folding import fold, matches, query_words, search_key

__all__ = ["fold", "matches", "query_words", "search_key"]
