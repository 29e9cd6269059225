"""A plan whose every user-text field holds the same awkward text, each marked with its field's code.

``build(store, payload)`` makes it through the services and returns what each
field must read back as. A field's text is ``F07 <payload>`` (so a report can be
searched for the fields it prints), or for the long payload a run of numbered
sentences ``F07s00001 …`` (so text broken across pages can still be checked
sentence by sentence).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from wsoa_desktop.services import evidence, governance_calendar, status, versions
from wsoa_desktop.services.periods import add_period
from wsoa_desktop.services.plan_items import ActionFields, add_action, add_priority, change_target
from wsoa_desktop.services.plans import create_plan, save_person
from wsoa_desktop.store.database import Store

MARKUP = ('<b>not bold</b> & <i>x</i> <font color="red">red</font> <br/> <para>p</para> &amp; &lt;t&gt; '
          '<![CDATA[c]]> <img src="x.png"/> <a href="http://example.com">link</a> %s {0} \\ " \' ]]> <')
CONTROL = "start\x01\x02\x03\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\ufffe end\tafter a tab"
RTL = "خطة العمل: تحسين جودة الخطط – תוכנית פעולה לשיפור האיכות"
EMOJI = "On track ✅ 🎉 👩🏽‍💻 🇬🇧 ❤️ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"
LONG_CHARS = 100_000

PAYLOADS = {"markup": MARKUP, "control": CONTROL, "rtl": RTL, "emoji": EMOJI, "long": ""}


def long_text(code: str, chars: int = LONG_CHARS) -> str:
    """About ``chars`` characters of numbered sentences, with line breaks and a few very long words."""
    out: list[str] = []
    size, n = 0, 0
    while size < chars:
        n += 1
        sentence = f"{code}s{n:05d} visits & audits <done>, Kateřina’s notes → next step ≥ 2."
        if n % 7 == 0:
            sentence += " " + "supercalifragilistic" * 6  # a word wider than any column
        out.append(sentence)
        out.append("\n" if n % 5 == 0 else " ")
        size += len(sentence) + 1
    return "".join(out).strip()


def sentences(value: str) -> list[str]:
    """The sentence markers of a long text, in order (``F07s00001`` …)."""
    import re

    return re.findall(r"F\d\ds\d{5}", value)


@dataclass
class Field:
    code: str
    name: str  # in the officer's words
    value: str


def text_for(kind: str, code: str) -> str:
    return long_text(code) if kind == "long" else f"{code} {PAYLOADS[kind]}"


def build(store: Store, kind: str) -> dict[str, Field]:
    """The awkward plan (plan id 1) in ``store``; returns its fields by code."""
    t = {f"F{n:02d}": text_for(kind, f"F{n:02d}") for n in range(1, 33)}
    fields = {code: Field(code, name, t[code]) for code, name in [
        ("F01", "plan title"), ("F02", "priority title"), ("F03", "area of concern"), ("F04", "lead officers"),
        ("F05", "outcome statement"), ("F06", "delivery partner"), ("F07", "action description"),
        ("F08", "intended outcome"), ("F09", "impact measures heading"), ("F10", "impact measure"),
        ("F11", "sub-action description"), ("F12", "lead's name"), ("F13", "first target"),
        ("F14", "revised target"), ("F15", "reason for the new target"), ("F16", "second sub-action"),
        ("F17", "lead as written"), ("F18", "period label"), ("F19", "progress update"),
        ("F20", "reason for the rating"), ("F21", "progress of the completed item"), ("F22", "approving body"),
        ("F23", "minute reference"), ("F24", "evidence title"), ("F25", "evidence link"),
        ("F26", "version summary"), ("F27", "publisher's name"), ("F28", "lead's role"),
        ("F29", "meeting note"), ("F30", "covering report's purpose"), ("F31", "recommendation"),
        ("F32", "background paper")]}
    for code in ("F12", "F18", "F22"):  # names and labels are kept on one line (the services' rule)
        fields[code].value = " ".join(t[code].split())
    by = "tester"
    pid = create_plan(store, t["F01"], by=by)
    add_priority(store, pid, "1", t["F02"], area_of_concern=t["F03"], lead_officers=t["F04"],
                 outcome_statement=t["F05"], delivery_partners=[t["F06"]], by=by)
    add_action(store, pid, "1.1", ActionFields(description=t["F07"], outcomes=[t["F08"]],
                                               impact_measures_heading=t["F09"], impact_measures=[t["F10"]]),
               by=by)
    add_action(store, pid, "1.1.1", ActionFields(description=t["F11"], leads=[t["F12"]], target=t["F13"]), by=by)
    add_action(store, pid, "1.1.2", ActionFields(description=t["F16"], lead_text=t["F17"], target="March 2023"),
               by=by)
    change_target(store, pid, "1.1.1", t["F14"], reason=t["F15"], by=by)
    save_person(store, pid, fields["F12"].value, role=t["F28"])
    add_period(store, pid, "July 2022", by=by)
    status.set_rating(store, pid, "1.1.1", "July 2022", "Green", progress="On track", by=by)
    status.set_rating(store, pid, "1.1.2", "July 2022", "Amber", progress="Slipping", reason="Staff away", by=by)
    add_period(store, pid, t["F18"], by=by)
    label = fields["F18"].value
    status.set_rating(store, pid, "1.1.1", label, "Red", progress=t["F19"], reason=t["F20"], by=by)
    status.set_rating(store, pid, "1.1.2", label, "Blue", progress=t["F21"], by=by,
                      sign_off=status.SignOffGiven(t["F22"], date(2022, 9, 14), t["F23"]))
    evidence.attach_link(store, pid, "1.1.2", t["F25"], title=t["F24"], by=by)
    versions.publish(store, pid, t["F26"], by=t["F27"])
    governance_calendar.save_new_meeting(store, pid, governance_calendar.MeetingFields(
        "Improving Lives Select Commission", date.today() + timedelta(days=30), note=t["F29"], purpose=t["F30"],
        recommendations=(t["F31"],), background_papers=(t["F32"],)), by=by)
    return fields
