"""Sub-commands of `zhengwu reports …`, one module each (found by zhengwu.core.subcommands)."""
