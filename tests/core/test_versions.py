"""Optimistic versions (core.versions): the refusal a user sees when a case moved on since the page was drawn."""
from types import SimpleNamespace

import pytest

from zhengwu.core.errors import DomainError
from zhengwu.core.versions import check_seen

ROW = SimpleNamespace(version=4, reference="JB2021-000007", state="verifying")


def test_the_version_seen_passes():
    check_seen(ROW, 4, noun="举报")


@pytest.mark.parametrize("seen", [None, "4", True, 4.0])
def test_a_missing_or_mistyped_version_is_refused(seen):
    with pytest.raises(DomainError) as refused:
        check_seen(ROW, seen, noun="举报")
    assert (refused.value.code, refused.value.field) == ("bad_version", "expected_version")


def test_a_case_that_moved_on_names_both_versions_and_its_state():
    with pytest.raises(DomainError) as refused:
        check_seen(ROW, 3, noun="举报", label={"verifying": "核查中"}.get)
    assert refused.value.code == "conflict"
    assert refused.value.message == ("举报 JB2021-000007 已被他人办理（您看到的是第3版，现在是第4版，当前状态“核查中”），"
                                     "请刷新后重试。")
