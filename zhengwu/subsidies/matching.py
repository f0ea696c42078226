"""Proactive matching (免申即享): from the firm register the bureau holds, what each firm appears to qualify
for and how much — and an invitation that turns a firm's matches into draft applications.

`import_register` reads the uploaded CSV/XLSX with the engine (a bad row is a DomainError naming the row
and column, and nothing is stored), derives each firm's claims (engine.firm_facts) and quotes them; the
file and the per-firm results are stored in one transaction. `invite` makes, for one matched firm, a draft
per item with money that the firm has not already been paid for, under a new magic link shown once to
the member of staff, who sends it to the firm; the firm checks the answers, adds evidence and submits.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from zhengwu.core.errors import DomainError

from . import applicants, duplicates, engine
from .applications import Started, make_draft
from .models import Application, Firm, RegisterMatch, RegisterUpload
from .vocab import State
from .workflow import GRANTED, PENDING

MAX_BYTES = 20 * 1024 * 1024
ZERO = Decimal("0.00")


def import_register(*, filename: str, data: bytes, on: dt.date, user=None, is_sample: bool = False) -> RegisterUpload:
    """Read, match and store one register; DomainError (row and column named) before anything is stored."""
    if not data:
        raise DomainError("企业名录文件是空的。", field="register", code="empty_file")
    if len(data) > MAX_BYTES:
        raise DomainError(f"企业名录文件超过 {MAX_BYTES // 2**20} MB，请分批导入。", field="register", code="file_too_large")
    firms = engine.read_register(filename, data).firms()
    if not firms:
        raise DomainError("企业名录中没有企业（只有表头或全是空行）。", field="register", code="empty_register")
    matches = []
    for firm in firms:
        facts = engine.firm_facts(firm, on)
        total, lines = engine.quote_all(facts["applicant"], on, facts["claims"])
        payable = [ln.item for ln in lines if ln.amount > 0]
        matches.append(RegisterMatch(row=firm.row, name=firm.name[:200], credit_code=firm.credit_code[:18],
                                     kind=firm.kind, facts=facts, total=total,
                                     quote={"total": f"{total:.2f}", "lines": [ln.as_json() for ln in lines]},
                                     items="、".join(dict.fromkeys(payable))[:200]))
    with transaction.atomic():
        upload = RegisterUpload.objects.create(filename=filename[:200], data=data, on=on, firms=len(matches),
                                               total=sum((m.total for m in matches), ZERO), uploaded_by=user,
                                               is_sample=is_sample)
        for m in matches:
            m.upload = upload
        RegisterMatch.objects.bulk_create(matches, batch_size=1000)
    return upload


def lines_of(match: RegisterMatch) -> list[tuple[dict, engine.Line]]:
    """(claim, line) pairs of a match, in the register's order."""
    return [(claim, engine.Line.from_json(line))
            for claim, line in zip(match.facts.get("claims", []), match.quote.get("lines", []), strict=False)]


def standing(match: RegisterMatch) -> dict[int, Application]:
    """For each claim of the match (by position), an application of the same firm for the same thing that is
    already granted, with the bureau, or a draft (invited before, or started by the firm) — such a claim
    is not invited again."""
    firm = Firm.objects.filter(credit_code=match.credit_code).first()
    if firm is None:
        return {}
    found = {}
    on = match.upload.on
    for index, claim in enumerate(match.facts.get("claims", [])):
        other = duplicates.earlier(firm.pk, duplicates.keys_for(claim["item"], claim, on.year),
                                   states=(State.DRAFT, *GRANTED, *PENDING))
        if other is not None:
            found[index] = other
    return found


def invite(match: RegisterMatch, *, user, contact_name: str = "", contact_phone: str = "") -> Started:
    """免申即享邀请: drafts for the firm's claims with money (or pending review), not already granted or
    pending; a new magic link for the firm. DomainError when nothing is left to invite."""
    code = applicants.clean_credit_code(match.credit_code, field="credit_code")
    name = applicants.clean_name(match.name)
    on = match.upload.on
    taken = standing(match)
    picked = [(claim, line) for index, (claim, line) in enumerate(lines_of(match))
              if (line.amount > 0 or line.pending) and index not in taken]
    if not picked:
        raise DomainError(f"{name}没有可以邀请申报的条目：都不符合条件，或已经申报、已经兑现。", field="items",
                          code="nothing_to_invite")
    with transaction.atomic():
        firm = applicants.firm_for(code, name, match.kind if match.kind in Firm.Kind.values else Firm.Kind.FIRM,
                                   is_sample=match.upload.is_sample)
        key, secret = applicants.new_key(firm)
        started = Started(key, secret)
        contact = (contact_name.strip()[:60], contact_phone.strip()[:30])
        for claim, line in picked:
            started.applications.append(make_draft(firm, key, claim, on, line, contact=contact,
                                               origin=Application.Origin.INVITED, user=user,
                                               is_sample=match.upload.is_sample))
        started.skipped = [f"{engine.claim_label(c['item'], c)}：已有申请 {duplicates.describe(a)}"
                           for i, a in taken.items() for c in [match.facts["claims"][i]]]
    return started
