"""Pages of the awards system: public (notice, past winners) and staff (bureau, schools, experts)."""
