"""The plan's boards, workstream subgroups and committees: who chairs, who sits, who signs off.

From the WSOA's governance section: an executive board oversees delivery (and
its approval closes an action), a strategic board holds accountability, each
priority has a workstream subgroup with its chairs and members, and a scrutiny
committee of the council reads the BRAG appendix. None of their names is
written into the app: they are the plan's data, edited here, and the sign-off
dialog, the meeting calendar and the covering report read them from here.

Every write is one transaction with its audit entry. Members are kept as
written ("Julie Day, Head of Service Inclusion"), with a role where the paper
gives one in its own column, and a chair mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, func, select

from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user, transaction
from wsoa_desktop.services.row_versions import claim
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import Priority, Subgroup, SubgroupMember, id_of

BOARD, SUBGROUP, COMMITTEE = "board", "subgroup", "committee"
#: Kind → the word the officer reads, in the order the panel lists them.
KINDS: dict[str, str] = {BOARD: "Board", SUBGROUP: "Subgroup", COMMITTEE: "Committee"}
#: The plan document's list for each kind.
DOCUMENT_KEYS: dict[str, str] = {SUBGROUP: "subgroups", BOARD: "boards", COMMITTEE: "committees"}


@dataclass(frozen=True)
class Member:
    """One member as the paper writes them; ``role`` when the paper has a column for it."""

    text: str
    role: str = ""
    is_chair: bool = False

    @property
    def display(self) -> str:
        return f"{self.text}, {self.role}" if self.role else self.text


@dataclass(frozen=True)
class GroupFields:
    """What the officer edits for a board, subgroup or committee."""

    name: str
    kind: str = BOARD
    priority_ref: str = ""  # the priority a subgroup leads
    members: tuple[Member, ...] = ()
    note: str = ""
    signs_off: bool = False  # this board's approval closes actions

    @property
    def chairs(self) -> list[Member]:
        return [m for m in self.members if m.is_chair]


@dataclass(frozen=True)
class GroupView(GroupFields):
    id: int = 0
    position: int = 0
    #: The saved row's version: what an edit made on this view names as seen (two officers at once).
    version: int = 0

    def fields(self) -> GroupFields:
        """The editable part, as a plain :class:`GroupFields` (what an edit starts from)."""
        return GroupFields(self.name, self.kind, self.priority_ref, self.members, self.note, self.signs_off)


def _tidy(text: str | None) -> str:
    return " ".join((text or "").split())


def _tidy_fields(fields: GroupFields) -> GroupFields:
    members = tuple(Member(_tidy(m.text), _tidy(m.role), bool(m.is_chair)) for m in fields.members
                    if _tidy(m.text) or _tidy(m.role))
    for m in members:
        if not m.text:
            raise ValidationError(f"A member with the role “{m.role}” has no name: type it, or delete the row.")
    name = _tidy(fields.name)
    if not name:
        raise ValidationError("Give the board or subgroup a name, as the plan writes it.")
    if fields.kind not in KINDS:
        raise ValidationError(f"“{fields.kind}” is not a kind of group: choose board, subgroup or committee.")
    priority_ref = _tidy(fields.priority_ref).rstrip(".")
    if priority_ref and fields.kind != SUBGROUP:
        raise ValidationError(f"{name}: only a workstream subgroup leads a priority. Make it a subgroup, "
                              "or leave the priority empty.")
    if fields.signs_off and fields.kind == SUBGROUP:
        raise ValidationError(f"{name}: a subgroup does not sign off actions. Mark the board whose approval "
                              "closes an action instead.")
    return GroupFields(name, fields.kind, priority_ref, members, fields.note.strip(), bool(fields.signs_off))


def _view(s: Session, g: Subgroup, priority_refs: dict[int, str]) -> GroupView:
    members = s.exec(select(SubgroupMember).where(SubgroupMember.subgroup_id == g.id)
                     .order_by(col(SubgroupMember.position), col(SubgroupMember.id))).all()
    return GroupView(g.name, g.kind, priority_refs.get(g.priority_id, "") if g.priority_id else "",
                     tuple(Member(m.text, m.role, bool(m.is_chair)) for m in members), g.note,
                     bool(g.signs_off), id_of(g), g.position, g.version)


def _priority_refs(s: Session, plan_id: int) -> dict[int, str]:
    rows = s.connection().exec_driver_sql("SELECT id, ref FROM priority WHERE plan_id = ?", (plan_id,)).fetchall()
    return {int(i): str(r) for i, r in rows}


def read_groups(s: Session, plan_id: int) -> list[GroupView]:
    refs = _priority_refs(s, plan_id)
    rows = s.exec(select(Subgroup).where(Subgroup.plan_id == plan_id)
                  .order_by(col(Subgroup.position), col(Subgroup.id))).all()
    return [_view(s, g, refs) for g in rows]


def groups(store: Store, plan_id: int, kind: str | None = None) -> list[GroupView]:
    """The plan's groups in their order (boards, subgroups and committees as recorded)."""
    with store.session() as s:
        found = read_groups(s, plan_id)
    return [g for g in found if kind is None or g.kind == kind]


