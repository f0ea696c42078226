"""Tasks (督办事项) and their units (承办单位) with the workflow's events, files, extensions and reminders."""
from django.conf import settings
from django.db import models
from django.urls import reverse

from zhengwu.org.models import Organization

from .programme import Programme


class Role(models.TextChoices):
    LEAD = "lead", "责任单位"
    COOPERATING = "cooperating", "配合单位"


class State(models.TextChoices):
    """Where one unit stands on one task; the legal moves are in workflow.STEPS."""

    ASSIGNED = "assigned", "已交办"
    ACKNOWLEDGED = "acknowledged", "已签收"
    IN_PROGRESS = "in_progress", "办理中"
    REPORTED = "reported", "已报结"
    REVIEWED = "reviewed", "已审核"
    CLOSED = "closed", "已销号"
    RETURNED = "returned", "已退回"


class Task(models.Model):
    """A qualitative task with a deadline (督办事项), e.g. measure 1 of 16号, citing its paragraph."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tasks", verbose_name="督办项目")
    # CASCADE: a task exists only within its programme.
    ref = models.CharField("序号", max_length=20, help_text="公文中的序号，如 1；手工录入时自拟")
    title = models.CharField("事项", max_length=200)
    text = models.TextField("内容", blank=True)
    cite = models.CharField("出处", max_length=60, blank=True, help_text="条款，如 四、（一）1.")
    anchor = models.CharField("锚点", max_length=60, blank=True, help_text="公报页面中该段的锚点")
    due = models.DateField("完成时限", null=True, blank=True)
    due_cite = models.CharField("时限出处", max_length=200, blank=True)
    order = models.PositiveIntegerField("顺序", default=0)
    is_sample = models.BooleanField("示例", default=False)

    class Meta:
        ordering = ["programme", "order", "pk"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["programme", "ref"], name="supervision_task_ref_unique")]
        verbose_name = verbose_name_plural = "督办事项"

    def __str__(self) -> str:
        return f"{self.ref}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:task", args=[self.pk])

    def source_url(self) -> str:
        """The paragraph in the gazette this task comes from."""
        url = self.programme.document.get_absolute_url()
        return f"{url}#{self.anchor}" if self.anchor else url


class Assignment(models.Model):
    """One unit on one task (承办): its role, state and current deadline (after approved extensions).

    A collective phrase (区级有关部门, 各街镇) is kept as a group row (`is_group`, no organisation) until the
    office expands it into its members; a name the registry does not know keeps `organization` empty and
    is listed as unresolved.
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments", verbose_name="督办事项")
    # CASCADE: part of the task.
    unit_name = models.CharField("单位（公文写法）", max_length=120)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="单位")
    # PROTECT: a unit with supervised work is dissolved, not deleted.
    role = models.CharField("角色", max_length=12, choices=Role.choices)
    is_group = models.BooleanField("统称", default=False, help_text="如 各街镇；展开后由其成员承办")
    group = models.CharField("所属统称", max_length=60, blank=True, help_text="由哪个统称展开而来")
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.ASSIGNED)
    due = models.DateField("截止日期", null=True, blank=True, help_text="批准延期后为新的截止日期")
    reported_on = models.DateField("报结日期", null=True, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    order = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        ordering = ["task", "order", "pk"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["task", "unit_name"], name="supervision_assignment_unique")]
        indexes = [models.Index(fields=["organization", "state"])]
        verbose_name = verbose_name_plural = "承办单位"

    def __str__(self) -> str:
        return f"{self.task} · {self.unit_name}"

    @property
    def label(self) -> str:
        return self.organization.label if self.organization_id else self.unit_name

    def get_absolute_url(self) -> str:
        return reverse("supervision:assignment", args=[self.pk])


class TaskEvent(models.Model):
    """One step on an assignment (办理记录): who, when, from which state to which, why."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="events")
    # CASCADE: the history is part of the assignment.
    kind = models.CharField("步骤", max_length=30)
    from_state = models.CharField("原状态", max_length=20, blank=True)
    to_state = models.CharField("新状态", max_length=20, blank=True)
    on = models.DateField("日期")
    at = models.DateTimeField("记录时间", auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                           related_name="+", verbose_name="操作人")
    # PROTECT: accounts are deactivated, not deleted; the record keeps who acted.
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["assignment", "pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "办理记录"

    def __str__(self) -> str:
        return f"{self.assignment} {self.kind} {self.on}"

    KIND_LABELS = {"acknowledge": "签收", "progress": "报送进展", "report": "报结", "review": "审核通过",
                   "close": "销号", "return": "退回", "extension_request": "申请延期", "extension_decision": "批复延期"}

    @property
    def label(self) -> str:
        return self.KIND_LABELS.get(self.kind, self.kind)

    @property
    def from_label(self) -> str:
        return State(self.from_state).label if self.from_state in State.values else self.from_state

    @property
    def to_label(self) -> str:
        return State(self.to_state).label if self.to_state in State.values else self.to_state


class TaskFile(models.Model):
    """An evidence file of a progress report or a done report (佐证材料), kept under MEDIA_ROOT."""

    event = models.ForeignKey(TaskEvent, on_delete=models.CASCADE, related_name="files")
    # CASCADE: a file belongs to the report it came with.
    stored_name = models.CharField("存储名", max_length=200, unique=True)
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")

    class Meta:
        ordering = ["event", "pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "佐证材料"

    def __str__(self) -> str:
        return self.name


class Extension(models.Model):
    """A request to extend an assignment's deadline (延期申请), asked before the deadline and decided by
    the office."""

    class Decision(models.TextChoices):
        PENDING = "pending", "待批准"
        APPROVED = "approved", "已批准"
        REFUSED = "refused", "不予批准"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions")
    # CASCADE: part of the assignment's history.
    asked_on = models.DateField("申请日期")
    old_due = models.DateField("原截止日期")
    new_due = models.DateField("申请延至")
    reason = models.TextField("理由")
    decision = models.CharField("结果", max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_on = models.DateField("批复日期", null=True, blank=True)
    decision_note = models.TextField("批复意见", blank=True)

    class Meta:
        ordering = ["assignment", "pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "延期申请"

    def __str__(self) -> str:
        return f"{self.assignment} → {self.new_due}"


class Reminder(models.Model):
    """A reminder sent to a unit (催办提醒): one per assignment, kind and deadline, so the daily job can run
    any number of times without sending twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "即将到期"
        OVERDUE = "overdue", "已逾期"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reminders")
    # CASCADE: part of the assignment.
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    due = models.DateField("所涉截止日期")
    on = models.DateField("提醒日期")
    message = models.CharField("提醒内容", max_length=300)

    class Meta:
        ordering = ["-on", "pk"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["assignment", "kind", "due"],
                                               name="supervision_reminder_once")]
        verbose_name = verbose_name_plural = "催办提醒"

    def __str__(self) -> str:
        return self.message
