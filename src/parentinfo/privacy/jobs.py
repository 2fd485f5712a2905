"""Background jobs of the privacy feature: retention, once a day."""

from __future__ import annotations

import logging

import procrastinate

from parentinfo.privacy.retention import apply_retention
from parentinfo.runtime import runtime

logger = logging.getLogger(__name__)

blueprint = procrastinate.Blueprint()


# 03:17 UTC: outside office hours and away from the round hour other schedules pick.
@blueprint.periodic(cron="17 3 * * *", periodic_id="daily")
@blueprint.task(name="apply_retention", queueing_lock="privacy.retention")
async def retention_daily(timestamp: int) -> None:
    """Blank old messages and erase stale contacts; the report (counts only) goes to the log."""
    del timestamp  # procrastinate passes when the run was due; retention looks at now
    report = await apply_retention(runtime().settings, dry_run=False)
    logger.info("%s", report.replace("\n", " |"))