def get_group(store: Store, plan_id: int, group_id: int) -> GroupView:
    with store.session() as s:
        g = s.get(Subgroup, group_id)
        if g is None or g.plan_id != plan_id:
            raise NotFoundError(f"There is no board or subgroup {group_id} in this plan.")
        return _view(s, g, _priority_refs(s, plan_id))


def _check_unique(s: Session, plan_id: int, fields: GroupFields, group_id: int | None) -> int | None:
    """Refuse a duplicate name or a priority led twice; return the priority's id."""
    for g in s.exec(select(Subgroup).where(Subgroup.plan_id == plan_id)):
        if g.id != group_id and g.name.casefold() == fields.name.casefold():
            raise ValidationError(f"There is already a {KINDS.get(g.kind, 'group').lower()} called "
                                  f"“{g.name}” in this plan: choose another name.")
    if not fields.priority_ref:
        return None
    pid = s.exec(select(Priority.id).where(Priority.plan_id == plan_id,
                                           Priority.ref == fields.priority_ref)).first()
    if pid is None:
        refs = ", ".join(sorted(_priority_refs(s, plan_id).values())) or "none yet"
        raise ValidationError(f"There is no priority {fields.priority_ref} in this plan (priorities: {refs}).")
    other = s.exec(select(Subgroup.name).where(Subgroup.plan_id == plan_id, Subgroup.priority_id == pid,
                                               Subgroup.id != (group_id or -1))).first()
    if other:
        raise ValidationError(f"Priority {fields.priority_ref} is already led by {other}: "
                              "a priority has one workstream subgroup.")
    return int(pid)


def _write_members(s: Session, group_id: int, members: tuple[Member, ...]) -> None:
    for old in s.exec(select(SubgroupMember).where(SubgroupMember.subgroup_id == group_id)).all():
        s.delete(old)
    s.flush()
    for i, m in enumerate(members):
        s.add(SubgroupMember(subgroup_id=group_id, text=m.text, role=m.role, is_chair=m.is_chair, position=i))


def _only_signer(s: Session, plan_id: int, group_id: int) -> None:
    """One board signs off: marking this one unmarks the others."""
    for g in s.exec(select(Subgroup).where(Subgroup.plan_id == plan_id, Subgroup.signs_off == True,  # noqa: E712
                                           Subgroup.id != group_id)):
        g.signs_off = False
        s.add(g)


def _summary(f: GroupFields) -> str:
    chairs = "; ".join(m.text for m in f.chairs)
    parts = [KINDS[f.kind]]
    if f.priority_ref:
        parts.append(f"leads priority {f.priority_ref}")
    if chairs:
        parts.append(f"chairs: {chairs}")
    parts.append(f"{len(f.members)} member{'s' if len(f.members) != 1 else ''}")
    if f.signs_off:
        parts.append("signs off actions")
    return ", ".join(parts)


