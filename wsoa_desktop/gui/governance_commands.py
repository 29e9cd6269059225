"""Undoable edits of the plan's governance: groups, people, meetings and the rating scheme.

Each command calls a service (one transaction, audited) and keeps what it
needs to call the service back on undo: the fields before, or what a removal
took away. A removal undone puts the group back in its place (or the person,
or the meeting) with a new id, which the command then follows. They run
through :func:`undo_commands.perform`, so a refusal shows its message and
nothing reaches the undo stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wsoa_desktop.domain.scheme_design import RatingDraft, drafts_of
from wsoa_desktop.gui.undo_commands import PlanCommand, note_version, own_version
from wsoa_desktop.services import governance, governance_calendar, people, scheme_changes
from wsoa_desktop.services.governance import GroupFields
from wsoa_desktop.services.governance_calendar import MeetingFields
from wsoa_desktop.services.people import PersonFields

if TYPE_CHECKING:
    from wsoa_desktop.domain.rating_schemes import RatingScheme
    from wsoa_desktop.gui.plan_context import PlanContext


class SaveGroupCommand(PlanCommand):
    """Add a group (``group_id`` None) or replace one's fields."""

    def __init__(self, ctx: PlanContext, group_id: int | None, before: GroupFields | None,
                 after: GroupFields, *, seen: int | None = None) -> None:
        super().__init__(ctx, f"{'add' if group_id is None else 'edit'} {after.name or 'group'}")
        self.group_id, self.old_fields, self.new_fields = group_id, before, after
        self.adding = group_id is None
        self.seen = seen  # the version shown when the officer started the edit

    def _seen(self) -> int | None:
        """The version shown for the first run; this window's own last write's after that."""
        return self.seen if not self._done_once else own_version(self.store, f"group {self.group_id}", None)

    def do(self) -> None:
        if self.adding or self.group_id is None:
            self.group_id = governance.add_group(self.store, self.plan_id, self.new_fields, by=self.by)
            note_version(self.store, f"group {self.group_id}", 1)
        else:
            note_version(self.store, f"group {self.group_id}", governance.update_group(
                self.store, self.plan_id, self.group_id, self.new_fields, by=self.by, seen=self._seen()))

    def revert(self) -> None:
        assert self.group_id is not None  # set when added (do ran first)
        seen = own_version(self.store, f"group {self.group_id}", None)
        if self.adding or self.old_fields is None:
            governance.remove_group(self.store, self.plan_id, self.group_id, by=self.by, seen=seen)
        else:
            note_version(self.store, f"group {self.group_id}", governance.update_group(
                self.store, self.plan_id, self.group_id, self.old_fields, by=self.by, seen=seen))


class RemoveGroupCommand(PlanCommand):
    def __init__(self, ctx: PlanContext, group: governance.GroupView) -> None:
        super().__init__(ctx, f"remove {group.name}")
        self.group_id, self.was = group.id, group

    def do(self) -> None:
        seen = self.was.version if not self._done_once else own_version(self.store, f"group {self.group_id}", None)
        self.was = governance.remove_group(self.store, self.plan_id, self.group_id, by=self.by, seen=seen)

    def revert(self) -> None:
        self.group_id = governance.add_group(self.store, self.plan_id, self.was.fields(),
                                             position=self.was.position, by=self.by)
        note_version(self.store, f"group {self.group_id}", 1)


class MoveGroupCommand(PlanCommand):
    def __init__(self, ctx: PlanContext, group_id: int, name: str, step: int) -> None:
        super().__init__(ctx, f"move {name} {'up' if step < 0 else 'down'}")
        self.group_id, self.step = group_id, step

    def do(self) -> None:
        governance.move_group(self.store, self.plan_id, self.group_id, self.step, by=self.by)

    def revert(self) -> None:
        governance.move_group(self.store, self.plan_id, self.group_id, -self.step, by=self.by)


class AddPersonCommand(PlanCommand):
    def __init__(self, ctx: PlanContext, fields: PersonFields) -> None:
        super().__init__(ctx, f"add {fields.name.strip() or 'person'}")
        self.fields, self.person_id = fields, 0

    def do(self) -> None:
        self.person_id = people.add_person(self.store, self.plan_id, self.fields, by=self.by)
        note_version(self.store, f"person {self.person_id}", 1)

    def revert(self) -> None:
        people.remove_person(self.store, self.plan_id, self.person_id, by=self.by,
                             seen=own_version(self.store, f"person {self.person_id}", None))


class EditPersonCommand(PlanCommand):
    def __init__(self, ctx: PlanContext, person_id: int, before: PersonFields, after: PersonFields, *,
                 seen: int | None = None) -> None:
        super().__init__(ctx, f"edit {before.name}")
        self.person_id, self.old_fields, self.new_fields = person_id, before, after
        self.seen = seen  # the version shown when the officer started the edit

    def _save(self, fields: PersonFields, seen: int | None) -> None:
        note_version(self.store, f"person {self.person_id}", people.update_person(
            self.store, self.plan_id, self.person_id, fields, by=self.by, seen=seen))

    def do(self) -> None:
        self._save(self.new_fields, self.seen if not self._done_once
                   else own_version(self.store, f"person {self.person_id}", None))

    def revert(self) -> None:
        self._save(self.old_fields, own_version(self.store, f"person {self.person_id}", None))


