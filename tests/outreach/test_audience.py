"""Which channel reaches a parent, and who belongs to an audience: pure rules."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from parentinfo.lib.enums import Channel
from parentinfo.outreach.audience.rows import ContactRow
from parentinfo.outreach.audience.selection import (
    AudienceFilter,
    Route,
    matches,
    reachable,
    route_for,
)


def contact(**values: object) -> ContactRow:
    fields: dict[str, object] = {
        "id": 1,
        "organisation_id": 1,
        "name": "A",
        "mobile": "+31612345678",
        "email": None,
        "language": "pl",
        "age_groups": ["4-11"],
        "sms_opt_out": False,
        "email_opt_out": False,
        "mobile_invalid": False,
    }
    fields.update(values)
    return ContactRow.from_values(fields)


def test_sms_first_then_email_then_a_call() -> None:
    assert route_for(contact()) == Route.SMS
    assert route_for(contact(mobile=None, email="a@example.com")) == Route.EMAIL
    assert route_for(contact(mobile_invalid=True, email="a@example.com")) == Route.EMAIL
    assert route_for(contact(mobile=None)) == Route.CALL
    assert route_for(contact(email="a@example.com"), avoid=Channel.SMS) == Route.EMAIL


def test_opted_out_parents_are_never_contacted() -> None:
    assert route_for(contact(sms_opt_out=True, email_opt_out=True)) == Route.NONE
    assert route_for(contact(sms_opt_out=True)) == Route.NONE  # no call instead of the SMS
    assert route_for(contact(sms_opt_out=True, email="a@example.com")) == Route.EMAIL
    assert reachable([contact(sms_opt_out=True), contact(id=2)]) == [contact(id=2)]


@given(
    mobile=st.booleans(),
    email=st.booleans(),
    sms_out=st.booleans(),
    email_out=st.booleans(),
    invalid=st.booleans(),
)
def test_the_route_never_uses_a_channel_the_parent_refused(
    mobile: bool, email: bool, sms_out: bool, email_out: bool, invalid: bool
) -> None:
    route = route_for(
        contact(
            mobile="+31612345678" if mobile else None,
            email="a@example.com" if email else None,
            sms_opt_out=sms_out,
            email_opt_out=email_out,
            mobile_invalid=invalid,
        )
    )
    if route == Route.SMS:
        assert mobile
        assert not sms_out
        assert not invalid
    if route == Route.EMAIL:
        assert email
        assert not email_out
    if route == Route.CALL:
        assert not sms_out
        assert not email_out


def test_audience_filters_language_age_and_attendance() -> None:
    polish = contact()
    assert matches(polish, AudienceFilter(), set())
    assert matches(polish, AudienceFilter(languages=("pl", "ro")), set())
    assert not matches(polish, AudienceFilter(languages=("ro",)), set())
    assert matches(polish, AudienceFilter(age_groups=("0-3", "4-11")), set())
    assert not matches(polish, AudienceFilter(age_groups=("12-17",)), set())
    assert matches(polish, AudienceFilter(attended_before=True), {1})
    assert not matches(polish, AudienceFilter(attended_before=True), set())
    assert matches(polish, AudienceFilter(attended_before=False), set())