def add_group(store: Store, plan_id: int, fields: GroupFields, *, position: int | None = None,
              by: str | None = None, session: Session | None = None) -> int:
    """A new board, subgroup or committee; returns its id. ``position`` puts it back where it was."""
    fields = _tidy_fields(fields)
    with transaction(store, session) as s:
        priority_id = _check_unique(s, plan_id, fields, None)
        if position is None:
            last = s.exec(select(func.max(Subgroup.position)).where(Subgroup.plan_id == plan_id)).one()
            position = (last if last is not None else -1) + 1
        else:
            for g in s.exec(select(Subgroup).where(Subgroup.plan_id == plan_id, Subgroup.position >= position)):
                g.position += 1
                s.add(g)
        row = Subgroup(plan_id=plan_id, kind=fields.kind, name=fields.name, note=fields.note,
                       priority_id=priority_id, position=position, signs_off=fields.signs_off)
        s.add(row)
        s.flush()
        _write_members(s, id_of(row), fields.members)
        if fields.signs_off:
            _only_signer(s, plan_id, id_of(row))
        audit.record(s, plan_id, by or default_user(), fields.kind, "", fields.name, None, _summary(fields),
                     "create")
        return id_of(row)


def update_group(store: Store, plan_id: int, group_id: int, fields: GroupFields, *,
                 by: str | None = None, seen: int | None = None) -> int:
    """Replace a group's name, kind, priority, members, note and sign-off mark; returns its new version.

    ``seen``: the version the officer edited (one changed since is refused with StaleEdit).
    """
    fields = _tidy_fields(fields)
    with store.write() as s:
        row = s.get(Subgroup, group_id)
        if row is None or row.plan_id != plan_id:
            raise NotFoundError(f"There is no board or subgroup {group_id} in this plan: it may have been "
                                "deleted. Close the panel and open it again.")
        version = claim(s, "subgroup", group_id, seen, plan_id=plan_id, ref="", audit_field=row.name,
                        label=row.name)
        before = _view(s, row, _priority_refs(s, plan_id))
        row.priority_id = _check_unique(s, plan_id, fields, group_id)
        row.name, row.kind, row.note, row.signs_off = fields.name, fields.kind, fields.note, fields.signs_off
        s.add(row)
        _write_members(s, group_id, fields.members)
        if fields.signs_off:
            _only_signer(s, plan_id, group_id)
        old, new = _summary(before), _summary(fields)
        audit.record(s, plan_id, by or default_user(), fields.kind, "", fields.name,
                     f"{before.name}: {old}" if before.name != fields.name else old, new)
        return version


def remove_group(store: Store, plan_id: int, group_id: int, *, by: str | None = None,
                 seen: int | None = None) -> GroupView:
    """Delete a group and its member list; returns what it was (so it can be put back)."""
    with store.write() as s:
        row = s.get(Subgroup, group_id)
        if row is None or row.plan_id != plan_id:
            raise NotFoundError(f"There is no board or subgroup {group_id} in this plan.")
        claim(s, "subgroup", group_id, seen, plan_id=plan_id, ref="", audit_field=row.name, label=row.name)
        was = _view(s, row, _priority_refs(s, plan_id))
        audit.record(s, plan_id, by or default_user(), row.kind, "", row.name, _summary(was), None, "delete")
        s.delete(row)
        return was


def move_group(store: Store, plan_id: int, group_id: int, step: int, *, by: str | None = None) -> bool:
    """Move a group up (-1) or down (+1) in the list (the subgroups' order is the spotlight rota)."""
    with store.write() as s:
        rows = list(s.exec(select(Subgroup).where(Subgroup.plan_id == plan_id)
                           .order_by(col(Subgroup.position), col(Subgroup.id))))
        index = next((i for i, g in enumerate(rows) if g.id == group_id), None)
        if index is None:
            raise NotFoundError(f"There is no board or subgroup {group_id} in this plan.")
        other = index + step
        if not 0 <= other < len(rows):
            return False
        rows[index], rows[other] = rows[other], rows[index]
        for i, g in enumerate(rows):
            g.position = i
            s.add(g)
        audit.record(s, plan_id, by or default_user(), rows[other].kind, "", rows[other].name,
                     str(index + 1), str(other + 1))
        return True


