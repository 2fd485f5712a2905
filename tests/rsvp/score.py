"""How well the parser reads a corpus of replies: ``python -m tests.rsvp.score [corpus.py]``.

The corpus is a module with ``CASES`` of ``(language, text, intent, party, code, question)``
and ``KNOWN_CODES`` (engineer "table"'s ``tests/rsvp/replies_corpus.py`` by default, or any
file given). Prints, overall and per language: the share of lines whose intent is right;
whose intent, party size and code are all right; whose question flag is right; and how many
opt-outs were read as an answer (that must be zero). ``--misses`` lists what was read wrong.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType

from parentinfo.rsvp.parser import ANSWERS, parse_reply

_OPT_OUTS = ("stop", "possible_stop")


def _load(path: str | None) -> ModuleType:
    if path is None:
        return importlib.import_module("tests.rsvp.replies_corpus")
    spec = importlib.util.spec_from_file_location("corpus", Path(path))
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    """Score the corpus; the exit status is 1 when an opt-out was read as an answer."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--hint", action="store_true", help="pass the line's language")
    args = parser.parse_args(argv)
    corpus = _load(args.corpus)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for language, text, intent, party, code, question in corpus.CASES:
        hint = language if args.hint else None
        reading = parse_reply(text, known_codes=corpus.KNOWN_CODES, language=hint)
        right = reading.intent.value == intent
        whole = right and (reading.party_size, reading.code) == (party, code)
        misread = intent in _OPT_OUTS and reading.intent in ANSWERS
        for key in (language, "all"):
            row = totals[key]
            row[0] += 1
            row[1] += right
            row[2] += whole
            row[3] += reading.question == question
            row[4] += misread
        if args.misses and not (whole and reading.question == question):
            got = (reading.intent.value, reading.party_size, reading.code, reading.question)
            _say(f"{language} {text!r}: want {(intent, party, code, question)} got {got}")
    _say(f"{'lang':6}{'lines':>7}{'answer':>9}{'+party+code':>13}{'question':>10}{'opt-out':>9}")
    for key in sorted(totals, key=lambda k: (k == "all", k)):
        n, right, whole, asked, misread = totals[key]
        _say(
            f"{key:6}{n:7d}{100 * right / n:8.1f}%{100 * whole / n:12.1f}%"
            f"{100 * asked / n:9.1f}%{misread:9d}"
        )
    return 1 if totals["all"][4] else 0


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")


if __name__ == "__main__":
    sys.exit(main())
