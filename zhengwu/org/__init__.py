"""Organisation registry (组织机构名录): people, units, posts, appointments (任免) and the seats of
coordinating bodies (议事协调机构), built from gazette documents — SPEC S2."""
