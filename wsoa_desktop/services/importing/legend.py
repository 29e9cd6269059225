"""The rating scheme a document keys for itself, or one the officer chooses.

The 2022 appendix ends with its key (Blue = complete and approved to close, …,
Grey = awaiting start); the 2017 plan opens with its own (Red = not started / may
miss target, Amber = on track, Green = action completed). A key whose ratings
and “complete” rating are those of a built-in scheme *is* that scheme; any other
key becomes the plan's own scheme, with the document's words as the meanings,
best rating first. The officer can instead choose a built-in scheme by name.
"""

from __future__ import annotations

import re

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.rating_schemes import (
    BUILTIN_SCHEMES,
    WSOA_BRAG,
    RatingDefinition,
    RatingScheme,
)
from wsoa_desktop.services.importing.rows import LegendEntry

_COMPLETE = re.compile(r"\b(complete|completed|closed|achieved and closed)\b", re.IGNORECASE)
_NOT_STARTED = re.compile(r"^\s*(action\s+)?(awaiting|not yet)\s+start", re.IGNORECASE)
#: How good a colour reads when a key does not say (lower is better); the complete rating is best.
_RANK = {"blue": 0, "green": 1, "yellow": 2, "amber": 3, "orange": 3, "red": 4}
_FILLS = {"blue": ("#1F5FAD", "#FFFFFF"), "green": ("#2E8540", "#FFFFFF"), "amber": ("#F2A900", "#000000"),
          "yellow": ("#FFE14D", "#000000"), "orange": ("#E87722", "#000000"), "red": ("#C8102E", "#FFFFFF"),
          "grey": ("#8A8D8F", "#000000"), "gray": ("#8A8D8F", "#000000")}
#: Other names a built-in scheme is chosen by (``--scheme 2017``).
ALIASES = {"wsoa": "WSOA BRAG", "brag": "WSOA BRAG", "2022": "WSOA BRAG", "wsoa brag": "WSOA BRAG",
           "rag 2017": "RAG (complete = Green)", "2017": "RAG (complete = Green)",
           "rag": "RAG (complete = Green)"}


def choose_scheme(name: str) -> RatingScheme:
    """A built-in scheme by its name (or a short alias); refuses any other name, listing them."""
    key = " ".join((name or "").split()).casefold()
    for scheme in BUILTIN_SCHEMES.values():
        if scheme.name.casefold() == key:
            return scheme
    if key in ALIASES:
        return BUILTIN_SCHEMES[ALIASES[key]]
    names = "; ".join(f"“{s.name}” ({', '.join(s.names())})" for s in BUILTIN_SCHEMES.values())
    raise ValidationError(f"There is no rating scheme “{name}”. Choose one of: {names}.")


def _is_complete(entry: LegendEntry) -> bool:
    return bool(_COMPLETE.search(entry.meaning)) and not re.search(r"\bnot\s+(yet\s+)?complete",
                                                                     entry.meaning, re.IGNORECASE)


def scheme_from_legend(entries: list[LegendEntry], source: str) -> tuple[RatingScheme, str]:
    """The scheme a document's key describes, and a line saying which it is."""
    names = {e.name.casefold() for e in entries}
    complete = [e.name.casefold() for e in entries if _is_complete(e)]
    for scheme in BUILTIN_SCHEMES.values():
        builtin_complete = [r.name.casefold() for r in scheme.ratings if r.is_complete]
        if {n.casefold() for n in scheme.names()} == names and complete == builtin_complete:
            return scheme, f"The document's own rating key is the built-in scheme “{scheme.name}” " \
                           f"({', '.join(scheme.names())})."
    ratings: list[RatingDefinition] = []
    taken = {e.name.casefold() for e in entries}
    letters = [e.name.strip()[:1].upper() for e in entries]
    for e in entries:
        key = e.name.casefold()
        is_complete = key in complete[:1]
        not_started = key in ("grey", "gray") or (bool(_NOT_STARTED.match(e.meaning)) and key not in _RANK)
        known = WSOA_BRAG.match(e.name)
        synonyms = tuple(s for s in (known.synonyms if known else ()) if s.casefold() not in taken
                         and len(s) > 1 and not _COMPLETE.search(s))
        fill, text = _FILLS.get(key, (e.colour or "#FFFFFF", "#000000"))
        severity = 0 if is_complete else _RANK.get(key, 5) + 1
        ratings.append(RatingDefinition(e.name.strip().capitalize() if e.name.isupper() else e.name.strip(),
                                        e.meaning, fill, text, 0,
                                        (*([e.name.strip()[:1].upper()] if letters.count(
                                            e.name.strip()[:1].upper()) == 1 else []), *synonyms),
                                        is_complete, severity, not_started))
    ordered = sorted(ratings, key=lambda r: (r.is_not_started, r.severity))
    # Severities counted from 0 in order, so "worse" compares as the key reads.
    ratings = [RatingDefinition(r.name, r.meaning, r.colour, r.text_colour, i, r.synonyms, r.is_complete,
                                0 if r.is_not_started else i, r.is_not_started) for i, r in enumerate(ordered)]
    scheme = RatingScheme(f"Key from {source}"[:80], tuple(ratings))
    return scheme, "The plan's ratings follow the document's own key: " + "; ".join(
        f"{r.name} = {r.meaning}" for r in ratings) + "."
