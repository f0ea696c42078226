"""Pages of the reports system: views/public*.py for the public (/report/), views/staff*.py for staff (/reports/)."""
