"""Vocabularies of the registry, as TextChoices. Add a value here (and a migration) rather than storing
free text: the pages, the Excel import and the Popolo export all read these lists."""
from django.db import models


class Classification(models.TextChoices):
    """What kind of organisation (机构类别). `popolo` names are the values; labels are what staff read."""

    GOVERNMENT = "government", "人民政府"
    PARTY = "party", "党委及其工作机关"
    PEOPLES_CONGRESS = "peoples_congress", "人大"
    DISTRICT_BODY = "district_body", "区级部门和单位"
    JUDICIAL = "judicial", "法院、检察院"
    MASS_ORGANISATION = "mass_organisation", "群团组织"
    STREET = "street", "街道"
    TOWN = "town", "镇"
    COMPANY = "company", "企业"
    LEADING_GROUP = "leading_group", "领导小组"
    COMMITTEE = "committee", "委员会（议事协调机构）"
    JOINT_MEETING = "joint_meeting", "联席会议"
    COMMAND_HQ = "command_hq", "指挥部"
    SPECIAL_OFFICE = "special_office", "专项办公室"
    OFFICE = "office", "议事协调机构办公室"
    EDITORIAL_BOARD = "editorial_board", "编辑委员会"
    OTHER = "other", "其他"


class DissolutionReason(models.TextChoices):
    """Why an organisation ceased (撤销原因)."""

    ABOLISHED = "abolished", "撤销"
    MERGED = "merged", "合并"


class EndReason(models.TextChoices):
    """Why a membership ended (离任原因)."""

    REMOVED = "removed", "免职"
    SUCCESSION = "succession", "他人接任"
    OTHER = "other", "其他"


class StartBasis(models.TextChoices):
    """What the start date of a membership rests on."""

    DECISION = "decision", "任免决定"
    ATTESTED = "attested", "公文记载在任（开始日期为最早记载日期）"
    ENTERED = "entered", "工作人员录入"


class SeatBasis(models.TextChoices):
    """How a seat in a body is held (席位依据)."""

    NAMED = "named", "点名（按其当时职务）"
    EX_OFFICIO = "ex_officio", "职务当然（单位负责人兼任）"
    PERSONAL = "personal", "本人（未注明职务）"


class ItemAction(models.TextChoices):
    """An item of an appointment decision (任免事项)."""

    APPOINT = "appoint", "任"
    REMOVE = "remove", "免"
