#!/usr/bin/env python
"""Django's manage.py; the installed `zhengwu` command does the same."""
from zhengwu.cli import main

if __name__ == "__main__":
    main()
