"""Synthetic plans of any size, for benchmarks.

``make_plan(path, priorities=10, actions=50, sub_actions=10, periods=24)`` writes a
database holding one plan of priorities × actions × sub-actions, with a rating and
a progress text for every sub-action in every period. Rows are inserted in bulk
with SQL (going through the services for 120,000 updates would time the
generator, not the app); the schema is the app's own, created by ``open_store``.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime
from pathlib import Path

from wsoa_desktop.domain.refs import ref_sort_text
from wsoa_desktop.services.plans import create_plan
from wsoa_desktop.store.database import open_store

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WORDS = ("review audit deliver training quality plan partners outcomes parents carers schools "
         "health care transition local offer EHCP graduated response co-production").split()


def period_labels(n: int, start_year: int = 2022, start_month: int = 1) -> list[str]:
    out = []
    for i in range(n):
        m = (start_month - 1 + i) % 12
        y = start_year + (start_month - 1 + i) // 12
        out.append(f"{MONTHS[m]} {y}")
    return out


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def make_plan(path: Path, priorities: int = 10, actions: int = 50, sub_actions: int = 10,
              periods: int = 24, seed: int = 1) -> int:
    """Create the database at ``path`` with one synthetic plan; returns the plan id."""
    rng = random.Random(seed)
    store = open_store(path)
    plan_id = create_plan(store, f"Synthetic WSOA {priorities}x{actions}x{sub_actions}", by="bench")
    store.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    now = datetime(2024, 1, 1, 12, 0, 0).isoformat(sep=" ")
    rating_ids = [r[0] for r in con.execute(
        "SELECT r.id FROM rating r JOIN rating_scheme s ON s.id = r.scheme_id WHERE s.plan_id = ? "
        "ORDER BY r.position", (plan_id,))]
    people = []
    for i in range(60):
        cur = con.execute("INSERT INTO person (plan_id, name, initials, role, organisation, is_team) "
                          "VALUES (?, ?, ?, ?, ?, 0)", (plan_id, f"Lead Person {i:02d}", f"LP{i}",
                                                        "Officer", "Council"))
        people.append(cur.lastrowid)
    action_rows: list[int] = []
    leads = []
    for p in range(1, priorities + 1):
        cur = con.execute(
            "INSERT INTO priority (plan_id, ref, sort_key, title, area_of_concern, lead_officers, "
            "outcome_statement, delivery_partners) VALUES (?, ?, ?, ?, ?, ?, ?, '[]')",
            (plan_id, str(p), ref_sort_text(str(p)), f"Priority {p}", _text(rng, 12), "Lead Officer",
             _text(rng, 20)))
        priority_id = cur.lastrowid
        for a in range(1, actions + 1):
            ref = f"{p}.{a}"
            cur = con.execute(
                "INSERT INTO action (plan_id, priority_id, parent_id, ref, sort_key, level, description, "
                "outcomes, impact_measures_heading, impact_measures, lead_text, target_text) "
                "VALUES (?, ?, NULL, ?, ?, 2, ?, ?, 'Key Impact Measures', ?, '', '')",
                (plan_id, priority_id, ref, ref_sort_text(ref), _text(rng, 15),
                 '["' + _text(rng, 10) + '"]', '["' + _text(rng, 8) + '"]'))
            parent = cur.lastrowid
            for s in range(1, sub_actions + 1):
                sref = f"{ref}.{s}"
                year, month = 2022 + rng.randrange(3), rng.randrange(12)
                due = date(year, month + 1, 28)
                person = rng.choice(people)
                cur = con.execute(
                    "INSERT INTO action (plan_id, priority_id, parent_id, ref, sort_key, level, "
                    "description, outcomes, impact_measures_heading, impact_measures, lead_text, "
                    "target_text, target_due, target_precision) "
                    "VALUES (?, ?, ?, ?, ?, 3, ?, '[]', '', '[]', ?, ?, ?, 'month')",
                    (plan_id, priority_id, parent, sref, ref_sort_text(sref), _text(rng, 12),
                     f"Lead Person {people.index(person):02d}", f"{MONTHS[month]} {year}",
                     due.isoformat()))
                action_rows.append(cur.lastrowid)
                leads.append((cur.lastrowid, person, 0))
    con.executemany("INSERT INTO action_lead (action_id, person_id, position) VALUES (?, ?, ?)", leads)
    for i, label in enumerate(period_labels(periods), start=1):
        cur = con.execute("INSERT INTO reporting_period (plan_id, label, position, is_closed, created_at) "
                          "VALUES (?, ?, ?, ?, ?)", (plan_id, label, i, int(i < periods), now))
        period_id = cur.lastrowid
        con.executemany(
            "INSERT INTO status_update (action_id, period_id, rating_id, progress, reason, updated_by, "
            "updated_at, carried_forward) VALUES (?, ?, ?, ?, '', 'bench', ?, 0)",
            [(aid, period_id, rng.choice(rating_ids), _text(rng, 25), now) for aid in action_rows])
    con.commit()
    con.close()
    return plan_id
