"""The desks a staff member may open (办理台登记): each system says, from its own `apps.py` `ready()`, who may
open its desk and what waits there; the desk home (工作台) lists them. The desk app imports no programme:
programmes import this module and register themselves, so the arrow points from the programme down.

- `DeskEntry(code, label, url, allowed, waiting)`: `url` is a URL name (reversed when listed) or a path;
  `allowed(user)` reuses the system's own permission check; `waiting(user)` returns `Count`s made with one or
  two queries (the home page lists every desk on each visit).
- `register(entry)` (a second entry with the same code replaces the first, so a re-run `ready()` is harmless),
  `entries_for(user)` → the entries `user` may open, in `order`, with their counts.
- `require_second_factor(perm, why)`: a right that needs a second factor (双因素认证) — the desk's 2FA pages and
  `accounts.needs_two_factor` ask here instead of naming any system's permission.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Count:
    """One number on a desk (待办数): what it counts, how many, where to see them, whether it is urgent."""

    label: str
    number: int
    url: str = ""
    urgent: bool = False


@dataclass(frozen=True)
class DeskEntry:
    """One system's desk (办理台) on the desk home."""

    code: str
    label: str
    url: str
    allowed: Callable[[Any], bool]
    waiting: Callable[[Any], list[Count]] = field(default=lambda user: [])
    description: str = ""
    order: int = 100

    def href(self) -> str:
        """The desk's address: `url` reversed if it is a URL name, else `url` itself (a path)."""
        if self.url.startswith("/"):
            return self.url
        try:
            return reverse(self.url)
        except NoReverseMatch:
            return self.url


@dataclass(frozen=True)
class OpenDesk:
    """A desk as the home page shows it: the entry, its address and its counts for this user."""

    entry: DeskEntry
    href: str
    counts: list[Count]


@dataclass(frozen=True)
class SecondFactorRight:
    """A permission whose holders must use a second factor, and why (shown on the set-up page)."""

    perm: str
    why: str


_entries: dict[str, DeskEntry] = {}
_second_factor: dict[str, SecondFactorRight] = {}


def register(entry: DeskEntry) -> DeskEntry:
    """Add (or replace, by code) a system's desk."""
    _entries[entry.code] = entry
    return entry


def unregister(code: str) -> None:
    """Remove a desk (tests that register their own)."""
    _entries.pop(code, None)


def all_entries() -> list[DeskEntry]:
    return sorted(_entries.values(), key=lambda e: (e.order, e.code))


def entries_for(user) -> list[OpenDesk]:
    """The desks `user` may open, each with its counts; nothing for an anonymous or inactive user."""
    if not (getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)):
        return []
    return [OpenDesk(e, e.href(), list(e.waiting(user))) for e in all_entries() if e.allowed(user)]


def require_second_factor(perm: str, why: str) -> None:
    """Holders of `perm` ("app.codename") must set up an authenticator and verify their sessions."""
    _second_factor[perm] = SecondFactorRight(perm, why)


def second_factor_rights() -> list[SecondFactorRight]:
    return list(_second_factor.values())