class RemovePersonCommand(PlanCommand):
    def __init__(self, ctx: PlanContext, person: people.PersonView) -> None:
        super().__init__(ctx, f"remove {person.name}")
        self.person_id, self.was = person.id, person.fields()
        self.seen = person.version

    def do(self) -> None:
        seen = self.seen if not self._done_once else own_version(self.store, f"person {self.person_id}", None)
        self.was = people.remove_person(self.store, self.plan_id, self.person_id, by=self.by, seen=seen)

    def revert(self) -> None:
        self.person_id = people.add_person(self.store, self.plan_id, self.was, by=self.by)
        note_version(self.store, f"person {self.person_id}", 1)


class SaveMeetingCommand(PlanCommand):
    """Add a meeting (``meeting_id`` None) or change one: its date, reports, outcome, report text."""

    def __init__(self, ctx: PlanContext, meeting_id: int | None, before: MeetingFields | None,
                 after: MeetingFields, *, seen: int | None = None) -> None:
        super().__init__(ctx, f"{'add' if meeting_id is None else 'edit'} meeting of {after.body or 'a body'}")
        self.meeting_id, self.old_fields, self.new_fields = meeting_id, before, after
        self.adding = meeting_id is None
        self.seen = seen  # the version shown when the officer started the edit

    @property
    def key(self) -> str:
        return f"meeting {self.meeting_id}"

    def do(self) -> None:
        if self.adding or self.meeting_id is None:
            self.meeting_id = governance_calendar.save_new_meeting(self.store, self.plan_id, self.new_fields, by=self.by)
            note_version(self.store, self.key, 1)
        else:
            seen = self.seen if not self._done_once else own_version(self.store, self.key, None)
            note_version(self.store, self.key, governance_calendar.update_meeting(
                self.store, self.plan_id, self.meeting_id, self.new_fields, by=self.by, seen=seen))

    def revert(self) -> None:
        assert self.meeting_id is not None  # set when added (do ran first)
        seen = own_version(self.store, self.key, None)
        if self.adding or self.old_fields is None:
            governance_calendar.remove_meeting(self.store, self.plan_id, self.meeting_id, by=self.by, seen=seen)
        else:
            note_version(self.store, self.key, governance_calendar.update_meeting(
                self.store, self.plan_id, self.meeting_id, self.old_fields, by=self.by, seen=seen))


class RemoveMeetingCommand(PlanCommand):
    def __init__(self, ctx: PlanContext, meeting: governance_calendar.MeetingView) -> None:
        super().__init__(ctx, f"remove the meeting of {meeting.body}")
        self.meeting_id, self.was = meeting.id, meeting.fields()
        self.seen = meeting.version

    def do(self) -> None:
        seen = self.seen if not self._done_once else own_version(self.store, f"meeting {self.meeting_id}", None)
        self.was = governance_calendar.remove_meeting(self.store, self.plan_id, self.meeting_id, by=self.by,
                                                      seen=seen).fields()

    def revert(self) -> None:
        self.meeting_id = governance_calendar.save_new_meeting(self.store, self.plan_id, self.was, by=self.by)
        note_version(self.store, f"meeting {self.meeting_id}", 1)


class ChangeSchemeCommand(PlanCommand):
    """The plan's rating scheme changed (renames, colours, new ratings, mapped ratings).

    Undo puts the old scheme back when no rating was merged into another: a
    merge cannot be told apart afterwards, so such a change is not pushed (the
    dialog says so before it is made).
    """

    def __init__(self, ctx: PlanContext, name: str, drafts: list[RatingDraft],
                 mapping: dict[str, str] | None, *, seen: int | None = None) -> None:
        """``seen``: the scheme's version when the dialog opened; undo and redo name the last run's."""
        super().__init__(ctx, f"change the rating scheme to {name.strip()}")
        self.name, self.drafts, self.mapping = name, drafts, mapping or {}
        self.old_scheme = _current_scheme(ctx)
        self.change: scheme_changes.SchemeChange | None = None
        self.seen = seen

    @property
    def undoable(self) -> bool:
        return self.change is not None and not self.change.moved

    def do(self) -> None:
        self.change = scheme_changes.change_scheme(self.store, self.plan_id, self.name, self.drafts,
                                                   mapping=self.mapping, by=self.by, seen=self.seen)
        self.seen = self.change.version

    def revert(self) -> None:
        assert self.change is not None
        renamed = {old: new for old, new in self.change.renamed}
        now = {r.name for r in self.change.scheme.ratings}
        back = []
        for d in drafts_of(self.old_scheme):
            current = renamed.get(d.name, d.name)
            d.original = current if current in now else None
            back.append(d)
        self.seen = scheme_changes.change_scheme(self.store, self.plan_id, self.old_scheme.name, back, by=self.by,
                                                 seen=self.seen).version


def _current_scheme(ctx: PlanContext) -> RatingScheme:
    from wsoa_desktop.services.plans import scheme_for

    return scheme_for(ctx.store, ctx.plan_id)
