"""Action owners written by name or by initials, resolved against the plan's own owners table.

The 2017 joint action plan lists its owners once (Appendix A: ``PW (I) | Paula
Williams | Head of Inclusion``, ``PW (EY) | Paula Williams | Service Leader, Early
Years``) and then writes "PW", "CW", "PW(EY)" or a name. An owner that matches one
person is linked to that person. One that could be several ("PW": the Head of
Inclusion or the Early Years lead; "Paula Williams": both) is never guessed: the
dry run lists it with its row, the Lead text is kept as written, and the officer
can say who it is (in the dry run: ``{"PW": "Paula Williams (I)"}``).

Two owners with the same name are kept apart by the qualifier in their initials:
"Paula Williams (I)" and "Paula Williams (EY)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wsoa_desktop.services.importing.rows import OwnerEntry, split_leads

_INITIALS = re.compile(r"^[A-Z]{1,4}\s*(?:\(\s*[A-Za-z]{1,4}\s*\))?$")
_BRACKETED = re.compile(r"\(([^()]*)\)")


def initials_key(text: str) -> str:
    """``PW (EY)`` and ``pw(ey)`` alike: upper case, no spaces or dots."""
    return re.sub(r"[\s.]", "", text or "").upper()


def looks_like_initials(text: str) -> bool:
    return bool(_INITIALS.match(" ".join((text or "").split())))


@dataclass(frozen=True)
class Owner:
    """A person from the owners table, under the name the plan will know them by."""

    name: str  # unique in the plan: "Paula Williams (EY)" when the name is shared
    written_name: str
    initials: str
    position: str
    where: str


@dataclass
class Resolution:
    """What a Lead cell's owners turned out to be."""

    names: list[str] = field(default_factory=list)  # people linked, in order
    unsure: list[tuple[str, list[Owner]]] = field(default_factory=list)  # written, candidates
    unknown: list[str] = field(default_factory=list)  # initials not in the owners table (added as written)


class OwnersList:
    """The owners table, looked up by initials or by name."""

    def __init__(self, entries: list[OwnerEntry], choices: dict[str, str] | None = None) -> None:
        self.notes: list[str] = []
        shared: dict[str, int] = {}
        for e in entries:
            key = " ".join(e.name.split()).casefold()
            shared[key] = shared.get(key, 0) + 1
        self.owners: list[Owner] = []
        for e in entries:
            written = " ".join(e.name.split()) or " ".join(e.initials.split())
            name = written
            if shared.get(written.casefold(), 0) > 1:
                qualifier = _BRACKETED.search(e.initials)
                name = f"{written} ({(qualifier.group(1) if qualifier else e.initials).strip()})"
            self.owners.append(Owner(name, written, " ".join(e.initials.split()), e.position, e.where))
        doubled = sorted({o.written_name for o in self.owners if o.name != o.written_name})
        for written in doubled:
            names = [o.name for o in self.owners if o.written_name == written]
            self.notes.append(f"Two owners are called {written}: they are kept as " + " and ".join(
                f"“{n}”" for n in names) + " (from their initials).")
        self.by_initials: dict[str, list[Owner]] = {}
        self.by_name: dict[str, list[Owner]] = {}
        for o in self.owners:
            if o.initials:
                self.by_initials.setdefault(initials_key(o.initials), []).append(o)
            self.by_name.setdefault(o.written_name.casefold(), []).append(o)
            self.by_name.setdefault(o.name.casefold(), []).append(o)
        self.choices: dict[str, Owner] = {}
        for written, chosen in (choices or {}).items():
            found = self._find(chosen)
            if len(found) != 1:
                raise ValueError(chosen)
            self.choices[self._choice_key(written)] = found[0]

    def __bool__(self) -> bool:
        return bool(self.owners)

    @staticmethod
    def _choice_key(text: str) -> str:
        text = " ".join((text or "").split())
        short = re.fullmatch(r"[A-Za-z]{1,4}\s*(?:\(\s*[A-Za-z]{1,4}\s*\))?", text)  # "pw" typed is "PW"
        return initials_key(text) if short else text.casefold()

    def _find(self, text: str) -> list[Owner]:
        text = " ".join((text or "").split())
        if not text:
            return []
        if looks_like_initials(text):
            key = initials_key(text)
            exact = self.by_initials.get(key)
            if exact:
                return list(dict.fromkeys(exact))
            if "(" not in key:  # "PW" for "PW (I)" or "PW (EY)"
                return [o for o in self.owners if initials_key(o.initials).split("(")[0] == key]
            return []
        return list(dict.fromkeys(self.by_name.get(text.casefold(), [])))

    def parts(self, cell: str) -> list[str]:
        """The owners written in one Lead cell: "Jackie Parkin (Paula Williams)" is two, "PW (EY)" one."""
        out: list[str] = []
        for piece in split_leads(cell):
            inner = [m.group(1).strip() for m in _BRACKETED.finditer(piece)]
            if inner and not looks_like_initials(piece) and any(len(i.split()) > 1 for i in inner):
                out.append(_BRACKETED.sub("", piece).strip())
                out.extend(i for i in inner if i)
            else:
                out.append(piece)
        final: list[str] = []
        for piece in out:
            halves = [h.strip() for h in re.split(r"\s+and\s+", piece) if h.strip()]
            if len(halves) > 1 and all(self._find(h) for h in halves):
                final.extend(halves)
            elif piece:
                final.append(piece)
        return list(dict.fromkeys(final))

    def resolve(self, cell: str) -> Resolution:
        result = Resolution()
        for piece in self.parts(cell):
            chosen = self.choices.get(self._choice_key(piece))
            found = [chosen] if chosen is not None else self._find(piece)
            if len(found) == 1:
                result.names.append(found[0].name)
            elif len(found) > 1:
                result.unsure.append((piece, found))
            elif looks_like_initials(piece):
                result.names.append(piece)  # a team or someone the table leaves out: added, and said
                result.unknown.append(piece)
            else:
                result.names.append(piece)  # a name not in the table: a new person, as written
        result.names = list(dict.fromkeys(result.names))
        return result
