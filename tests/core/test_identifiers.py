"""Credit codes (GB 32100-2015) and ID numbers (GB 11643-1999), core.identifiers: generated values validate,
any one-character change of a valid value is refused, real examples validate, and messages say what is wrong."""
import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhengwu.core.identifiers import (
    CREDIT_CHARS,
    compact,
    complete_credit_code,
    credit_code_ok,
    credit_code_problem,
    id_number_ok,
    id_number_problem,
    make_credit_code,
    make_id_number,
)

seeds = st.integers(min_value=0, max_value=2**32)
ID_CHARS = "0123456789X"

# Published codes: the standard's own example and the codes printed on well-known firms' licences.
REAL_CREDIT_CODES = ("91350100M000100Y43", "914403001922038216", "9144030071526726XG")
# The standard's examples (GB 11643-1999 附录).
REAL_ID_NUMBERS = ("11010519491231002X", "440524188001010014")


@given(seeds)
def test_generated_credit_codes_validate(seed):
    code = make_credit_code(random.Random(seed))
    assert len(code) == 18 and code.startswith("91500222")
    assert credit_code_ok(code) and credit_code_problem(code) is None


@given(seeds, st.integers(min_value=0, max_value=17), st.sampled_from(CREDIT_CHARS + "IOSVZ"))
def test_any_one_character_change_of_a_credit_code_is_refused(seed, position, char):
    code = make_credit_code(random.Random(seed))
    if code[position] == char:
        return
    changed = code[:position] + char + code[position + 1:]
    assert not credit_code_ok(changed)
    assert "统一社会信用代码" in credit_code_problem(changed)


@pytest.mark.parametrize("code", REAL_CREDIT_CODES)
def test_real_credit_codes_validate(code):
    assert credit_code_ok(code)


def test_credit_code_messages_say_what_is_wrong():
    assert credit_code_problem("9135010") == "统一社会信用代码应为18位，“9135010”是7位。"
    assert "“O”" in credit_code_problem("91350100M000100O43")
    assert "校验码不对" in credit_code_problem("91350100M000100Y44")
    assert "GB 32100-2015" in credit_code_problem("91350100M000100Y44")


def test_complete_credit_code_adds_the_check_character():
    assert complete_credit_code("91350100M000100Y4") == "91350100M000100Y43"
    with pytest.raises(ValueError):
        complete_credit_code("91350100M000100I4")


def test_compact_folds_what_people_type():
    assert compact(" ９１３５ 0100-m000100y43 ") == "91350100M000100Y43"


@given(seeds, st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2020, 12, 31)))
def test_generated_id_numbers_validate_and_carry_the_birth_date(seed, birth):
    number = make_id_number(random.Random(seed), birth=birth)
    assert id_number_ok(number) and number[6:14] == f"{birth:%Y%m%d}"


@given(seeds)
def test_generated_id_numbers_without_a_birth_date_validate(seed):
    assert id_number_ok(make_id_number(random.Random(seed)))


@given(seeds, st.integers(min_value=0, max_value=17), st.sampled_from(ID_CHARS))
def test_any_one_character_change_of_an_id_number_is_refused(seed, position, char):
    number = make_id_number(random.Random(seed))
    if number[position] == char:
        return
    changed = number[:position] + char + number[position + 1:]
    assert not id_number_ok(changed)
    assert id_number_problem(changed).startswith("身份证号码不对：")


@pytest.mark.parametrize("number", REAL_ID_NUMBERS)
def test_real_id_numbers_validate(number):
    assert id_number_ok(number)


def test_id_number_messages_say_what_is_wrong_without_repeating_the_number():
    assert "18位" in id_number_problem("1101051949123100")
    assert "“99”" in id_number_problem(make_id_number(random.Random(1), region="990000"))
    assert "“19490231”" in id_number_problem("110105194902310021")
    future = make_id_number(random.Random(2), birth=dt.date(2030, 1, 1))
    assert "不可能" in id_number_problem(future, today=dt.date(2026, 1, 1))
    wrong_check = "110105194912310021"
    assert "校验码" in id_number_problem(wrong_check) and wrong_check not in id_number_problem(wrong_check)
