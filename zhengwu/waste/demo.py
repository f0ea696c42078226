"""Demo of the waste system (演示数据), run by `zhengwu demo` after the seed gazette and the org registry."""


def build_demo() -> None:
    """Set the waste system up from the seed; safe to run again."""
