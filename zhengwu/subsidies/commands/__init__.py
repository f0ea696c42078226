"""Sub-commands of `zhengwu subsidy …`, one module each (found by zhengwu.core.subcommands)."""
