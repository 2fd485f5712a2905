"""Closed vocabularies shared by several features, as string enums stored by value."""

from __future__ import annotations

from enum import StrEnum


class OrganisationKind(StrEnum):
    """What kind of organisation hosts or joins sessions."""

    SCHOOL = "school"
    MIGRANT_ORGANISATION = "migrant_organisation"
    LIBRARY = "library"
    PLAYGROUP = "playgroup"
    SPORT_AND_CULTURE = "sport_and_culture"
    YOUTH_HEALTH_CARE = "youth_health_care"
    WELFARE = "welfare"
    MUNICIPALITY = "municipality"
    OTHER = "other"


class Role(StrEnum):
    """A member's role in one organisation."""

    ADMIN = "admin"
    COORDINATOR = "coordinator"
    VOLUNTEER = "volunteer"


class Topic(StrEnum):
    """What a session is about."""

    SCHOOL_SYSTEM = "school_system"
    LIBRARY = "library"
    PLAYGROUP = "playgroup"
    SPORT_AND_CULTURE = "sport_and_culture"
    YOUTH_HEALTH_CARE = "youth_health_care"
    MOTHERS_NETWORK = "mothers_network"
    OTHER = "other"


class EventStatus(StrEnum):
    """Where an event is in its life."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    DONE = "done"


class HostRole(StrEnum):
    """The organisation that drafted the event, or one it invited."""

    HOST = "host"
    COHOST = "cohost"


class HostStatus(StrEnum):
    """A co-host's answer to the invitation to host together."""

    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Answer(StrEnum):
    """A parent's answer to an invitation."""

    NONE = "none"
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"


class Channel(StrEnum):
    """How a message reaches a parent."""

    SMS = "sms"
    EMAIL = "email"
    WHATSAPP = "whatsapp"  # Twilio's WhatsApp Business API: templates and quick-reply buttons
    VOICE = "voice"  # a spoken call in the parent's language, answered by keypad


class MessageKind(StrEnum):
    """Why a message is sent."""

    INVITATION = "invitation"
    REMINDER = "reminder"
    CHANGE = "change"
    CANCELLATION = "cancellation"
    CONFIRMATION = "confirmation"
    FOLLOWUP = "followup"
    NUDGE = "nudge"  # one more invitation to those who have not answered
    REPLY = "reply"
    STAFF_ANSWER = "staff_answer"  # a person answering a parent's question
    PASSWORD_RESET = "password_reset"  # noqa: S105 - a message kind, not a secret
    ACCOUNT_INVITE = "account_invite"  # a link to join an organisation as staff
    TEST = "test"  # a staff member's test send to their own phone or address: never counted


class MessageStatus(StrEnum):
    """The outbox status machine: pending → sending → sent → delivered (→ read) / undelivered /
    failed."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"  # WhatsApp: the parent opened it (SMS and email never report this)
    UNDELIVERED = "undelivered"
    FAILED = "failed"
    WITHHELD = "withheld"


class InboxStatus(StrEnum):
    """What became of an inbound SMS."""

    HANDLED = "handled"
    NEEDS_ATTENTION = "needs_attention"
    RESOLVED = "resolved"


class ConsentMethod(StrEnum):
    """How a parent gave or withdrew consent."""

    PAPER_FORM = "paper_form"
    VERBAL = "verbal"
    AT_THE_DOOR = "at_the_door"
    WEB = "web"
    SMS = "sms"
    IMPORT = "import"


# The languages the service speaks: catalogs exist for these, and contacts may prefer them.
SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "nl", "en", "pl", "ro", "bg", "de", "fr", "es", "pt", "it", "lt",
    "lv", "hu", "sk", "cs", "hr", "sl", "el", "uk", "ru", "tr", "ar",
)  # fmt: skip

# Languages the staff interface is offered in; attendance pages also in pl, ro, bg.
STAFF_LANGUAGES: tuple[str, ...] = ("nl", "en")
VOLUNTEER_LANGUAGES: tuple[str, ...] = ("nl", "en", "pl", "ro", "bg")

# Age groups of children, used to choose an audience.
AGE_GROUPS: tuple[str, ...] = ("0-3", "4-11", "12-17")