# -- sign-off -----------------------------------------------------------------------------


def read_sign_off_body(s: Session, plan_id: int) -> str | None:
    """The board whose approval closes an action: the one marked, else the first board; None without boards."""
    boards = s.exec(select(Subgroup).where(Subgroup.plan_id == plan_id, Subgroup.kind != SUBGROUP)
                    .order_by(col(Subgroup.position), col(Subgroup.id))).all()
    marked = [g for g in boards if g.signs_off]
    if marked:
        return marked[0].name
    first_board = next((g for g in boards if g.kind == BOARD), None)
    return first_board.name if first_board else None


def sign_off_body(store: Store, plan_id: int) -> str | None:
    with store.session() as s:
        return read_sign_off_body(s, plan_id)


def sign_off_bodies(store: Store, plan_id: int) -> list[str]:
    """Bodies a sign-off may name: the signing board first, then the other boards and committees."""
    with store.session() as s:
        first = read_sign_off_body(s, plan_id)
        names = [g.name for g in read_groups(s, plan_id) if g.kind != SUBGROUP]
    return ([first] if first else []) + [n for n in names if n != first]


# -- the plan document -------------------------------------------------------------------


def _member_doc(m: Member, *, plain: bool) -> str | dict[str, Any]:
    if plain and not m.role:
        return m.text
    d: dict[str, Any] = {"name": m.text, "role": m.role}
    if m.is_chair and not plain:
        d["chair"] = True
    return d


def group_documents(s: Session, plan_id: int) -> dict[str, list[dict[str, Any]]]:
    """The groups as the plan document writes them: ``subgroups``, ``boards``, ``committees``.

    Subgroups list chairs and members (text as written, a role when there is one);
    boards and committees list members with their role and a chair mark.
    """
    out: dict[str, list[dict[str, Any]]] = {key: [] for key in DOCUMENT_KEYS.values()}
    for g in read_groups(s, plan_id):
        entry: dict[str, Any] = {"name": g.name}
        if g.kind == SUBGROUP:
            entry.update(priority_ref=g.priority_ref,
                         chairs=[_member_doc(m, plain=True) for m in g.members if m.is_chair],
                         members=[_member_doc(m, plain=True) for m in g.members if not m.is_chair], note=g.note)
        else:
            entry["members"] = [_member_doc(m, plain=False) for m in g.members]
            if g.note:
                entry["note"] = g.note
            if g.signs_off:
                entry["signs_off"] = True
        out[DOCUMENT_KEYS[g.kind]].append(entry)
    return out


def _member_from(item: Any, chair: bool) -> Member:
    if isinstance(item, dict):
        return Member(str(item.get("name", "")), str(item.get("role", "")), chair or bool(item.get("chair")))
    return Member(str(item), "", chair)


def add_group_documents(s: Session, plan_id: int, doc: dict[str, Any]) -> None:
    """Create the document's groups in the plan (inside the caller's transaction), in document order:
    subgroups, then boards, then committees."""
    priority_ids = {r: i for i, r in _priority_refs(s, plan_id).items()}
    position = 0
    for kind, key in DOCUMENT_KEYS.items():
        for g in doc.get(key, []) or []:
            members = [_member_from(c, True) for c in g.get("chairs", [])] + \
                      [_member_from(m, False) for m in g.get("members", [])]
            row = Subgroup(plan_id=plan_id, kind=kind, name=g["name"], note=g.get("note", ""),
                           priority_id=priority_ids.get(g.get("priority_ref", "")), position=position,
                           signs_off=bool(g.get("signs_off")) and kind != SUBGROUP)
            position += 1
            s.add(row)
            s.flush()
            _write_members(s, id_of(row), tuple(m for m in members if m.text))
