"""Change a plan's rating scheme without losing a single rating already given.

Ratings are stored against the scheme's rows, so a rating renamed (or
recoloured, or given new synonyms) keeps every status that uses it. A rating
taken out of the scheme while items still hold it must be mapped to one that
stays: every status that held it, in every period, then holds the new one, and
the audit trail says how many moved. Published versions are untouched: they
keep the scheme they were published with. One transaction; a refusal changes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import col, func, select

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.rating_schemes import RatingScheme
from wsoa_desktop.domain.scheme_design import RatingDraft, build_scheme
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user
from wsoa_desktop.services.row_versions import claim
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import RatingRow, RatingSchemeRow, StatusUpdate, id_of


@dataclass
class SchemeChange:
    """What a change did, for the status bar and the tests."""

    scheme: RatingScheme
    renamed: list[tuple[str, str]] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    moved: dict[str, tuple[str, int]] = field(default_factory=dict)  # old name -> (new name, statuses)
    #: The scheme's version after the change: what an undo names as seen.
    version: int = 0


def scheme_version(store: Store, plan_id: int) -> int:
    """The plan's scheme row version now (what a dialog opened now names as seen; 0 without a scheme)."""
    with store.session() as s:
        row = s.exec(select(RatingSchemeRow.version).where(RatingSchemeRow.plan_id == plan_id)).first()
        return int(row or 0)


def ratings_in_use(store: Store, plan_id: int) -> dict[str, int]:
    """Rating name → how many statuses (in any period) hold it."""
    with store.session() as s:
        rows = s.exec(select(RatingRow.name, func.count(col(StatusUpdate.id)))
                      .join(RatingSchemeRow, col(RatingSchemeRow.id) == col(RatingRow.scheme_id))
                      .join(StatusUpdate, col(StatusUpdate.rating_id) == col(RatingRow.id))
                      .where(RatingSchemeRow.plan_id == plan_id).group_by(RatingRow.name)).all()
        return {name: int(n) for name, n in rows}


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def change_scheme(store: Store, plan_id: int, name: str, drafts: list[RatingDraft], *,
                  mapping: dict[str, str] | None = None, by: str | None = None,
                  seen: int | None = None) -> SchemeChange:
    """Make the plan's scheme what ``drafts`` describe; ``mapping`` moves removed ratings in use.

    Each draft's ``original`` names the rating it edits (None for a new one).
    ``seen`` is the scheme's version the officer edited (:func:`scheme_version`):
    a scheme someone else changed since is refused
    (:class:`~wsoa_desktop.domain.errors.StaleEdit`) and nothing is written.
    """
    scheme = build_scheme(name, drafts)
    mapping = {_norm(k): v for k, v in (mapping or {}).items()}
    who = by or default_user()
    change = SchemeChange(scheme)
    with store.write() as s:
        scheme_row = s.exec(select(RatingSchemeRow).where(RatingSchemeRow.plan_id == plan_id)).first()
        if scheme_row is None:
            raise ValidationError(f"There is no plan {plan_id} with a rating scheme in this database.")
        change.version = claim(s, "rating_scheme", id_of(scheme_row), seen, plan_id=plan_id, ref="",
                               audit_field="scheme", label="The plan's rating scheme")
        current = {r.name: r for r in s.exec(select(RatingRow).where(RatingRow.scheme_id == scheme_row.id))}
        originals = [d.original for d in drafts if d.original is not None]
        unknown = [o for o in originals if o not in current]
        if unknown:
            raise ValidationError(f"“{unknown[0]}” is no longer in the plan's scheme (it was changed meanwhile): "
                                  "close the scheme and open it again.")
        if len(set(originals)) != len(originals):
            raise ValidationError("Two rows edit the same rating: delete one of them.")
        uses = dict(s.exec(select(StatusUpdate.rating_id, func.count(col(StatusUpdate.id)))
                           .where(col(StatusUpdate.rating_id).in_([r.id for r in current.values()]))
                           .group_by(col(StatusUpdate.rating_id))).all())
        new_names = {_norm(r.name): r.name for r in scheme.ratings}
        removed = [n for n in current if n not in originals]
        targets: dict[str, str] = {}
        for old in removed:
            count = int(uses.get(current[old].id, 0))
            if not count:
                continue
            target = mapping.get(_norm(old))
            if target is None or _norm(target) not in new_names:
                raise ValidationError(
                    f"“{old}” is held by {count} rating{'s' if count != 1 else ''} in this plan: keep it, or "
                    f"choose the rating {'they become' if count != 1 else 'it becomes'} "
                    f"({', '.join(scheme.names())}).")
            targets[old] = new_names[_norm(target)]
        # Kept rows first take a name no rating can have (names are stored with their whitespace
        # folded to single spaces, so never with a tab; and not NUL, which a server refuses), so
        # swapping two names cannot collide.
        for row in current.values():
            if row.name in originals:
                row.name = f"\t{row.id}"
                s.add(row)
        s.flush()
        rows_by_name: dict[str, RatingRow] = {}
        for d, r in zip(drafts, scheme.ratings, strict=True):
            row = current[d.original] if d.original is not None else RatingRow(scheme_id=id_of(scheme_row), name="")
            if d.original is None:
                change.added.append(r.name)
            elif d.original != r.name:
                change.renamed.append((d.original, r.name))
            row.name, row.meaning, row.colour, row.text_colour = r.name, r.meaning, r.colour, r.text_colour
            row.position, row.synonyms, row.severity = r.position, "|".join(r.synonyms), r.severity
            row.is_complete, row.is_not_started = r.is_complete, r.is_not_started
            s.add(row)
            rows_by_name[r.name] = row
        s.flush()
        for old, target in targets.items():
            n = int(uses.get(current[old].id, 0))
            s.connection().exec_driver_sql("UPDATE status_update SET rating_id = ? WHERE rating_id = ?",
                                           (rows_by_name[target].id, current[old].id))
            change.moved[old] = (target, n)
            audit.record(s, plan_id, who, "rating scheme", "", f"ratings {old}", f"{n} × {old}", f"{n} × {target}")
        for old in removed:
            s.delete(current[old])
            change.removed.append(old)
        s.flush()
        before = scheme_row.name
        scheme_row.name = scheme.name
        s.add(scheme_row)
        audit.record(s, plan_id, who, "rating scheme", "", "scheme", before, _describe(scheme))
        for old, new in change.renamed:
            audit.record(s, plan_id, who, "rating scheme", "", "rating renamed", old, new)
    return change


def _describe(scheme: RatingScheme) -> str:
    """``"WSOA BRAG: Blue (complete), Green, Amber, Red, Grey (not started)"``."""
    parts = []
    for r in sorted(scheme.ratings, key=lambda r: r.position):
        mark = " (complete)" if r.is_complete else " (not started)" if r.is_not_started else ""
        parts.append(f"{r.name}{mark}")
    return f"{scheme.name}: {', '.join(parts)}"
