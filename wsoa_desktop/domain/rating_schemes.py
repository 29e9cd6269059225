"""Rating schemes belong to a plan.

The WSOA uses BRAG (Blue, Green, Amber, Red, Grey) with meanings set by the
plan's governance; the 2017 plan in the seeds used a three-level RAG in which Green
meant completed. A scheme knows its ratings' order (best first), colours, text
colours that read on that fill, the synonyms officers write (“Yellow” for Amber),
and which rating means complete.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class RatingDefinition:
    name: str
    meaning: str
    colour: str  # fill, "#RRGGBB"
    text_colour: str  # text on that fill, chosen for WCAG AA contrast
    position: int  # 0 = first in the legend
    synonyms: tuple[str, ...] = ()
    is_complete: bool = False  # "Blue": complete, needs sign-off in the WSOA scheme
    severity: int = 0  # higher is worse; used for direction of travel
    is_not_started: bool = False


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True)
class RatingScheme:
    name: str
    ratings: tuple[RatingDefinition, ...] = field(default_factory=tuple)

    def names(self) -> list[str]:
        return [r.name for r in sorted(self.ratings, key=lambda r: r.position)]

    @cached_property
    def _by_word(self) -> dict[str, RatingDefinition]:
        """Every name and synonym, normalised, to its rating (the first rating listing it wins)."""
        table: dict[str, RatingDefinition] = {}
        for r in self.ratings:
            for word in (r.name, *r.synonyms):
                table.setdefault(_norm(word), r)
        return table

    @cached_property
    def _seen(self) -> dict[str, RatingDefinition | None]:
        return {}

    def match(self, text: str | None) -> RatingDefinition | None:
        """The rating a typed word means: case and spaces ignored, synonyms followed.

        Reports ask this for every rating of every item, so answers are kept.
        """
        if text is None:
            return None
        seen = self._seen
        if text in seen:
            return seen[text]
        key = _norm(text)
        found = self._by_word.get(key) if key else None
        if len(seen) < 1000:
            seen[text] = found
        return found

    def get(self, name: str) -> RatingDefinition:
        found = self.match(name)
        if found is None:
            raise KeyError(name)
        return found

    def compare(self, old: str | None, new: str | None) -> int:
        """Direction of travel: +1 better, -1 worse, 0 same or not comparable."""
        a, b = self.match(old), self.match(new)
        if a is None or b is None or a.is_not_started or b.is_not_started:
            return 0
        if b.severity < a.severity:
            return 1
        if b.severity > a.severity:
            return -1
        return 0


WSOA_BRAG = RatingScheme(
    "WSOA BRAG",
    (
        RatingDefinition(
            "Blue",
            "Action complete, impact measures achieved and approval to close obtained "
            "from the board that signs off the plan's actions",
            "#1F5FAD", "#FFFFFF", 0, ("B", "Complete", "Completed"), is_complete=True, severity=0,
        ),
        RatingDefinition(
            "Green",
            "Action on track to achieve the impact measures and within the timelines set.",
            "#2E8540", "#FFFFFF", 1, ("G", "On track"), severity=1,
        ),
        RatingDefinition(
            "Amber",
            "Action at risk of not achieving the impact measures and/or completion within "
            "the timelines set.",
            "#F2A900", "#000000", 2, ("A", "Yellow", "Orange", "At risk"), severity=2,
        ),
        RatingDefinition(
            "Red",
            "Action at significant risk of not achieving the impact measures and completion "
            "within the timelines set.",
            "#C8102E", "#FFFFFF", 3, ("R", "Significant risk"), severity=3,
        ),
        RatingDefinition(
            "Grey", "Action awaiting start.", "#8A8D8F", "#000000", 4,
            ("Gray", "Awaiting start", "Not started"), severity=0, is_not_started=True,
        ),
    ),
)

RAG_2017 = RatingScheme(
    "RAG (complete = Green)",
    (
        RatingDefinition("Green", "Completed", "#2E8540", "#FFFFFF", 0,
                         ("G", "Completed", "Complete"), is_complete=True, severity=0),
        RatingDefinition("Amber", "On track", "#F2A900", "#000000", 1,
                         ("A", "Yellow", "On track"), severity=1),
        RatingDefinition("Red", "Not started / may miss target", "#C8102E", "#FFFFFF", 2,
                         ("R", "Behind schedule"), severity=2),
    ),
)

BUILTIN_SCHEMES = {WSOA_BRAG.name: WSOA_BRAG, RAG_2017.name: RAG_2017}
DEFAULT_SCHEME = WSOA_BRAG
