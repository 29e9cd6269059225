"""Every user-text field holding awkward text: stored, exported and printed without loss or crash.

The awkward texts (``awkward_plan``): ReportLab markup, control characters,
right-to-left text, emoji, and 100,000 characters. Each goes into every field an
officer types (32 of them, from the plan's title to a meeting's background papers)
through the services, and then:

- **stored**: read back exactly as typed (a period's label on one line: the service's rule);
- **exported**: CSV and JSON exactly; Excel exactly but for the characters XML
  cannot hold, and a text over 32,767 characters refused naming the item (never
  cut short); lead forms likewise;
- **printed**: every report (the BRAG appendix, the action plan, the exception,
  highlight and covering reports), PDF and Word. Every field a report prints is there
  whole: in Word exactly (but for characters XML cannot hold), in a PDF as the
  fonts draw it (control characters dropped; right-to-left text laid out right to
  left, so its characters are compared; emoji and mathematical letters drawn by the
  fallback font and read back exactly). A 100,000-character text is checked sentence by
  sentence, in order, across page breaks; where it is only a label (a column title,
  a row of a summary table) it may be shortened, with an ellipsis.

The long payload puts 100,000 characters into the five long-text fields (descriptions,
progress updates, the reason) and 5,000 into the other 27 in the ordinary run; with
``WSOA_RELIABILITY_SCALE=full`` every field holds 100,000 (reports of ~800 pages).
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.reliability import awkward_plan
from tests.reliability.awkward_plan import PAYLOADS, Field, sentences
from tests.reliability.figures import amount
from tests.reports.helpers import docx_text, pdf_pages, pdf_pages_quickly, squash
from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.produce import make_report
from wsoa_desktop.reports.word.common import word_text
from wsoa_desktop.services import evidence, governance_calendar, lead_forms, versions
from wsoa_desktop.services.csv_export import unprotect_cell
from wsoa_desktop.services.exporting import export_plan
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plans import people
from wsoa_desktop.services.xlsx_export import xlsx_text
from wsoa_desktop.store.database import Store, open_store

KINDS = list(PAYLOADS)
#: The long fields that hold 100,000 characters in every run.
LONGEST = ("F07", "F11", "F19", "F20", "F21")
OTHER_LONG = amount(5_000, 100_000)
REPORTS = [("brag", ".pdf"), ("brag", ".docx"), ("plan", ".pdf"), ("exceptions", ".pdf"), ("exceptions", ".docx"),
           ("highlight", ".pdf"), ("highlight", ".docx"), ("cover", ".pdf"), ("cover", ".docx")]
_BUILT: dict[str, tuple[Path, dict[str, Field]]] = {}


@pytest.fixture(scope="module")
def awkward(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """``awkward(kind)``: the database holding the plan full of that text, and its fields (built once)."""
    def get(kind: str) -> tuple[Path, dict[str, Field]]:
        if kind not in _BUILT:
            path = tmp_path_factory.mktemp(f"awkward-{kind}") / "plan.db"
            store = open_store(path)
            original = awkward_plan.long_text
            if kind == "long":  # the long fields at 100,000, the rest as this run's scale says
                awkward_plan.long_text = lambda code, chars=awkward_plan.LONG_CHARS: original(  # type: ignore[misc]
                    code, chars if code in LONGEST else OTHER_LONG)
            try:
                _BUILT[kind] = (path, awkward_plan.build(store, kind))
            finally:
                awkward_plan.long_text = original  # type: ignore[misc]
                store.close()
        return _BUILT[kind]
    return get


def _open(path: Path) -> Store:
    return open_store(path)


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_is_stored_as_typed(awkward, kind: str) -> None:  # type: ignore[no-untyped-def]
    path, f = awkward(kind)
    store = _open(path)
    try:
        label = f["F18"].value
        o = load_outline(store, 1, label)
        p = o.priorities[0]
        a = p.actions[0]
        first, second = a.children
        stored = {
            "F01": o.title, "F02": p.title, "F03": p.area_of_concern, "F04": p.lead_officers,
            "F05": p.outcome_statement, "F06": p.delivery_partners[0], "F07": a.description, "F08": a.outcomes[0],
            "F09": a.impact_measures_heading, "F10": a.impact_measures[0], "F11": first.description,
            "F12": first.leads[0], "F13": first.target_changes[0].old_text, "F14": first.target.text,
            "F15": first.target_changes[0].reason, "F16": second.description, "F17": second.lead_text,
            "F18": o.period.label, "F19": first.progress, "F20": first.status.reason, "F21": second.progress,
            "F22": second.sign_off.body, "F23": second.sign_off.minute_ref,
            "F24": evidence.list_evidence(store, 1, "1.1.2")[0].title,
            "F25": evidence.list_evidence(store, 1, "1.1.2")[0].link,
            "F26": versions.list_versions(store, 1)[0].summary, "F27": versions.list_versions(store, 1)[0].published_by,
            "F28": next(x.role for x in people(store, 1) if x.name == f["F12"].value),
        }
        [meeting] = governance_calendar.meetings(store, 1)
        stored |= {"F29": meeting.note, "F30": meeting.purpose, "F31": meeting.recommendations[0],
                   "F32": meeting.background_papers[0]}
        assert stored == {code: field.value for code, field in f.items()}
        # the published version holds the same, read back from its snapshot
        v = versions.version_outline(store, 1, 1, label)
        assert (v.title, v.find("1.1.1").description, v.find("1.1.1").progress, v.find("1.1.2").progress) == \
               (f["F01"].value, f["F11"].value, f["F19"].value, f["F21"].value)
    finally:
        store.close()


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_is_exported_without_loss(awkward, tmp_path: Path, kind: str, figures) -> None:  # type: ignore[no-untyped-def]
    path, f = awkward(kind)
    store = _open(path)
    v = {code: field.value for code, field in f.items()}
    label = v["F18"]
    try:
        out = export_plan(store, tmp_path / "plan.csv", period=label)
        rows = {r[0]: [unprotect_cell(c) for c in r] for r in csv.reader(
            io.StringIO(out.read_text(encoding="utf-8-sig"), newline=""))}
        assert rows["1"][1:3] == [v["F03"], v["F04"]]
        assert rows["1.1"][1] == v["F07"]
        assert rows["1.1.1"][1:6] == [v["F11"], v["F12"], v["F14"], "Red", v["F19"]]
        assert rows["1.1.2"][1:6] == [v["F16"], v["F17"], "March 2023", "Blue", v["F21"]]

        doc = json.loads(export_plan(store, tmp_path / "plan.json").read_text(encoding="utf-8"))
        strings = set(_strings(doc))
        in_document = [c for c in v if c not in ("F24", "F25", "F26", "F27")]  # evidence and versions live apart
        assert [c for c in in_document if v[c] not in strings] == []
        published = json.loads(export_plan(store, tmp_path / "v1.json", version=1).read_text(encoding="utf-8"))
        assert v["F19"] in set(_strings(published)) and v["F01"] in set(_strings(published))

        too_long = [c for c in ("F03", "F04", "F07", "F11", "F12", "F14", "F16", "F17", "F19", "F21")
                    if len(v[c]) > 32_767]
        try:
            xlsx = export_plan(store, tmp_path / "plan.xlsx", period=label)
        except ValidationError as exc:
            assert too_long, exc  # refused only for a text Excel cannot hold, and it says which
            assert "32,767" in str(exc) and ".csv or .json" in str(exc) and exc.ref in ("1", "1.1", "1.1.1", "1.1.2")
            assert not (tmp_path / "plan.xlsx").exists()
            excel = f"refused ({exc.ref}: {len(v[too_long[0]]):,} characters)"
        else:
            assert not too_long
            import openpyxl

            sheet = openpyxl.load_workbook(xlsx).active
            cells = {r[0]: [c if c is not None else "" for c in r] for r in sheet.iter_rows(values_only=True)}
            assert cells["1.1.1"][1:6] == [xlsx_text(v["F11"]), xlsx_text(v["F12"]), xlsx_text(v["F14"]), "Red",
                                           xlsx_text(v["F19"])]
            assert cells["1.1"][1] == xlsx_text(v["F07"])
            excel = "exact (but characters XML cannot hold)"

        from wsoa_desktop.services.rounds import new_period

        forms_dir = tmp_path / "forms"
        forms_dir.mkdir()
        copy = tmp_path / "copy.db"
        copy.write_bytes(path.read_bytes())
        other = _open(copy)
        try:
            new_period(other, 1, "Next period")
            try:
                written = lead_forms.export_forms(other, 1, forms_dir)
            except ValidationError as exc:
                assert too_long and "32,767" in str(exc)
                forms = "refused"
            else:
                preview = lead_forms.read_returned_forms(other, 1, written)  # read back, unchanged: no conflict
                assert preview.conflicts == [] and preview.changes == []
                forms = f"{len(written)} written and read back"
        finally:
            other.close()
    finally:
        store.close()
    figures(f"{kind}: CSV and JSON exact; Excel {excel}; lead forms {forms}")


def _present(codes: list[str], text: str) -> list[str]:
    return [c for c in codes if f"{c}" in text]


def _body(page: str) -> str:
    """A page's text without its footer (plan title – period, "Printed …", "Page X of Y")."""
    lines = page.rstrip("\n").split("\n")
    if lines and re.fullmatch(r"\s*Page \d+ of \d+\s*", lines[-1]):
        lines = lines[:-3]
    return "\n".join(lines)


