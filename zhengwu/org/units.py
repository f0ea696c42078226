"""Unit names: the few full names the gazette attests, spelling variants, and the classification rules.

The registry never invents a full name: a unit is named as printed (区教委) unless this table gives the
name a gazette document uses for it. Add an entry when a document attests one, and say which.
"""
from dataclasses import dataclass

from .vocab import Classification


@dataclass(frozen=True)
class KnownUnit:
    name: str
    short_name: str
    classification: str
    aliases: tuple[str, ...]
    source: str  # where the gazette prints this name


KNOWN_UNITS = (
    KnownUnit("重庆市綦江区人民政府", "区政府", Classification.GOVERNMENT, (),
              "綦江府人〔2021〕3号 发文机关署名"),
    KnownUnit("重庆市綦江区人民政府办公室", "区政府办公室", Classification.DISTRICT_BODY, (),
              "綦江府办〔2021〕24号、25号 发文机关署名"),
    KnownUnit("重庆市綦江区应急管理局", "区应急局", Classification.DISTRICT_BODY, (),
              "綦应急发〔2021〕41号 发文机关"),
    KnownUnit("重庆市綦江区财政局", "区财政局", Classification.DISTRICT_BODY, (),
              "綦应急发〔2021〕41号 联合发文机关"),
    KnownUnit("重庆市綦江区安全生产委员会", "区安委会", Classification.COMMITTEE, ("区安全生产委员会",),
              "綦江府办〔2021〕25号 标题与正文"),
    KnownUnit("重庆市綦江区减灾委员会", "区减灾委", Classification.COMMITTEE, ("区减灾委员会",),
              "綦江府办〔2021〕25号 标题与正文"),
    # 25号 prints both spellings for one unit: 区住房城乡建委 (专项办公室) and 区住房城乡建设委 (成员名单).
    KnownUnit("区住房城乡建委", "", Classification.DISTRICT_BODY, ("区住房城乡建设委",),
              "綦江府办〔2021〕24号、25号"),
)

MASS_ORGANISATIONS = frozenset({"团区委", "区总工会", "区妇联", "区工商联", "区科协", "区残联", "区红十字会",
                                "区关工委"})


def known_unit(name: str) -> KnownUnit | None:
    for unit in KNOWN_UNITS:
        if name in (unit.name, unit.short_name, *unit.aliases):
            return unit
    return None


def canonical_unit_name(printed: str) -> tuple[str, str | None]:
    """(name to register, alias to record): 文龙街道办事处 is 文龙街道, 石角镇人民政府 is 石角镇."""
    for long, short in (("街道办事处", "街道"), ("镇人民政府", "镇")):
        if printed.endswith(long) and len(printed) > len(long):
            return printed[: -len(long)] + short, printed
    return printed, None


def classify_unit(name: str) -> str:
    """The classification of a unit from its name, by these rules in order (a rule, not a guess):
    区委… party; …人民政府/区政府 government; 人大 people's congress; 法院/检察院 judicial; 群团 list;
    …街道 street; …镇 town; …公司/集团 company; …局/委/中心/办/支队/部/院/社/队/机关 district body."""
    if name.startswith("区委") or name.startswith("区纪委"):
        return Classification.PARTY
    if name.endswith("人民政府") or name == "区政府":
        return Classification.GOVERNMENT
    if "人大" in name:
        return Classification.PEOPLES_CONGRESS
    if name.endswith(("法院", "检察院")):
        return Classification.JUDICIAL
    if name in MASS_ORGANISATIONS:
        return Classification.MASS_ORGANISATION
    if name.endswith("街道"):
        return Classification.STREET
    if name.endswith("镇"):
        return Classification.TOWN
    if name.endswith(("公司", "集团")):
        return Classification.COMPANY
    if name.endswith(("局", "委", "中心", "办", "办公室", "支队", "部", "院", "社", "队", "机关", "管委会")):
        return Classification.DISTRICT_BODY
    return Classification.OTHER


def classify_body(name: str) -> str:
    """A coordinating body's classification from its name (领导小组, 委员会, 指挥部, 联席会议, 办公室)."""
    if name.endswith("领导小组"):
        return Classification.LEADING_GROUP
    if name.endswith("联席会议"):
        return Classification.JOINT_MEETING
    if name.endswith("指挥部"):
        return Classification.COMMAND_HQ
    if name.endswith("办公室"):
        return Classification.OFFICE
    if name.endswith(("委员会", "委")):
        return Classification.COMMITTEE
    return Classification.OTHER
