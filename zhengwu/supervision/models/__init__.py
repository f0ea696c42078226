"""Data of the supervision system (督查督办): programmes, tasks with their units, targets with progress."""
from .programme import Programme, ReporterLink
from .targets import FundProject, ProgressEntry, Target
from .tasks import Assignment, Extension, Reminder, Task, TaskEvent, TaskFile

__all__ = ["Assignment", "Extension", "FundProject", "Programme", "ProgressEntry", "Reminder", "ReporterLink",
           "Target", "Task", "TaskEvent", "TaskFile"]