def _whole(value: str, pages: list[str], code: str) -> None:
    """``value`` (squashed) is on the pages in order: from the page where it starts and, when a page
    break cuts it, carried on at the top of what follows, never with a piece missing."""
    best = 0
    for first in range(len(pages)):
        if code not in pages[first]:
            continue
        pos = 0
        for page in pages[first:]:
            low, high = 0, len(value) - pos  # the longest next piece of the value on this page
            while low < high:
                mid = (low + high + 1) // 2
                if value[pos:pos + mid] in page:
                    low = mid
                else:
                    high = mid - 1
            pos += low
            if pos >= len(value):
                return
            if low == 0:
                break
        best = max(best, pos)
    raise AssertionError(f"{code} is not printed whole: it stops after {best} of {len(value)} characters")


def _check_pdf(kind: str, fields: dict[str, Field], raw_pages: list[str]) -> list[str]:
    """The fields the PDF prints, each checked whole; returns their codes."""
    pages = [_body(p) for p in raw_pages]
    text = "\n".join(pages)
    printed = _present(list(fields), text)
    if kind == "long":
        for code in printed:
            found = re.findall(rf"{code}s\d{{5}}", text)
            at = 0
            markers = sentences(fields[code].value)
            for n, m in enumerate(markers):  # every sentence, in order (a header may repeat the first)
                if m not in found[at:]:
                    # only a label (a column title, a summary row) is shortened, and it says so
                    last = text.rfind(markers[n - 1]) if n else -1
                    assert n and "…" in text[last:last + 400], f"{code}: {m} is missing or out of order"
                    break
                at = found.index(m, at) + 1
        return printed
    from wsoa_desktop.reports.text import font_runs, markup

    def as_printed(value: str) -> str:  # what the font draws: controls dropped, markup as typed
        unescaped = re.sub(r"</?font[^>]*>", "", markup(value))  # the fallback font's runs are ours
        unescaped = unescaped.replace("<br/>", "\n").replace("&lt;", "<").replace("&gt;", ">") \
            .replace("&quot;", '"').replace("&amp;", "&")
        return squash(unescaped)

    if kind == "rtl":  # laid out right to left: every character is there (in the order it is drawn)
        need = Counter("".join(as_printed(fields[c].value) for c in printed))
        assert need - Counter(squash(text)) == Counter()
        return printed
    flat_pages = [squash(p) for p in pages]
    for code in printed:
        # every character the officer typed, emoji included (set in the fallback font); one no
        # shipped font draws would print as its stand-in ("[U+1F970]")
        expected = "".join(run for run, _font in font_runs(as_printed(fields[code].value)))
        if kind == "emoji":
            assert expected == as_printed(fields[code].value)  # all drawn: no stand-in, nothing left out
        _whole(expected, flat_pages, code)
    return printed


