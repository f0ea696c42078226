"""Case models of the work-safety reports system (安全生产举报), one module per aggregate; this list is the public set.

What would identify a reporter, what was reported and the reward are stored only sealed (crypto.py); each
model lists those columns in `SEALED_FIELDS` so key rotation finds them all. No model has a field for an
IP address or a user agent.
"""
from .clients import IntakeClient
from .events import AccessLog, CaseEvent, CaseMessage
from .evidence import Evidence
from .report import Matter, ReferenceCounter, Report
from .signatory import Signatory

__all__ = ["AccessLog", "CaseEvent", "CaseMessage", "Evidence", "IntakeClient", "Matter",
           "ReferenceCounter", "Report", "Signatory"]
