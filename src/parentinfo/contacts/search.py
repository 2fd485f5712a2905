"""Finding contacts: by name, mobile digits or email, filtered and a page at a time."""

from __future__ import annotations

import re

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from parentinfo.accounts.actor import Actor
from parentinfo.contacts.access import contact_query_for
from parentinfo.contacts.models import Contact
from parentinfo.contacts.validation import clean_age_groups, clean_channels, clean_language
from parentinfo.errors import invalid_field
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import Answer
from parentinfo.lib.folding import query_words
from parentinfo.lib.pagination import Page, PageRequest
from parentinfo.rsvp.models import Invitation

_NOT_DIGIT = re.compile(r"\D")
_MIN_DIGITS = 3  # fewer digits would match nearly every number


def search_filter(text: str) -> Q:
    """Every word in the folded name, or an email containing ``text``, or a mobile's digits."""
    wanted = text.strip()
    match = Q(email__icontains=wanted)
    words = query_words(wanted)
    if words:
        match |= Q(*(Q(search_fold__contains=word) for word in words), join_type=Q.AND)
    digits = _NOT_DIGIT.sub("", wanted)
    if len(digits) >= _MIN_DIGITS:
        for variant in _digit_variants(digits):
            match |= Q(mobile__contains=variant)
    return match


def _digit_variants(digits: str) -> set[str]:
    """``0612…`` is stored as ``+31612…`` and ``0048…`` as ``+48…``: search both ways."""
    variants = {digits}
    if digits.startswith("00"):
        variants.add(digits[2:])
    elif digits.startswith("0"):
        variants.add("31" + digits[1:])
    return variants


async def search_contacts(
    *,
    actor: Actor,
    page: PageRequest,
    q: str | None = None,
    language: str | None = None,
    age_group: str | None = None,
    opted_out: bool | None = None,
    channel: str | None = None,
    answered: tuple[int, str] | None = None,
) -> Page[Contact]:
    """One page of the contacts the actor may see, by name; ``opted_out``: no channel left.

    ``channel`` keeps those reachable on that channel now; ``answered`` (event id, answer)
    those invited to that event who gave that answer (``none``: not yet).
    """
    query = filtered_contacts(
        actor=actor,
        q=q,
        language=language,
        opted_out=opted_out,
        channel=channel,
        answered=answered,
    )
    groups = clean_age_groups([age_group or ""], field_name="age_group")
    if groups:
        return await _page_with_age_group(query, groups[0], page)
    total = await query.count()
    items = await query.offset(page.offset).limit(page.per_page)
    return Page(items=list(items), total=total, page=page.page, per_page=page.per_page)


def filtered_contacts(
    *,
    actor: Actor,
    q: str | None = None,
    language: str | None = None,
    opted_out: bool | None = None,
    channel: str | None = None,
    answered: tuple[int, str] | None = None,
) -> QuerySet[Contact]:
    """The contacts the actor may see that pass every filter given, ordered by name."""
    query = contact_query_for(actor)
    if q and q.strip():
        query = query.filter(search_filter(q))
    if language:
        query = query.filter(language=clean_language(language))
    if opted_out is True:
        query = query.filter(sms_opt_out=True, email_opt_out=True)
    elif opted_out is False:
        query = query.filter(Q(sms_opt_out=False) | Q(email_opt_out=False))
    if channel:
        query = query.filter(_REACHABLE[clean_channels([channel], field_name="channel")[0]])
    if answered is not None:
        event_id, answer = answered
        invited = Invitation.filter(event_id=event_id, answer=_clean_answer(answer))
        query = query.filter(id__in=Subquery(invited.values("contact_id")))
    return query.order_by("name", "id")


_MOBILE_WORKS = Q(mobile__isnull=False, sms_opt_out=False, mobile_invalid=False)
# The same rules as routing (outreach.audience.selection): WhatsApp and calls need the
# parent's own opt-in on a mobile that works and has not said STOP.
_REACHABLE = {
    "sms": _MOBILE_WORKS,
    "email": Q(email__isnull=False, email_opt_out=False),
    "whatsapp": _MOBILE_WORKS & Q(whatsapp=True, whatsapp_invalid=False),
    "voice": _MOBILE_WORKS & Q(call_me=True),
}


def _clean_answer(raw: str) -> Answer:
    try:
        return Answer(raw)
    except ValueError:
        choices = ", ".join(a.value for a in Answer)
        raise invalid_field("answer", _("use one of: {choices}").format(choices=choices)) from None


async def _page_with_age_group(
    query: QuerySet[Contact], group: str, page: PageRequest
) -> Page[Contact]:
    """Age groups are a JSON list, which SQLite cannot search: filter the ids here instead."""
    rows = await query.values_list("id", "age_groups")
    ids = [contact_id for contact_id, groups in rows if group in (groups or [])]
    chosen = ids[page.offset : page.offset + page.per_page]
    found = {c.id: c for c in await Contact.filter(id__in=chosen)}
    return Page(
        items=[found[i] for i in chosen if i in found],
        total=len(ids),
        page=page.page,
        per_page=page.per_page,
    )
