"""Demo data for trying parentinfo: organisations in Zwolle, their people, sessions, parents.

Idempotent: every row is looked up by a stable key (slug, email, event UID, mobile number)
before it is made, so running ``parentinfo demo`` twice changes nothing the second time.
The events go through the same services as the API (co-host invitation, acceptance,
publishing); contacts are written with the models directly. The data is in ``demo_data``.
"""

from __future__ import annotations

import itertools
import unicodedata
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.models import Membership, User
from parentinfo.accounts.passwords import hash_password
from parentinfo.accounts.service import actor_for
from parentinfo.contacts.models import Consent, Contact
from parentinfo.demo_data import (
    AGE_GROUP_CHOICES,
    CALL_ME_PARENTS,
    CONTACTS,
    COORDINATOR_OF,
    EVENTS,
    LOGIN,
    ORGANISATIONS,
    PASSWORD,
    USERS,
    WHATSAPP_PARENTS,
    DemoEvent,
)
from parentinfo.events import service as events
from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import ConsentMethod, HostStatus, Role
from parentinfo.organisations.models import Organisation


async def load_demo() -> str:
    """Load the demo organisations, people, events and contacts; safe to run again."""
    added = 0
    organisations = {}
    for org in ORGANISATIONS:
        organisations[org["slug"]], created = await Organisation.get_or_create(
            slug=org["slug"], defaults={k: v for k, v in org.items() if k != "slug"}
        )
        added += created
    for email, name, org_slug, role in USERS:
        added += await _ensure_member(email, name, organisations[org_slug], role)
    for spec in EVENTS:
        added += await _ensure_event(spec)
    added += await _ensure_contacts(organisations)
    contacts = await Contact.filter(organisation__slug__in=list(organisations)).count()
    return (
        f"demo: {len(organisations)} organisations, {len(USERS)} users, {len(EVENTS)} events, "
        f"{contacts} contacts ({added} rows added now)\n"
        f"demo login: {LOGIN} / {PASSWORD} "
        f"(volunteer: volunteer@polska-zwolle.nl / {PASSWORD})"
    )


async def _ensure_member(email: str, name: str, organisation: Organisation, role: Role) -> int:
    """The user and their membership, made only when missing (a password is never reset)."""
    user = await User.get_or_none(email=email)
    added = 0
    if user is None:
        user = await User.create(email=email, name=name, password_hash=hash_password(PASSWORD))
        added += 1
    if not await Membership.exists(user=user, organisation=organisation):
        await Membership.create(user=user, organisation=organisation, role=role)
        added += 1
    return added


async def _actor(org_slug: str) -> Actor:
    user = await User.get(email=COORDINATOR_OF[org_slug])
    return await actor_for(user, org_slug=org_slug)


async def _ensure_event(spec: DemoEvent) -> int:
    """Draft, invite and accept the co-hosts and the guest, publish: the way the hosts would."""
    if await Event.exists(uid=spec.uid):
        return 0
    owner = await _actor(spec.owner)
    starts_at, ends_at = _when(spec)
    values = {**spec.values, "starts_at": starts_at, "ends_at": ends_at}
    event = await events.create_event(actor=owner, values=values, texts=spec.texts)
    await Event.filter(id=event.id).update(uid=spec.uid)
    for cohost in spec.cohosts:
        await events.invite_cohost(actor=owner, event_id=event.id, organisation=cohost)
        await events.respond_to_cohost_invitation(
            actor=await _actor(cohost), event_id=event.id, organisation=cohost, accept=True
        )
    if spec.values.get("guest_organisation"):
        # The demo library has no accounts: it agreed beforehand, as a guest must.
        await Event.filter(id=event.id).update(
            guest_status=HostStatus.ACCEPTED, guest_responded_at=now()
        )
    await events.publish_event(actor=owner, event_id=event.id)
    return 1


def _when(spec: DemoEvent) -> tuple[datetime, datetime]:
    """The first ``spec.weekday`` at least ``days_ahead`` days from today, in local time."""
    zone = ZoneInfo(events.default_timezone())
    day: date = now().astimezone(zone).date() + timedelta(days=spec.days_ahead)
    day += timedelta(days=(spec.weekday - day.weekday()) % 7)
    return (
        datetime.combine(day, spec.starts, tzinfo=zone),
        datetime.combine(day, spec.ends, tzinfo=zone),
    )


async def _ensure_contacts(organisations: dict[str, Organisation]) -> int:
    """The 54 demo parents (in all 22 languages), each with their paper consent form."""
    numbers = (f"+316100000{n:02d}" for n in itertools.count(1))
    ages = itertools.cycle(AGE_GROUP_CHOICES)
    added = 0
    for org_slug, language, names in CONTACTS:
        organisation = organisations[org_slug]
        recorder = await User.get(email=COORDINATOR_OF[org_slug])
        for index, name in enumerate(names):
            mobile, age_groups = next(numbers), next(ages)
            if await Contact.exists(organisation=organisation, mobile=mobile):
                continue
            email = _demo_email(name) if index % 3 == 0 else None
            whatsapp, call_me = name in WHATSAPP_PARENTS, name in CALL_ME_PARENTS
            contact = await Contact.create(
                organisation=organisation,
                name=name,
                mobile=mobile,
                email=email,
                language=language,
                age_groups=age_groups,
                whatsapp=whatsapp,
                call_me=call_me,
                created_by=recorder,
            )
            channels = ["sms", "email"] if email else ["sms"]
            channels += ["whatsapp"] * whatsapp + ["voice"] * call_me
            await Consent.create(
                contact=contact,
                channels=channels,
                method=ConsentMethod.PAPER_FORM,
                recorded_by=recorder,
                note="Signed the paper form at an information evening.",
            )
            added += 1
    return added


_CYRILLIC = dict(
    zip(
        "абвгдежзийклмнопрстуфхцчшщъьюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "h",
            "ts",
            "ch",
            "sh",
            "sht",
            "a",
            "y",
            "yu",
            "ya",
        ],
        strict=True,
    )
)


def _demo_email(name: str) -> str:
    """An address at example.com (reserved: mail there never reaches anyone)."""
    latin = "".join(_CYRILLIC.get(c, c) for c in name.lower())
    ascii_name = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    local = ".".join(part.lower() for part in ascii_name.replace("-", " ").split() if part)
    return f"{local or 'parent'}@example.com"
