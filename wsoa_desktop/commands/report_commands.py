"""``report brag|plan|exceptions|highlight|cover|scorecard|dashboard``: the printed reports from a terminal.

ReportLab and python-docx are imported only inside the handler, and nothing here
imports Qt, so ``report brag`` starts quickly.
"""

from __future__ import annotations

import argparse

from wsoa_desktop.cli import add_db_option, add_plan_option, existing_database_path


def _common(p: argparse.ArgumentParser, *, period: bool = True) -> None:
    add_plan_option(p)
    add_db_option(p)
    if period:
        p.add_argument("--period", metavar="LABEL", help="reporting period (default: the latest)")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="the file to write")
    p.add_argument("--portrait", action="store_true", help="A4 portrait (default: landscape)")
    p.add_argument("--author", metavar="NAME", help="author in the PDF's properties (default: you)")
    p.add_argument("--no-reasons", dest="reasons", action="store_false",
                   help="leave out the reason printed under a worse or Red rating")
    p.add_argument("--no-sign-off", dest="sign_off", action="store_false",
                   help="leave out the sign-off printed under a Blue rating")
    p.add_argument("--no-revised-targets", dest="revised_targets", action="store_false",
                   help="print a revised target without the one it replaced (“(was …)”)")


def register(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help="print the BRAG appendix, the action plan and other reports")
    kinds = report.add_subparsers(dest="report_kind", metavar="REPORT", required=True)

    p = kinds.add_parser("brag", help="the BRAG appendix for the committee (.pdf or .docx)")
    _common(p)
    p.add_argument("--version", dest="plan_version", metavar="N", type=int,
                   help="a published version, exactly as published")
    p.add_argument("--columns", metavar="LIST",
                   help="the optional columns, separated by commas: lead,progress,previous,revised "
                        "(default lead,progress; none for Ref, Action, Target End Date and RAG only)")
    p.add_argument("--no-lead", action="store_true", help="leave out the Lead column")
    p.add_argument("--no-progress", action="store_true", help="leave out the Progress Update column")
    p.add_argument("--no-rating-list", dest="rating_list", action="store_false",
                   help="leave out the list of every sub-action's rating before the detailed tables")
    p.add_argument("--appendix", metavar="N", default="2", help="the appendix number (default 2)")
    p.set_defaults(handler=cmd_report, kind="brag")

    p = kinds.add_parser("plan", help="the full action plan, Appendix 1 style (.pdf)")
    _common(p)
    p.add_argument("--appendix", metavar="N", default="1", help="the appendix number (default 1)")
    p.set_defaults(handler=cmd_report, kind="plan")

    p = kinds.add_parser("exceptions", help="Red, Amber, overdue and worsened items (.pdf or .docx)")
    _common(p)
    p.set_defaults(handler=cmd_report, kind="exceptions")

    p = kinds.add_parser("highlight", help="one priority's monthly spotlight (.pdf or .docx)")
    _common(p)
    p.add_argument("--priority", metavar="N", required=True, help="the priority, such as 2")
    p.set_defaults(handler=cmd_report, kind="highlight")

    from wsoa_desktop.commands.governance_commands import add_cover_report

    add_cover_report(kinds)

    p = kinds.add_parser("scorecard", help="impact measures: baseline, target, latest reading, status "
                                           "(.pdf or .xlsx); --period gives the position at its end")
    _measure_options(p)
    p.add_argument("--portrait", action="store_true", help="A4 portrait (default: landscape)")
    p.set_defaults(handler=cmd_measure_report, kind="scorecard")

    p = kinds.add_parser("dashboard", help="performance on a page for members (.pdf, one landscape page, "
                                           "tables after)")
    _measure_options(p)
    p.set_defaults(handler=cmd_measure_report, kind="dashboard", portrait=False)


def _measure_options(p: argparse.ArgumentParser) -> None:
    add_plan_option(p)
    add_db_option(p)
    p.add_argument("--period", metavar="LABEL", help="reporting period, or a quarter such as Q2 2022/23 "
                                                     "(default: the latest period)")
    p.add_argument("--version", dest="plan_version", metavar="N", type=int,
                   help="a published version: its measures and readings exactly as published")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="the file to write")
    p.add_argument("--author", metavar="NAME", help="author in the PDF's properties (default: you)")


def cmd_measure_report(args: argparse.Namespace) -> int:
    """``report scorecard`` and ``report dashboard``: read by the impact measures reader."""
    from wsoa_desktop.reports.options import ReportOptions
    from wsoa_desktop.reports.produce import make_report_at

    options = ReportOptions(period_label=args.period, version=args.plan_version, orientation="portrait" if args.portrait else "landscape",
                            author=args.author or _login_name())
    written = make_report_at(existing_database_path(args), args.kind, args.output, options, plan=args.plan)
    print(f"Wrote {written}")
    return 0


def _columns(args: argparse.Namespace) -> tuple[str, ...]:
    from wsoa_desktop.reports.options import parse_columns

    columns = parse_columns(getattr(args, "columns", None))
    dropped = {"lead"} if getattr(args, "no_lead", False) else set()
    if getattr(args, "no_progress", False):
        dropped.add("progress")
    return tuple(c for c in columns if c not in dropped)


def cmd_report(args: argparse.Namespace) -> int:
    import sys

    from wsoa_desktop.reports.options import ReportOptions
    from wsoa_desktop.reports.produce import (
        check_output,
        not_updated_notice,
        outline_at,
        write_report,
    )

    path = check_output(args.kind, args.output)
    options = ReportOptions(
        period_label=args.period,
        version=getattr(args, "plan_version", None),
        columns=_columns(args),
        appendix_number=str(getattr(args, "appendix", "2")).strip(),
        orientation="portrait" if args.portrait else "landscape",
        author=args.author or _login_name(),
        priority_ref=getattr(args, "priority", None),
        reasons=args.reasons,
        sign_off=args.sign_off,
        revised_targets=args.revised_targets,
        rating_list=getattr(args, "rating_list", True),
    )
    outline = outline_at(existing_database_path(args), options, plan=args.plan)
    written = write_report(args.kind, outline, options, path)
    notice = not_updated_notice(args.kind, outline, options)
    if notice:
        print(f"Warning: {notice}", file=sys.stderr)
    print(f"Wrote {written}")
    return 0


def _login_name() -> str:
    """The operating-system user (services.context.default_user without importing SQLModel)."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name (some CI and container setups)
        return "unknown"
