"""The `parentinfo` command: serve, worker, migrate, demo, user, token, retention, whatsapp."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Sequence

from parentinfo import db
from parentinfo.errors import ServiceError
from parentinfo.i18n import CatalogsMissing, require_catalogs
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, MessageKind
from parentinfo.outreach.whatsapp.content import (
    all_definitions,
    content_request,
    definition_problems,
)
from parentinfo.outreach.whatsapp.templates import WHATSAPP_KINDS
from parentinfo.process import open_runtime
from parentinfo.settings import Settings, SettingsError, load_settings


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"parentinfo: {error}", file=sys.stderr)
        return 2
    command: Callable[[Settings, argparse.Namespace], int] = args.func
    try:
        if command in (_serve, _worker):
            require_catalogs(SUPPORTED_LANGUAGES)
        return command(settings, args)
    except CatalogsMissing as error:
        print(f"parentinfo: {error}", file=sys.stderr)
        return 2
    except ServiceError as error:
        print(f"parentinfo: {error.message}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parentinfo", description=__doc__)
    sub = parser.add_subparsers(required=True, metavar="command")

    serve = sub.add_parser("serve", help="web server; with SQLite also the job worker")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="server processes (PostgreSQL only)")
    serve.add_argument(
        "--demo",
        action="store_true",
        help="migrate and load the demo data first, in this process (what `make run` does)",
    )
    serve.set_defaults(func=_serve)

    sub.add_parser("worker", help="a job worker (PostgreSQL)").set_defaults(func=_worker)
    sub.add_parser("migrate", help="apply migrations").set_defaults(func=_migrate)
    sub.add_parser("demo", help="load demo data (idempotent)").set_defaults(func=_demo)

    user = sub.add_parser("user", help="manage users").add_subparsers(
        required=True, metavar="action"
    )
    create_user = user.add_parser("create", help="a user; prints a one-time password")
    create_user.add_argument("--email", required=True)
    create_user.add_argument("--org", required=True, help="organisation slug")
    create_user.add_argument("--role", required=True, choices=["admin", "coordinator", "volunteer"])
    create_user.add_argument("--name", default="")
    create_user.set_defaults(func=_user_create)

    token = sub.add_parser("token", help="manage API tokens").add_subparsers(
        required=True, metavar="action"
    )
    create_token = token.add_parser("create", help="prints an API token for that user")
    create_token.add_argument("--email", required=True)
    create_token.add_argument("--name", default="cli")
    create_token.set_defaults(func=_token_create)

    retention = sub.add_parser("retention", help="delete personal data past its retention period")
    retention.add_argument(
        "--dry-run", action="store_true", help="list what would go, change nothing"
    )
    retention.set_defaults(func=_retention)

    whatsapp = sub.add_parser("whatsapp", help="WhatsApp set-up").add_subparsers(
        required=True, metavar="action"
    )
    templates = whatsapp.add_parser(
        "templates", help="print the WhatsApp Content templates to submit, per language and kind"
    )
    templates.add_argument("--language", choices=SUPPORTED_LANGUAGES, action="append")
    templates.add_argument("--kind", choices=[k.value for k in WHATSAPP_KINDS], action="append")
    templates.set_defaults(func=_whatsapp_templates)
    return parser


def _whatsapp_templates(settings: Settings, args: argparse.Namespace) -> int:
    """Print Twilio Content API create requests as one JSON list (no database needed)."""
    del settings
    require_catalogs(SUPPORTED_LANGUAGES)
    chosen = all_definitions(
        kinds=[MessageKind(k) for k in args.kind] if args.kind else WHATSAPP_KINDS,
        languages=args.language or SUPPORTED_LANGUAGES,
    )
    problems = [problem for template in chosen for problem in definition_problems(template)]
    if problems:
        print("parentinfo: " + "; ".join(problems), file=sys.stderr)
        return 1
    json.dump([content_request(t) for t in chosen], sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _with_database(settings: Settings, work: Callable[[], Awaitable[int]]) -> int:
    async def run() -> int:
        async with open_runtime(settings):
            return await work()

    return asyncio.run(run())


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    if args.demo:
        # One process instead of three: a warm `make run` pays the imports once.
        _migrate(settings, args)
        _demo(settings, args)

    workers = args.workers if settings.is_postgres else 1  # one process owns the embedded worker
    uvicorn.run(
        "parentinfo.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=workers,
        log_level=settings.log_level.lower(),
        access_log=False,
        # the client address the login and reset limits count: only a trusted proxy's word
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=",".join(settings.trusted_proxies) or None,
    )
    return 0


def _worker(settings: Settings, args: argparse.Namespace) -> int:
    del args
    if not settings.is_postgres:
        print(
            "parentinfo: the embedded SQLite mode runs its worker inside `parentinfo serve`; "
            "separate workers need PARENTINFO_DATABASE_URL=postgres://...",
            file=sys.stderr,
        )
        return 2
    from parentinfo.worker import run_standalone_worker

    asyncio.run(run_standalone_worker(settings))
    return 0


def _migrate(settings: Settings, args: argparse.Namespace) -> int:
    del args
    from parentinfo.jobs import ensure_job_schema

    applied = asyncio.run(db.migrate(settings.database_url))
    asyncio.run(ensure_job_schema(settings))
    print(f"parentinfo: {migration_summary(applied)}")
    return 0


def migration_summary(applied: int) -> str:
    """What ``migrate`` did, in words that are true for a new database as for an old one."""
    if applied == 0:
        return "the database was already up to date, nothing to apply"
    noun = "migration" if applied == 1 else "migrations"
    return f"applied {applied} {noun}, the database is ready"


def _demo(settings: Settings, args: argparse.Namespace) -> int:
    del args
    from parentinfo.demo import load_demo

    async def work() -> int:
        summary = await load_demo()
        print(summary)
        return 0

    return _with_database(settings, work)


def _user_create(settings: Settings, args: argparse.Namespace) -> int:
    from parentinfo.accounts.service import create_user
    from parentinfo.organisations.models import Organisation

    async def work() -> int:
        if not await Organisation.exists(slug=args.org):
            # Only the command line lists every organisation: whoever runs it holds the database.
            slugs = await Organisation.all().order_by("slug").values_list("slug", flat=True)
            known = (
                ", ".join(str(slug) for slug in slugs) or "none yet (`parentinfo demo` adds some)"
            )
            unknown = f"parentinfo: no organisation with slug {args.org!r}"
            print(f"{unknown}; the organisations are: {known}", file=sys.stderr)
            return 1
        user, password = await create_user(
            email=args.email, org_slug=args.org, role=args.role, name=args.name
        )
        print(f"created {user.email} ({args.role} of {args.org})")
        print(f"one-time password: {password}")
        print("it opens the account once: a new password must be chosen at the first login")
        return 0

    return _with_database(settings, work)


def _token_create(settings: Settings, args: argparse.Namespace) -> int:
    from parentinfo.accounts.service import create_api_token

    async def work() -> int:
        print(await create_api_token(email=args.email, name=args.name))
        return 0

    return _with_database(settings, work)


def _retention(settings: Settings, args: argparse.Namespace) -> int:
    from parentinfo.privacy.retention import apply_retention

    async def work() -> int:
        report = await apply_retention(settings, dry_run=args.dry_run)
        print(report)
        return 0

    return _with_database(settings, work)


if __name__ == "__main__":
    raise SystemExit(main())
