"""The parameter file: every value quoting 10号 quotes the seed's text exactly; the others are marked as the
product's choices; the criteria's weights add up to one; the notice end is counted by core.days."""
import datetime as dt

from zhengwu.awards import rules

D = dt.date


def test_quotes_of_the_decision_are_the_seeds_text(seed_text):
    book = rules.default_rules()
    text = "".join(seed_text.split())
    for name in book.names():
        for version in book.versions[name]:
            if version.cite.startswith("綦江府发〔2021〕10号"):
                assert "".join(version.text.split()) in text, name
            else:
                assert version.cite == "取舍（Decision）", name
    for code in ("procedure",):
        assert "".join(book.clause(code).text.split()) in text
    assert "".join(book.document.text.split()) in text


def test_criteria_weights_add_up_to_one():
    criteria = rules.criteria(D(2022, 1, 1))
    assert [c.code for c in criteria] == ["innovation", "science", "practice", "presentation"]
    assert sum(c.weight for c in criteria) == 1


def test_notice_end_moves_past_a_holiday():
    # 2021-09-27 + 7 days = 2021-10-04, inside the National Day holiday: the notice ends on 10-08 (a working day)
    end = rules.notice_end(D(2021, 9, 27), 7)
    assert end.due == D(2021, 10, 8)
    assert any("第二百零三条" in line for line in end.basis)
