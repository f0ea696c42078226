"""Pages of the waste system: the office's dashboard and community pages (staff), notices, inspections and
guidance (staff), and the residents' balance page (public)."""
