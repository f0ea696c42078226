"""Sub-commands of `zhengwu awards …`, one module each (core.subcommands)."""
