"""The features connected to each other's announcements: called once per process.

A lower feature announces what happened (:mod:`parentinfo.events.happenings`); the higher
ones act on it. This module, on the top floor, is where they meet: the server, the worker
and the command line each call :func:`connect_features` before doing anything. It also
hands the job queue (:mod:`parentinfo.jobs`, lowest floor) the features' tasks.
"""

from __future__ import annotations

import procrastinate

from parentinfo.outreach import jobs as outreach_jobs
from parentinfo.outreach.listeners import subscribe_outreach
from parentinfo.privacy import jobs as privacy_jobs
from parentinfo.rsvp import jobs as rsvp_jobs
from parentinfo.rsvp.listeners import subscribe_rsvp


def connect_features() -> None:
    """Subscribe every feature's listeners (idempotent). Order matters: the waiting list
    moves up before a change notice is composed, as it did when events called both."""
    subscribe_rsvp()
    subscribe_outreach()


def feature_jobs() -> dict[str, procrastinate.Blueprint]:
    """Every feature's background tasks, by the namespace their job names start with."""
    return {
        "outreach": outreach_jobs.blueprint,
        "rsvp": rsvp_jobs.blueprint,
        "privacy": privacy_jobs.blueprint,
    }
