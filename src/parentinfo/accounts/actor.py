"""Who is acting, in which organisation, with which role: the first argument of every service."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from parentinfo.errors import Forbidden
from parentinfo.lib.enums import Role


@dataclass(frozen=True)
class Actor:
    """A logged-in user acting for one of their organisations."""

    user_id: int
    email: str
    org_id: int
    role: Role
    memberships: Mapping[int, Role] = field(default_factory=dict)
    name: str = ""
    language: str = "nl"

    @property
    def org_ids(self) -> frozenset[int]:
        """Every organisation this user belongs to."""
        return frozenset(self.memberships)

    def require(self, *roles: Role) -> None:
        """Refuse unless the user's role in the active organisation is one of ``roles``."""
        if self.role not in roles:
            allowed = ", ".join(r.value for r in roles)
            raise Forbidden(f"This needs the role {allowed} in this organisation.")

    def require_coordinator(self) -> None:
        """Events, contacts and outreach are for coordinators and admins."""
        self.require(Role.ADMIN, Role.COORDINATOR)

    def require_admin(self) -> None:
        """Organisation settings and members are for admins."""
        self.require(Role.ADMIN)
