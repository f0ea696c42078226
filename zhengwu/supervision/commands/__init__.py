"""Sub-commands of `zhengwu supervision …`, one module each (core.subcommands)."""
