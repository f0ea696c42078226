"""Tasks (督办事项) and their units (承办单位) with the workflow's events, files, extensions and reminders."""
from django.conf import settings
from django.db import models
from django.urls import reverse

from zhengwu.org.models import Organization

from ..vocab import ExtensionDecision, ReminderKind, Role, State
from .programme import Programme


class Task(models.Model):
    """A qualitative task with a deadline (督办事项), e.g. measure 1 of 16号, citing its paragraph."""

    # tasks are read from the programme and go with it
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tasks", verbose_name="督办项目",
                                  help_text="事项所属的督办项目")
    # CASCADE: a task exists only within its programme.
    ref = models.CharField("序号", max_length=20, help_text="公文中的序号，如 1；手工录入时自拟")
    title = models.CharField("事项", max_length=200, help_text="督办事项")
    text = models.TextField("内容", blank=True, help_text="公文中的事项原文")
    cite = models.CharField("出处", max_length=60, blank=True, help_text="条款，如 四（一）1.")
    anchor = models.CharField("锚点", max_length=60, blank=True, help_text="公报页面中该段的锚点")
    due = models.DateField("完成时限", null=True, blank=True, help_text="完成时限；无时限为空")
    due_cite = models.CharField("时限出处", max_length=200, blank=True, help_text="时限在公文中的出处")
    order = models.PositiveIntegerField("顺序", default=0, help_text="在项目中的顺序（从 0 起）")
    is_sample = models.BooleanField("示例", default=False, help_text="示例数据，统计时可排除")

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

    # an assignment is part of its task
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments", verbose_name="督办事项",
                             help_text="分配的督办事项")
    # CASCADE: part of the task.
    unit_name = models.CharField("单位（公文写法）", max_length=120, help_text="公文中的单位写法原样")
    # a unit with assignments cannot leave the directory under them
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="单位", help_text="机构名录中对应的单位；未对上为空")
    # PROTECT: a unit with supervised work is dissolved, not deleted.
    role = models.CharField("角色", max_length=12, choices=Role.choices, help_text="牵头或配合")
    is_group = models.BooleanField("统称", default=False, help_text="如 各街镇；展开后由其成员承办")
    group = models.CharField("所属统称", max_length=60, blank=True, help_text="由哪个统称展开而来")
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.ASSIGNED,
                             help_text="办理状态；只按 workflow 变更")
    due = models.DateField("截止日期", null=True, blank=True, help_text="批准延期后为新的截止日期")
    reported_on = models.DateField("报结日期", null=True, blank=True, help_text="单位报结的日期")
    closed_on = models.DateField("销号日期", null=True, blank=True, help_text="督查室销号的日期")
    version = models.PositiveIntegerField("版本", default=1, help_text="乐观锁版本号：每次保存加一")
    order = models.PositiveIntegerField("顺序", default=0, help_text="在事项中的顺序（从 0 起）")

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

    # the history is the assignment's own
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="events",
                                   help_text="记录所属的分配")
    # CASCADE: the history is part of the assignment.
    kind = models.CharField("步骤", max_length=30, help_text="步骤代码（见 workflow）")
    from_state = models.CharField("原状态", max_length=20, blank=True, help_text="步骤前的状态值")
    to_state = models.CharField("新状态", max_length=20, blank=True, help_text="步骤后的状态值")
    on = models.DateField("日期", help_text="步骤发生的日期")
    at = models.DateTimeField("记录时间", auto_now_add=True, help_text="记录写入时间（自动）")
    # who took a step stays on record
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                           related_name="+", verbose_name="操作人", help_text="操作人账号")
    # PROTECT: accounts are deactivated, not deleted; the record keeps who acted.
    note = models.TextField("说明", blank=True, help_text="说明（退回、销号等须写理由）")

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

    # a file belongs to the step it was sent with
    event = models.ForeignKey(TaskEvent, on_delete=models.CASCADE, related_name="files",
                              help_text="文件所属的办理记录")
    # CASCADE: a file belongs to the report it came with.
    stored_name = models.CharField("存储名", max_length=200, unique=True, help_text="在私有目录中的存储名（不重复）")
    name = models.CharField("文件名", max_length=200, help_text="上传时的原文件名")
    content_type = models.CharField("类型", max_length=100, help_text="检查后认定的文件类型（MIME）")
    size = models.PositiveIntegerField("大小（字节）", help_text="文件大小（字节）")

    class Meta:
        ordering = ["event", "pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "佐证材料"

    def __str__(self) -> str:
        return self.name


class Extension(models.Model):
    """A request to extend an assignment's deadline (延期申请), asked before the deadline and decided by
    the office."""

    Decision = ExtensionDecision  # the vocabulary lives in vocab.py

    # extensions are part of the assignment
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions",
                                   help_text="申请延期的分配")
    # CASCADE: part of the assignment's history.
    asked_on = models.DateField("申请日期", help_text="申请日期")
    old_due = models.DateField("原截止日期", help_text="申请时的截止日期")
    new_due = models.DateField("申请延至", help_text="申请延至的日期")
    reason = models.TextField("理由", help_text="申请延期的理由")
    decision = models.CharField("结果", max_length=10, choices=Decision.choices, default=Decision.PENDING,
                                help_text="批复结果：待批复、批准或不予批准")
    decided_on = models.DateField("批复日期", null=True, blank=True, help_text="批复日期")
    decision_note = models.TextField("批复意见", blank=True, help_text="批复意见")

    class Meta:
        ordering = ["assignment", "pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "延期申请"

    def __str__(self) -> str:
        return f"{self.assignment} → {self.new_due}"


class Reminder(models.Model):
    """A reminder sent to a unit (催办提醒): one per assignment, kind and deadline, so the daily job can run
    any number of times without sending twice."""

    Kind = ReminderKind  # the vocabulary lives in vocab.py

    # reminders are part of the assignment
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reminders",
                                   help_text="提醒所属的分配")
    # CASCADE: part of the assignment.
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, help_text="提醒类型：临期或逾期")
    due = models.DateField("所涉截止日期", help_text="提醒所涉的截止日期")
    on = models.DateField("提醒日期", help_text="发出提醒的日期")
    message = models.CharField("提醒内容", max_length=300, help_text="提醒内容")

    class Meta:
        ordering = ["-on", "pk"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["assignment", "kind", "due"],
                                               name="supervision_reminder_once")]
        verbose_name = verbose_name_plural = "催办提醒"

    def __str__(self) -> str:
        return self.message
