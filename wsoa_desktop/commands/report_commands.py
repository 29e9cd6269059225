"""``report brag|plan|exceptions|highlight``: the printed reports from a terminal.

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


def register(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help="print the BRAG appendix, the action plan and other reports")
    kinds = report.add_subparsers(dest="report_kind", metavar="REPORT", required=True)

    p = kinds.add_parser("brag", help="the BRAG appendix for the committee (.pdf or .docx)")
    _common(p)
    p.add_argument("--version", dest="plan_version", metavar="N", type=int,
                   help="a published version, exactly as published")
    p.add_argument("--columns", metavar="LIST",
                   help="extra columns, separated by commas: lead,progress,previous,revised")
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


def cmd_report(args: argparse.Namespace) -> int:
    from wsoa_desktop.reports.options import ReportOptions, parse_columns
    from wsoa_desktop.reports.produce import check_output, make_report_at

    path = check_output(args.kind, args.output)
    options = ReportOptions(
        period_label=args.period,
        version=getattr(args, "plan_version", None),
        columns=parse_columns(getattr(args, "columns", None)),
        appendix_number=str(getattr(args, "appendix", "2")).strip(),
        orientation="portrait" if args.portrait else "landscape",
        author=args.author or _login_name(),
        priority_ref=getattr(args, "priority", None),
    )
    written = make_report_at(existing_database_path(args), args.kind, path, options, plan=args.plan)
    print(f"Wrote {written}")
    return 0


def _login_name() -> str:
    """The operating-system user (services.context.default_user without importing SQLModel)."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name (some CI and container setups)
        return "unknown"
