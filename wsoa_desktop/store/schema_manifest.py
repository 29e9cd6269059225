"""What a database at each schema revision holds: its tables, their columns, its safeguards.

Why written out here: a backup is checked against the schema of *its own*
revision (an older backup is still restorable, because opening it migrates it),
and that check must not import Alembic or SQLAlchemy (most of a second). A
backup with a table or column missing would otherwise be called good, swapped in,
and break every later command. The audit trail's and published versions'
triggers are listed as well: a database without them would let history be
rewritten.

``tests/store/test_schema_manifest.py`` builds a database at every revision with
the real migrations and compares it with this list, and the head with the
models, so a new migration cannot forget to add its entry here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Schema:
    """The tables (name → column names) and triggers a revision's database must have."""

    tables: dict[str, frozenset[str]]
    triggers: frozenset[str] = field(default_factory=frozenset)

    def with_changes(self, *, tables: dict[str, frozenset[str]] | None = None,
                     dropped_tables: tuple[str, ...] = (), triggers: tuple[str, ...] = ()) -> Schema:
        """The next revision's schema: ``tables`` added or replaced whole, others dropped."""
        new = {k: v for k, v in self.tables.items() if k not in dropped_tables}
        new.update(tables or {})
        return Schema(new, self.triggers | frozenset(triggers))


def _cols(text: str) -> frozenset[str]:
    return frozenset(text.split())


_INITIAL = Schema(
    tables={
        "alembic_version": _cols("version_num"),
        "plan": _cols("id title local_area approved_by governance sample_key created_at updated_at"),
        "rating_scheme": _cols("id plan_id name"),
        "rating": _cols("id scheme_id name meaning colour text_colour position synonyms is_complete "
                        "is_not_started severity"),
        "person": _cols("id plan_id name initials role organisation is_team"),
        "priority": _cols("id plan_id ref sort_key title area_of_concern lead_officers outcome_statement "
                          "delivery_partners"),
        "action": _cols("id plan_id priority_id parent_id ref sort_key level description outcomes "
                        "impact_measures_heading impact_measures lead_text target_text target_due "
                        "target_precision"),
        "action_lead": _cols("action_id person_id position"),
        "target_revision": _cols("id action_id old_text old_due new_text new_due reason changed_by changed_at"),
        "subgroup": _cols("id plan_id priority_id kind name note position"),
        "subgroup_member": _cols("id subgroup_id text role is_chair position"),
        "reporting_period": _cols("id plan_id label position starts_on is_closed created_at"),
        "status_update": _cols("id action_id period_id rating_id progress reason updated_by updated_at "
                               "carried_forward"),
        "sign_off": _cols("id action_id period_id body approved_on minute_ref recorded_by recorded_at"),
        "evidence": _cols("id action_id title filename content size link added_by added_at"),
        "plan_version": _cols("id plan_id number published_at published_by summary period_label snapshot "
                              "sha256"),
        "audit_entry": _cols("id plan_id at by entity ref field_name old_value new_value operation"),
        "meeting": _cols("id plan_id body held_on reports for_whom note"),
    },
    triggers=frozenset({"audit_entry_append_only"}),
)

#: Revision → the schema a database at that revision has.
SCHEMAS: dict[str, Schema] = {
    "0001_initial": _INITIAL,
    "0002_versions_immutable": _INITIAL.with_changes(triggers=("plan_version_immutable",)),
}
SCHEMAS["0004_plan_shapes"] = SCHEMAS["0002_versions_immutable"].with_changes(tables={
    "priority": _INITIAL.tables["priority"] | {"kind"},
    "action": _INITIAL.tables["action"] | {"linked_refs"},
    "status_update": _INITIAL.tables["status_update"] | {"status_text"},
    "plan_version": _INITIAL.tables["plan_version"] | {"source"},
    "progress_entry": _cols("id action_id on_date date_text text position"),
})
_BEFORE_GOVERNANCE = SCHEMAS["0004_plan_shapes"]
SCHEMAS["0005_governance"] = _BEFORE_GOVERNANCE.with_changes(tables={
    "subgroup": _BEFORE_GOVERNANCE.tables["subgroup"] | {"signs_off"},
    "meeting": _BEFORE_GOVERNANCE.tables["meeting"] | _cols("outcome decisions purpose recommendations "
                                                             "background_papers"),
})
SCHEMAS["0006_impact_measures"] = SCHEMAS["0005_governance"].with_changes(tables={
    "impact_measure": _cols("id plan_id ref title unit direction baseline_value baseline_when baseline_on "
                            "target_value target_when target_on source owner note position created_at updated_at"),
    "measure_milestone": _cols("id measure_id value due_when due_on"),
    "measure_action": _cols("measure_id action_id position"),
    "measure_reading": _cols("id measure_id label as_of value note entered_by entered_at"),
})
#: Revision 0007: a ``version`` counter on every row an officer edits (two officers at once).
VERSIONED_TABLES = ("plan", "rating_scheme", "rating", "person", "priority", "action", "target_revision",
                    "subgroup", "subgroup_member", "reporting_period", "status_update", "sign_off",
                    "evidence", "meeting", "impact_measure", "measure_milestone", "measure_reading")
SCHEMAS["0007_row_versions"] = SCHEMAS["0006_impact_measures"].with_changes(tables={
    name: SCHEMAS["0006_impact_measures"].tables[name] | {"version"} for name in VERSIONED_TABLES
})
