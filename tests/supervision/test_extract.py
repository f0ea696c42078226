"""Reading unit brackets as PDFs print them: any mix of widths and separators gives the same units."""
from hypothesis import given
from hypothesis import strategies as st

from zhengwu.supervision.extract import read_measure

NAMES = st.lists(st.sampled_from(["区委组织部", "区委宣传部", "区司法局", "区普法办", "区委党校", "区教委", "团区委",
                                  "区级有关部门", "各街镇", "全区各中小学", "区人大办", "区委网信办"]),
                 min_size=1, max_size=6, unique=True)
SEPARATORS = st.sampled_from(["、", "，", ",", "；", ";", "、 ", " ，"])


def joined(draw_separators: list[str], names: list[str]) -> str:
    text = names[0]
    for separator, name in zip(draw_separators, names[1:], strict=False):
        text += separator + name
    return text


@given(lead=NAMES, coop=st.one_of(st.just([]), NAMES), seps=st.lists(SEPARATORS, min_size=6, max_size=6),
       opening=st.sampled_from(["（", "("]), closing=st.sampled_from(["）", ")"]), colon=st.sampled_from(["：", ":"]),
       between=st.sampled_from(["；", ";", "，"]), stop=st.sampled_from(["", "。"]))
def test_units_survive_any_printed_punctuation(lead, coop, seps, opening, closing, colon, between, stop):
    bracket = f"{opening}责任单位{colon}{joined(seps, lead)}"
    if coop:
        bracket += f"{between}配合单位{colon}{joined(seps, coop)}"
    found = read_measure("3.", "广泛开展社会宣讲", "组织专家宣讲团深入城乡基层。" + bracket + closing + stop)
    assert found is not None and found.ref == "3"
    assert list(found.lead) == lead
    assert list(found.cooperating) == coop
    assert found.text == "组织专家宣讲团深入城乡基层。"
