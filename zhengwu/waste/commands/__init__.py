"""Sub-commands of `zhengwu waste …`, one module each (core.subcommands)."""
