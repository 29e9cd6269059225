"""A rating scheme an officer defines: the checks it must pass before a plan uses it.

Councils write their own legends (the WSOA's five BRAG ratings, the 2017 plan's
three RAG ones, others). Whatever the legend, the app relies on a few facts
about it: every name is distinct (and no synonym reads as two ratings), every
name can be read on its colour (WCAG AA), one rating means complete (it rests on
a sign-off, and it stops an item being overdue), at most one means "not
started", and the others are ranked by severity so "worse" has a meaning. A
draft that breaks any of these is refused with every problem listed, in words
that say what to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wsoa_desktop.domain.colour_contrast import (
    AA_NORMAL,
    best_text_colour,
    contrast_ratio,
    normalise_hex,
)
from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.rating_schemes import RatingDefinition, RatingScheme

MAX_RATINGS = 12
MAX_NAME = 40


@dataclass
class RatingDraft:
    """One row of the scheme dialog, as typed.

    ``original`` is the name the rating had in the plan's scheme when it was
    loaded for editing (None for a rating added now): a rating renamed keeps
    every status that uses it.
    """

    name: str
    meaning: str = ""
    colour: str = "#FFFFFF"
    text_colour: str = "#000000"
    synonyms: list[str] = field(default_factory=list)
    is_complete: bool = False
    is_not_started: bool = False
    severity: int = 0
    original: str | None = None

    @classmethod
    def from_definition(cls, r: RatingDefinition, *, keep_original: bool = True) -> RatingDraft:
        return cls(r.name, r.meaning, r.colour, r.text_colour, list(r.synonyms), r.is_complete,
                   r.is_not_started, r.severity, r.name if keep_original else None)


def drafts_of(scheme: RatingScheme, *, keep_original: bool = True) -> list[RatingDraft]:
    """The scheme's ratings as editable rows, in legend order."""
    return [RatingDraft.from_definition(r, keep_original=keep_original)
            for r in sorted(scheme.ratings, key=lambda r: r.position)]


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def split_synonyms(text: str) -> list[str]:
    """``"Yellow, At risk; A"`` → ``["Yellow", "At risk", "A"]`` (commas, semicolons or bars)."""
    for sep in (";", "|"):
        text = text.replace(sep, ",")
    return [" ".join(w.split()) for w in text.split(",") if w.strip()]


def scheme_problems(name: str, drafts: list[RatingDraft]) -> list[str]:
    """Everything wrong with a draft scheme, each in a sentence that says what to do."""
    problems: list[str] = []
    if not " ".join((name or "").split()):
        problems.append("Give the scheme a name, such as “WSOA BRAG 2025”.")
    if len(drafts) < 2:
        problems.append("A scheme needs at least two ratings.")
    if len(drafts) > MAX_RATINGS:
        problems.append(f"A scheme can have up to {MAX_RATINGS} ratings; this one has {len(drafts)}.")
    words: dict[str, str] = {}
    for i, d in enumerate(drafts, start=1):
        label = d.name.strip() or f"Rating {i}"
        if not d.name.strip():
            problems.append(f"Rating {i} has no name: type one, such as “Green”.")
        elif len(d.name.strip()) > MAX_NAME:
            problems.append(f"“{label[:20]}…” is too long for a rating name: use up to {MAX_NAME} characters.")
        for word in [d.name, *d.synonyms]:
            key = _norm(word)
            if not key:
                continue
            owner = words.get(key)
            if owner is not None and owner != label:
                problems.append(f"“{word.strip()}” would mean both {owner} and {label}: "
                                "use it for one rating only.")
            elif owner is None:
                words[key] = label
        fill, text = normalise_hex(d.colour), normalise_hex(d.text_colour)
        if fill is None:
            problems.append(f"{label}: “{d.colour}” is not a colour; use #RRGGBB, such as #2E8540.")
        if text is None:
            problems.append(f"{label}: the text colour “{d.text_colour}” is not a colour; use #000000 or #FFFFFF.")
        if fill and text:
            ratio = contrast_ratio(fill, text)
            if ratio < AA_NORMAL:
                best = best_text_colour(fill)
                problems.append(
                    f"{label}: its name is hard to read on its colour ({ratio:.1f}:1; WCAG AA needs "
                    f"{AA_NORMAL}:1). Use {'black' if best == '#000000' else 'white'} text "
                    f"({contrast_ratio(fill, best):.1f}:1) or another colour.")
        if d.is_complete and d.is_not_started:
            problems.append(f"{label} cannot mean both complete and not started.")
    complete = [d for d in drafts if d.is_complete]
    if len(complete) != 1:
        problems.append("Mark exactly one rating as meaning complete (Blue in the WSOA scheme): "
                        "it rests on a sign-off and stops an item counting as overdue."
                        if not complete else
                        f"Only one rating can mean complete; {', '.join(d.name for d in complete)} all do.")
    if len([d for d in drafts if d.is_not_started]) > 1:
        problems.append("Only one rating can mean not started (Grey in the WSOA scheme).")
    ranked: dict[int, str] = {}
    for d in drafts:
        if d.is_not_started:
            continue
        if d.severity < 0:
            problems.append(f"{d.name}: severity starts at 0 (the best rating).")
        if d.severity in ranked:
            problems.append(f"{ranked[d.severity]} and {d.name} have the same severity ({d.severity}): "
                            "give each a different place from best (0) to worst.")
        ranked.setdefault(d.severity, d.name)
    worst = max((d for d in drafts if not d.is_not_started), key=lambda d: d.severity, default=None)
    if worst is not None and worst.is_complete:
        problems.append(f"{worst.name} means complete but ranks as the most severe: complete should be "
                        "the best (severity 0).")
    return problems


def build_scheme(name: str, drafts: list[RatingDraft]) -> RatingScheme:
    """The scheme the drafts describe, in their order; ValidationError listing every problem."""
    problems = scheme_problems(name, drafts)
    if problems:
        raise ValidationError(problems[0] if len(problems) == 1 else
                              "The scheme cannot be used yet:\n• " + "\n• ".join(problems))
    ratings = []
    for position, d in enumerate(drafts):
        own = _norm(d.name)
        synonyms: list[str] = []
        for s in d.synonyms:
            s = " ".join(s.split())
            if s and _norm(s) != own and _norm(s) not in (_norm(x) for x in synonyms):
                synonyms.append(s)
        ratings.append(RatingDefinition(
            " ".join(d.name.split()), d.meaning.strip(), normalise_hex(d.colour) or d.colour,
            normalise_hex(d.text_colour) or d.text_colour, position, tuple(synonyms), d.is_complete,
            0 if d.is_not_started else d.severity, d.is_not_started))
    return RatingScheme(" ".join(name.split()), tuple(ratings))
