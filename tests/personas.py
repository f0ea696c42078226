"""The people of the tests, made one way for every system: a staff account with some of one app's rights
(`person`), and a browser logged in as them (`logged_in`).

Each app's fixtures name its roles with these: the office (区应急局 clerk, 区督查办, 区科技局 bureau), a unit
member and a member of another unit (reports' departments A and B, supervision's 区司法局), an outsider
(someone with no right: reports' and subsidies' `nobody`, a party outside the district), and the roles
the programmes add (reviewer, finance, identity officer, expert, school). Accounts get no password: no
test signs in with one here (the login tests make their own), and hashing one costs a PBKDF2 per account.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.test import Client


def person(username: str, *, app: str = "", perms: Iterable[str] = ()):
    """A staff account holding `perms` (codenames of `app`'s permissions), read back fresh from the
    database so no stale permission cache is carried. An unknown codename is an error, not a no-op."""
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user(username)
    wanted = sorted(set(perms))
    if wanted:
        found = list(Permission.objects.filter(content_type__app_label=app, codename__in=wanted))
        missing = set(wanted) - {p.codename for p in found}
        if missing:
            raise LookupError(f"{app} has no permission {', '.join(sorted(missing))}")
        user.user_permissions.add(*found)
    return User.objects.get(pk=user.pk)


def logged_in(user, *, enforce_csrf: bool = False) -> Client:
    """A browser session of `user` (force_login: no password round trip)."""
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(user)
    return client
