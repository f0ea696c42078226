"""Registry models, one module per aggregate; this list is the public set."""
from .audit import AuditEntry
from .decisions import Decision, DecisionItem
from .organizations import Organization, OrganizationName
from .people import Person
from .posts import Membership, Post
from .seats import Seat
from .staff import StaffUnit

__all__ = ["AuditEntry", "Decision", "DecisionItem", "Membership", "Organization", "OrganizationName", "Person",
           "Post", "Seat", "StaffUnit"]
