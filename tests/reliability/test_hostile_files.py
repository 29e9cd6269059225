"""Bad files to import: damaged, fuzzed, a zip bomb, an external entity, cells and files past the limits.

Each ends in one of two ways: a correct import, or a :class:`ValidationError` with a
plain one-line message (never a traceback), and then the database exactly as it
was (no partial import). The files start as real ones: the sample plan exported
by the app as ``.xlsx`` and ``.csv``, a Word WSOA as the import tests build it, and
a lead's returned update form.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability import damage
from tests.reliability.figures import amount
from tests.services.test_import_docx import build_wsoa
from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services import incoming_files, lead_forms, rounds
from wsoa_desktop.services import lead_form_import as forms
from wsoa_desktop.services.exporting import export_plan
from wsoa_desktop.services.importing import dry_run, import_file
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.store.database import Store

FILES_PER_KIND = amount(30, 200)
#: Far above any import's time here (well under a second): a reader that hangs fails, it does not stall CI.
HANG = 60.0
TRACEBACK_WORDS = ("Traceback", "File \"", "Error:", "line 0", "<module>")


def plain(message: str) -> None:
    """A message an officer can read: one line, no traceback, says what to do."""
    assert "\n" not in message and message.strip(), message
    assert not any(w in message for w in TRACEBACK_WORDS), message


@pytest.fixture
def sources(sample_store: Store, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "sources"
    out.mkdir()
    return {".xlsx": export_plan(sample_store, out / "plan.xlsx", period="August 2022").read_bytes(),
            ".csv": export_plan(sample_store, out / "plan.csv", period="August 2022").read_bytes(),
            ".docx": build_wsoa(out / "plan.docx").read_bytes()}


def attempt(store: Store, path: Path) -> tuple[str, float]:
    """Import ``path``; the outcome ("imported", or why it was refused) and the time it took."""
    before = damage.fingerprint(store.path)
    started = time.perf_counter()
    try:
        plan_id, plan = import_file(store, path, title="Fuzzed", period="August 2022")
    except ValidationError as exc:
        elapsed = time.perf_counter() - started
        plain(str(exc))
        assert damage.fingerprint(store.path) == before, "a refused import changed the database"
        text = str(exc)
        kind = ("damaged" if "damaged or is not" in text else "limit" if "at most" in text
                else "not plan-shaped" if "Nothing was imported" in text else "refused")
        return kind, elapsed
    elapsed = time.perf_counter() - started
    # a correct import: the new plan holds exactly what the dry run said, and nothing else changed
    outline = load_outline(store, plan_id, "August 2022")
    stored = {n.ref: (n.description, n.rating) for n in outline.iter_actions()}
    planned = {i.ref: (i.text, i.rating) for i in plan.items if i.level > 1}
    assert stored == planned
    assert [p.ref for p in outline.priorities] == [i.ref for i in plan.items if i.level == 1]
    after = damage.fingerprint(store.path)
    assert after["plan"] == before["plan"] + 1
    return "imported", elapsed


@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".csv"])
def test_damaged_files_are_imported_correctly_or_refused_plainly(sample_store: Store, sources, tmp_path: Path,
                                                                 suffix: str, figures) -> None:  # type: ignore[no-untyped-def]
    ways = damage.ZIP_DAMAGE if suffix != ".csv" else damage.BYTE_DAMAGE
    rng = random.Random(f"hostile {suffix}")
    outcomes: Counter[str] = Counter()
    slowest = 0.0
    for n in range(FILES_PER_KIND):
        way = ways[n % len(ways)]
        path = tmp_path / f"damaged-{n}{suffix}"
        path.write_bytes(way(sources[suffix], rng))
        try:
            outcome, elapsed = attempt(sample_store, path)
        except Exception as exc:  # anything but a plain refusal is the bug this test exists to find
            pytest.fail(f"{way.__name__} (file {n}) ended in {type(exc).__name__}: {exc}")
        assert elapsed < HANG, f"{way.__name__} (file {n}) took {elapsed:.0f} s"
        outcomes[outcome] += 1
        slowest = max(slowest, elapsed)
    figures(f"{FILES_PER_KIND} damaged {suffix} files: " + ", ".join(f"{v} {k}" for k, v in outcomes.most_common())
            + f"; 0 tracebacks, 0 partial imports; slowest {slowest:.2f} s")


def test_damaged_lead_forms_are_read_whole_or_not_at_all(sample_store: Store, tmp_path: Path, figures) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    rounds.new_period(sample_store, 1, "September 2022")
    data = {}
    (tmp_path / "forms").mkdir()
    for returned in lead_forms.export_forms(sample_store, 1, tmp_path / "forms"):
        wb = load_workbook(returned)  # the lead has filled in their form
        ws = wb.worksheets[0]
        for r in range(lead_forms.HEADER_ROW + 1, ws.max_row + 1):
            ws.cell(row=r, column=6, value="Green")
            ws.cell(row=r, column=7, value=f"On track ({returned.stem})")
        wb.save(returned)
        data[returned.name] = returned.read_bytes()
    names = sorted(data)
    rng = random.Random("lead forms")
    outcomes: Counter[str] = Counter()
    changes = 0
    count = FILES_PER_KIND
    for n in range(count):
        way = damage.ZIP_DAMAGE[n % len(damage.ZIP_DAMAGE)]
        path = tmp_path / f"returned-{n}.xlsx"
        path.write_bytes(way(data[names[n % len(names)]], rng))
        before = damage.fingerprint(sample_store.path)
        try:
            preview = lead_forms.read_returned_forms(sample_store, 1, [path])
        except ValidationError as exc:
            plain(str(exc))
            outcomes["refused"] += 1
            continue
        except Exception as exc:
            pytest.fail(f"{way.__name__} (form {n}) ended in {type(exc).__name__}: {exc}")
        assert damage.fingerprint(sample_store.path) == before  # reading writes nothing
        for c in preview.conflicts:
            plain(c.message)
        unreadable = [c for c in preview.conflicts if c.kind == forms.UNREADABLE]
        if unreadable:
            assert preview.changes == []  # none of an unreadable form is applied
            outcomes["unreadable"] += 1
            continue
        applied = lead_forms.apply_returned_forms(sample_store, preview, by="fuzz", skip_conflicts=True)
        outline = load_outline(sample_store, 1, "September 2022")
        for change in preview.changes:  # what was read is what was written
            node = outline.find(change.ref)
            assert (node.rating, node.progress) == (change.new_rating, change.new_progress)
        outcomes["read and applied"] += 1
        changes += applied
    figures(f"{count} damaged lead forms: " + ", ".join(f"{v} {k}" for k, v in outcomes.most_common())
            + f" ({changes} changes); 0 tracebacks; an unreadable form contributes no change")


# -- hypothesis: any CSV text, any damage to the sheet's XML -------------------------------------

cell_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
ref_text = st.one_of(st.sampled_from(["1", "1.1", "1.1.1", "1.2", "2.1.1", "1.1.1.1", "x", "", " 1.1 ", "01.1"]),
                     cell_text)
row = st.tuples(ref_text, cell_text, cell_text, cell_text,
                st.one_of(st.sampled_from(["Green", "amber", "Yellow", "Red", "", "Blue"]), cell_text), cell_text)
HEADER = st.sampled_from([["Ref", "Action", "Lead", "Target End Date", "RAG", "Progress Update"],
                          ["Reference", "Description", "Owner", "Due", "RAG August 2022", "Comments"],
                          ["Action", "Ref"], ["Nothing", "here"]])


@settings(max_examples=amount(40, 400), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(header=HEADER, rows=st.lists(row, max_size=12), delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_any_csv_is_imported_correctly_or_refused_plainly(store: Store, tmp_path_factory, header: list[str],
                                                          rows: list[tuple], delimiter: str, encoding: str) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("csv") / "plan.csv"
    path.write_bytes(buf.getvalue().encode(encoding, errors="replace"))
    outcome, _ = attempt(store, path)
    assert outcome in ("imported", "damaged", "limit", "not plan-shaped", "refused")


@settings(max_examples=amount(40, 400), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), edits=st.integers(1, 4))
def test_any_damage_to_the_sheet_xml_is_imported_correctly_or_refused_plainly(
        sample_store: Store, sources, tmp_path_factory, seed: int, edits: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    parts = damage.members(sources[".xlsx"])
    i = next(i for i, (name, _) in enumerate(parts) if name.startswith("xl/worksheets/"))
    text = parts[i][1].decode()
    for _ in range(edits):
        text = damage.xml_edit(text, rng)
    parts[i] = (parts[i][0], text.encode("utf-8", errors="surrogateescape"))
    path = tmp_path_factory.mktemp("xml") / "plan.xlsx"
    path.write_bytes(damage.rezip(parts))
    outcome, elapsed = attempt(sample_store, path)
    assert elapsed < HANG


# -- a zip bomb, a sheet that claims a million rows ----------------------------------------------


@pytest.mark.parametrize("suffix, part", [(".xlsx", "xl/worksheets/sheet1.xml"), (".docx", "word/document.xml")])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(sample_store: Store, sources, tmp_path: Path, suffix: str,
                                                     part: str, figures) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"bomb{suffix}"
    path.write_bytes(damage.zip_bomb(sources[suffix], part, 2 * 2**30))
    import zipfile

    with zipfile.ZipFile(path) as z:  # the file is small and honest about what it unpacks to
        unpacked = z.getinfo(part).file_size
        assert unpacked >= 2 * 2**30 - 2**20
        with z.open(part) as f:
            assert f.read(2**20).count(b"<") > 100  # real, well-formed XML as far as one reads
    before = damage.fingerprint(sample_store.path)
    started = time.perf_counter()
    with pytest.raises(ValidationError, match="unpacks to") as refused:
        import_file(sample_store, path)
    elapsed = time.perf_counter() - started
    plain(str(refused.value))
    assert "at most 100 MB" in str(refused.value)
    assert damage.fingerprint(sample_store.path) == before
    figures(f"{path.stat().st_size / 2**20:.1f} MB {suffix} unpacking to {unpacked / 2**30:.1f} GB: refused in "
            f"{elapsed * 1000:.0f} ms")


def test_a_part_that_unpacks_a_hundredfold_is_refused(sample_store: Store, sources, tmp_path: Path) -> None:
    path = tmp_path / "small bomb.xlsx"
    path.write_bytes(damage.zip_bomb(sources[".xlsx"], "xl/worksheets/sheet1.xml", 60 * 2**20))
    with pytest.raises(ValidationError, match="zip bomb") as refused:
        dry_run(path)
    plain(str(refused.value))


def test_a_sheet_that_claims_a_million_rows_is_read_by_what_it_holds(sample_store: Store, sources,
                                                                     tmp_path: Path) -> None:
    parts = damage.members(sources[".xlsx"])
    i = next(i for i, (name, _) in enumerate(parts) if name == "xl/worksheets/sheet1.xml")
    text = parts[i][1].decode()
    import re

    text = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', text)
    parts[i] = (parts[i][0], text.encode())
    path = tmp_path / "wide.xlsx"
    path.write_bytes(damage.rezip(parts))
    plan = dry_run(path)
    assert plan.ok and plan.count(3) == 75  # the sample, read by its rows, not by its claimed size

    far = text.replace("</sheetData>", '<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>9.9.9</t></is>'
                                       "</c></row></sheetData>")
    parts[i] = (parts[i][0], far.encode())
    path.write_bytes(damage.rezip(parts))
    with pytest.raises(ValidationError, match="more than 20,000 rows") as refused:
        dry_run(path)
    plain(str(refused.value))


# -- external entities -----------------------------------------------------------------------


@pytest.mark.parametrize("suffix, part, word", [
    (".xlsx", "xl/worksheets/sheet1.xml", b"Progress Update"),
    (".xlsx", "docProps/core.xml", b"Rotherham"),
    (".xlsx", "xl/workbook.xml", b"Plan"),
    (".docx", "word/document.xml", b"Graduated Response"),
    (".docx", "docProps/core.xml", b"</cp:coreProperties>"),
])
def test_an_external_entity_is_refused_and_never_read(sample_store: Store, sources, tmp_path: Path, suffix: str,
                                                      part: str, word: bytes) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("NI number AB123456C")
    data = sources[suffix]
    if word.startswith(b"</"):
        data = damage.rezip([(n, c.replace(word, b"<dc:title>Secret plan</dc:title>" + word) if n == part else c)
                             for n, c in damage.members(data)])
        word = b"Secret plan"
    path = tmp_path / f"entity{suffix}"
    path.write_bytes(damage.with_entity(data, part, secret, word))
    before = damage.fingerprint(sample_store.path)
    with pytest.raises(ValidationError, match="document type") as refused:
        import_file(sample_store, path)
    plain(str(refused.value))
    assert "AB123456C" not in str(refused.value)
    assert damage.fingerprint(sample_store.path) == before

    # Beneath the refusal, the XML readers themselves do not fetch the file either.
    reader: Callable[[Path], object]
    if suffix == ".xlsx":
        from wsoa_desktop.services.importing.xlsx_reader import read_xlsx as reader
    else:
        from wsoa_desktop.services.importing.docx_reader import read_docx as reader
    try:
        table = reader(path)
    except Exception as exc:  # refusing the entity outright is fine too
        assert "AB123456C" not in str(exc)
    else:
        assert "AB123456C" not in repr(table)


# -- the limits: a 100,000-character cell, a 5 MB cell, a 300 MB file ---------------------------


def test_a_cell_over_32767_characters_is_a_problem_the_dry_run_lists(store: Store, tmp_path: Path) -> None:
    for size in (100_000, 5 * 2**20):
        path = tmp_path / f"long-{size}.csv"
        path.write_text("Ref,Action,Lead,Target End Date,RAG,Progress Update\n1,Priority,,,,\n1.1,Action,,,,\n"
                        f"1.1.1,Do it,Ann,July 2022,Green,{'x' * size}\n", encoding="utf-8")
        plan = dry_run(path)
        assert not plan.ok
        [problem] = plan.problems
        assert problem.ref == "1.1.1" and f"{size:,} characters" in problem.message
        assert "at most 32,767" in problem.message and "Progress Update" in problem.message
        before = damage.fingerprint(store.path)
        with pytest.raises(ValidationError, match="at most 32,767") as refused:
            import_file(store, path)
        plain(str(refused.value))
        assert damage.fingerprint(store.path) == before
    ok = tmp_path / "longest allowed.csv"
    ok.write_text("Ref,Action,Lead,Target End Date,RAG,Progress Update\n1,Priority,,,,\n1.1,Action,,,,\n"
                  f"1.1.1,Do it,Ann,July 2022,Green,{'y' * 32_767}\n", encoding="utf-8")
    plan_id, _ = import_file(store, ok, period="August 2022")
    assert load_outline(store, plan_id, "August 2022").find("1.1.1").progress == "y" * 32_767


def test_a_long_cell_in_a_workbook_and_a_word_table_is_a_problem_too(store: Store, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Ref", "Action", "Lead", "Target End Date", "RAG", "Progress Update"])
    wb.active.append(["1.1", "LONG-ACTION", "Ann", "July 2022", "Green", ""])
    wb.save(tmp_path / "long.xlsx")
    damage.replace_in_parts(tmp_path / "long.xlsx", "LONG-ACTION", "z" * 40_000)
    problems = dry_run(tmp_path / "long.xlsx").problems
    assert [p.ref for p in problems] == ["1.1"] and "Action cell holds 40,000" in problems[0].message

    import docx

    d = docx.Document()
    t = d.add_table(rows=2, cols=6)
    for cell, text in zip(t.rows[0].cells, ["Ref", "Action", "Lead", "Target End Date", "RAG", "Progress Update"],
                          strict=True):
        cell.text = text
    for cell, text in zip(t.rows[1].cells, ["1.1", "Act", "w" * 33_000, "July 2022", "Green", ""], strict=True):
        cell.text = text
    d.save(str(tmp_path / "long.docx"))
    problems = dry_run(tmp_path / "long.docx").problems
    assert [p.ref for p in problems] == ["1.1"] and "Lead cell holds 33,000" in problems[0].message


def test_a_file_over_the_size_limit_is_refused_without_reading_it(store: Store, tmp_path: Path) -> None:
    for suffix in (".csv", ".xlsx", ".docx"):
        path = tmp_path / f"huge{suffix}"
        with open(path, "wb") as f:
            f.truncate(300 * 2**20)  # 300 MB (sparse: nothing is really written)
        started = time.perf_counter()
        with pytest.raises(ValidationError, match="at most 50 MB") as refused:
            dry_run(path)
        plain(str(refused.value))
        assert time.perf_counter() - started < HANG


def test_too_many_rows_are_refused_with_the_limit(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    lines = ["Ref,Action"] + [f"1.{i},Row {i}" for i in range(1, incoming_files.MAX_ROWS + 5)]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ValidationError, match="more than 20,000 rows") as refused:
        dry_run(path)
    plain(str(refused.value))


def test_a_returned_form_with_an_over_long_cell_is_a_conflict(sample_store: Store, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    rounds.new_period(sample_store, 1, "September 2022")
    [form] = lead_forms.export_forms(sample_store, 1, tmp_path / "forms.xlsx", one_workbook=True)
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    first = ws.cell(row=lead_forms.HEADER_ROW + 1, column=1).value
    ws.cell(row=lead_forms.HEADER_ROW + 1, column=7, value="LONG-PROGRESS")
    wb.save(form)
    damage.replace_in_parts(form, "LONG-PROGRESS", "p" * 40_000)
    preview = lead_forms.read_returned_forms(sample_store, 1, [form])
    [conflict] = [c for c in preview.conflicts if c.kind == forms.TOO_LONG]
    assert conflict.ref == first and "40,000 characters" in conflict.message
    assert first not in [c.ref for c in preview.changes]


def test_a_reference_that_does_not_fit_its_parent_is_a_problem_not_a_crash(store: Store, tmp_path: Path) -> None:
    """Found by the byte damage: "4.4.1" damaged to "4.4M1" passed the dry run and broke the import."""
    path = tmp_path / "odd.csv"
    path.write_text("Ref,Action,Lead,Target End Date,RAG,Progress Update\n4,Priority four,,,,\n4.4,An action,,,,\n"
                    "4.4M1,Implement a plan,Ann,March 2022,,\n", encoding="utf-8")
    plan = dry_run(path)
    assert not plan.ok and [p.ref for p in plan.problems] == ["4.4M1"]
    assert "cannot go directly under 4" in plan.problems[0].message
    before = damage.fingerprint(store.path)
    with pytest.raises(ValidationError, match="Nothing was imported") as refused:
        import_file(store, path)
    plain(str(refused.value))
    assert damage.fingerprint(store.path) == before


# -- plan files (.json) and ratings files: the same checks as every other import ------------------

PLAN_FILES = amount(24, 200)


def test_damaged_plan_files_are_imported_whole_or_refused_plainly(sample_store: Store, tmp_path: Path,
                                                                  figures) -> None:  # type: ignore[no-untyped-def]
    source = export_plan(sample_store, tmp_path / "plan.json").read_bytes()
    rng = random.Random("hostile plan file")
    outcomes: Counter[str] = Counter()
    slowest = 0.0
    for n in range(PLAN_FILES):
        way = damage.JSON_DAMAGE[n % len(damage.JSON_DAMAGE)]
        path = tmp_path / f"damaged-{n}.json"
        path.write_bytes(way(source, rng))
        before = damage.fingerprint(sample_store.path)
        started = time.perf_counter()
        try:
            planned = dry_run(path)
            plan_id, plan = import_file(sample_store, path, title=f"Fuzzed {n}")
        except ValidationError as exc:
            plain(str(exc))
            assert damage.fingerprint(sample_store.path) == before, f"{way.__name__} (file {n}) changed the database"
            outcomes["refused"] += 1
        except Exception as exc:  # anything but a plain refusal is the bug this test exists to find
            pytest.fail(f"{way.__name__} (file {n}) ended in {type(exc).__name__}: {exc}")
        else:
            # imported: the new plan holds what the dry run listed, and one plan was added
            assert damage.fingerprint(sample_store.path)["plan"] == before["plan"] + 1
            refs = [i.ref for i in plan.items]
            assert refs == [i.ref for i in planned.items]
            outline = load_outline(sample_store, plan_id, None)
            assert sorted(n.ref for n in outline.iter_actions()) == sorted(i.ref for i in plan.items if i.level > 1)
            outcomes["imported"] += 1
        elapsed = time.perf_counter() - started
        assert elapsed < HANG
        slowest = max(slowest, elapsed)
    assert outcomes["refused"] > 0
    figures(f"{PLAN_FILES} damaged .json plan files: " + ", ".join(f"{v} {k}" for k, v in outcomes.most_common())
            + f"; 0 tracebacks, 0 partial imports; slowest {slowest:.2f} s")


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx"])
def test_damaged_ratings_files_are_applied_whole_or_refused_plainly(sample_store: Store, tmp_path: Path,
                                                                    suffix: str, figures) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.ratings_import import apply_ratings, preview_ratings

    source = export_plan(sample_store, tmp_path / f"ratings{suffix}", period="August 2022").read_bytes()
    rounds.new_period(sample_store, 1, "September 2022")
    ways = {".json": damage.JSON_DAMAGE, ".csv": damage.BYTE_DAMAGE, ".xlsx": damage.ZIP_DAMAGE}[suffix]
    rng = random.Random(f"hostile ratings {suffix}")
    outcomes: Counter[str] = Counter()
    count = amount(16, 200)
    for n in range(count):
        way = ways[n % len(ways)]
        path = tmp_path / f"damaged-{n}{suffix}"
        path.write_bytes(way(source, rng))
        before = damage.fingerprint(sample_store.path)
        try:
            preview = preview_ratings(sample_store, 1, path, "September 2022")
            for problem in preview.file_problems:
                plain(problem)
            if preview.ok and preview.has_changes:
                apply_ratings(sample_store, 1, preview, by="fuzz")
                outcomes["applied"] += 1
                continue
            outcomes["refused in the preview" if not preview.ok else "nothing to apply"] += 1
        except ValidationError as exc:
            plain(str(exc).split("\n")[0])
            outcomes["refused"] += 1
        except Exception as exc:
            pytest.fail(f"{way.__name__} (file {n}) ended in {type(exc).__name__}: {exc}")
        assert damage.fingerprint(sample_store.path) == before, f"{way.__name__} (file {n}) changed the database"
    figures(f"{count} damaged {suffix} ratings files: " + ", ".join(f"{v} {k}" for k, v in outcomes.most_common())
            + "; 0 tracebacks, 0 partial changes")


def test_a_huge_or_deeply_nested_plan_file_is_refused_without_reading_it(sample_store: Store,
                                                                         tmp_path: Path) -> None:
    from wsoa_desktop.services.ratings_import import preview_ratings

    huge = tmp_path / "huge.json"
    with open(huge, "wb") as f:
        f.truncate(300 * 2**20)  # sparse: nothing is really written
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    before = damage.fingerprint(sample_store.path)
    for path, words in ((huge, "at most 256 MB"), (nested, "damaged or is not a readable WSOA Desktop plan file")):
        for attempt_it in (lambda p: dry_run(p), lambda p: import_file(sample_store, p),
                           lambda p: preview_ratings(sample_store, 1, p, "August 2022")):
            started = time.perf_counter()
            with pytest.raises(ValidationError, match=words) as refused:
                attempt_it(path)
            plain(str(refused.value))
            assert time.perf_counter() - started < HANG
    assert damage.fingerprint(sample_store.path) == before
