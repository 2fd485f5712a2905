"""A benchmark organisation with a member, an API token, a published event and its contacts."""

from __future__ import annotations

from dataclasses import dataclass

from bench import seed, seeding
from bench.server import run_cli


@dataclass(frozen=True)
class Workload:
    """What a benchmark drives through the API."""

    token: str
    event_id: int
    invitation_ids: list[int]

    @property
    def headers(self) -> dict[str, str]:
        """Bearer headers for the benchmark's coordinator."""
        return {"Authorization": f"Bearer {self.token}"}


def prepare(env: dict[str, str], database_url: str, *, contacts: int, invite: bool) -> Workload:
    """Migrate, seed, and create a coordinator with a token."""
    run_cli(env, "migrate")

    async def work() -> tuple[int, list[int]]:
        org = await seed.organisation()
        [event] = await seed.events(org, 1)
        people = await seed.contacts(org, contacts)
        invited = await seed.invitations(event, people) if invite else []
        return event.id, [i.id for i in invited]

    event_id, invitation_ids = seeding.seed(database_url, work)
    run_cli(
        env,
        "user",
        "create",
        "--email",
        "bench@bench.test",
        "--org",
        "bench-school",
        "--role",
        "coordinator",
    )
    token = run_cli(env, "token", "create", "--email", "bench@bench.test").strip().splitlines()[-1]
    return Workload(token=token, event_id=event_id, invitation_ids=invitation_ids)


def quiet_hours_elsewhere() -> str:
    """A one-minute quiet window twelve hours from now, so no benchmark message is held."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    later = dt.datetime.now(ZoneInfo("Europe/Amsterdam")) + dt.timedelta(hours=12)
    end = later + dt.timedelta(minutes=1)
    return f"{later:%H:%M}-{end:%H:%M}"