def _check_word(fields: dict[str, Field], text: str) -> list[str]:
    printed = _present(list(fields), text)
    for code in printed:
        expected = word_text(fields[code].value).replace("\r", "")
        assert expected in text, code
    return printed


#: Fields each report must print (so the check is never empty).
MUST = {"brag": {"F01", "F07", "F11", "F12", "F14", "F19", "F21"},
        "plan": {"F01", "F04", "F05", "F06", "F07", "F08", "F09", "F10", "F11", "F14", "F17", "F19"},
        "exceptions": {"F11", "F12", "F14", "F19"},
        "highlight": {"F10", "F11", "F19"},
        "cover": {"F01", "F30", "F31", "F32"}}


@pytest.mark.parametrize("report, suffix", REPORTS, ids=[f"{r}{s}" for r, s in REPORTS])
@pytest.mark.parametrize("kind", KINDS)
def test_every_report_prints_every_field_whole(awkward, tmp_path: Path, kind: str, report: str, suffix: str,
                                               figures) -> None:  # type: ignore[no-untyped-def]
    path, f = awkward(kind)
    store = _open(path)
    out = tmp_path / f"{report}{suffix}"
    options = ReportOptions(period_label=f["F18"].value, priority_ref="1",
                            columns=("lead", "progress", "previous", "revised"), author=f["F27"].value)
    started = time.perf_counter()
    try:
        if report == "cover":
            from wsoa_desktop.reports.cover import make_cover

            make_cover(store, out, period_label=options.period_label, author=options.author)
        else:
            make_report(store, report, out, options)
    finally:
        store.close()
    elapsed = time.perf_counter() - started
    if suffix == ".pdf":
        pages = pdf_pages_quickly(out) if kind == "long" else pdf_pages(out)  # hundreds of pages: poppler
        printed = _check_pdf(kind, f, pages)
        size = f"{len(pages)} pages"
    else:
        printed = _check_word(f, docx_text(out))
        size = f"{out.stat().st_size // 1024} KB"
    assert MUST[report] <= set(printed), sorted(MUST[report] - set(printed))
    if kind == "long":
        figures(f"{report}{suffix} with 100,000-character texts: {size}, {len(printed)} fields whole, "
                f"{elapsed:.1f} s")
