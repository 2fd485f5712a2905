"""Builders for contacts and contact files, through the contacts service."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from parentinfo.accounts.actor import Actor
from parentinfo.contacts import service
from parentinfo.contacts.models import Contact
from parentinfo.rsvp.inbound import control
from parentinfo.rsvp.inbound.senders import look_up

HEADER: tuple[str, ...] = ("name", "mobile", "email", "language", "age_groups")


def mobile(n: int) -> str:
    """A distinct, valid Dutch mobile number in E.164 for each ``n`` (0..9,999,999)."""
    return f"+3161{n:07d}"


async def make_contact(actor: Actor, *, n: int = 1, **overrides: Any) -> Contact:
    """A contact of the actor's organisation, with SMS consent on a paper form."""
    values: dict[str, Any] = {
        "name": f"Parent {n}",
        "mobile": mobile(n),
        "language": "pl",
        "age_groups": ["4-11"],
        "consent_channels": ["sms"],
        "consent_method": "paper_form",
    }
    values.update(overrides)
    return await service.create_contact(actor=actor, **values)


def contact_rows(count: int, *, start: int = 0) -> list[list[str]]:
    """``count`` good rows for :data:`HEADER`."""
    languages = ("pl", "ro", "bg", "nl", "en")
    return [
        [f"Parent {i}", mobile(i), f"p{i}@example.com" if i % 2 else "", languages[i % 5], "4-11"]
        for i in range(start, start + count)
    ]


def csv_bytes(
    rows: Iterable[Sequence[str]],
    *,
    header: Sequence[str] = HEADER,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> bytes:
    """A CSV file as a spreadsheet program would save it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


async def reply_stop(number: str) -> None:
    """The parent with ``number`` replies STOP, handled as the shipped SMS path does."""
    await control.opt_out(await look_up(number))
