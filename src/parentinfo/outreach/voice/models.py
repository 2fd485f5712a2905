"""A volunteer's recording of one prompt of the phone call, in one language.

The sound itself is stored in the database, not on disk: every server machine answers
Twilio's GET for it, and a file written on one machine is not on the others (nor in the
database backup). A recording is at most ``recordings.MAX_BYTES``, so a row stays small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from parentinfo.accounts.models import User
    from parentinfo.events.models import Event
    from parentinfo.organisations.models import Organisation


class VoiceRecording(Model):
    """One prompt (``voices.PROMPTS``) in one language, for an event or the organisation.

    The invitation belongs to an event (it says what, when and where); the other prompts
    (how many come, the confirmation, the menu again, goodbye) are the organisation's, used
    for every event: ``event`` is NULL for them. ``token`` is the opaque name Twilio fetches
    it by; a new recording is a new row with a new token, so a cached old one is never
    served for the new one.

    ``stale`` is set when the event moves (time or place): the invitation then tells an
    old time or place, so no call plays it until it is recorded again (a new row, fresh).
    """

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="voice_recordings", on_delete=fields.CASCADE
    )
    event: fields.ForeignKeyNullableRelation[Event] = fields.ForeignKeyField(
        "models.Event", related_name="voice_recordings", null=True, on_delete=fields.CASCADE
    )
    language = fields.CharField(max_length=8)
    prompt = fields.CharField(max_length=16)
    token = fields.CharField(max_length=64, unique=True)
    audio = fields.BinaryField()  # a PCM WAV file, checked by recordings.check_wav
    duration_ms = fields.IntField()
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="voice_recordings", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    stale = fields.BooleanField(default=False, db_default=False)

    class Meta:
        table = "voice_recording"
        indexes = (("organisation_id", "language"),)
