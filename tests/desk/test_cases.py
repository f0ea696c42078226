"""desk.cases: the abstract bases of the case event log and the versioned case, as reports and subsidies use them."""
import pytest

from zhengwu.core.errors import DomainError
from zhengwu.desk import cases
from zhengwu.reports.models import CaseEvent, Report
from zhengwu.subsidies.models import Application, ApplicationEvent

from ..subsidies import web

EVENT_FIELDS = {"action", "who", "at", "from_state", "to_state", "reason", "details", "version"}


def test_the_bases_are_abstract_and_hold_the_union_the_programmes_need():
    assert cases.CaseEvent._meta.abstract and cases.VersionedCase._meta.abstract
    assert {f.name for f in cases.CaseEvent._meta.get_fields()} == EVENT_FIELDS
    assert [f.name for f in cases.VersionedCase._meta.get_fields()] == ["version"]


@pytest.mark.parametrize(("model", "case"), [(CaseEvent, "report"), (ApplicationEvent, "application")])
def test_both_event_models_inherit_the_same_fields_with_their_own_vocabularies(model, case):
    assert issubclass(model, cases.CaseEvent)
    names = {f.name for f in model._meta.get_fields()}
    assert EVENT_FIELDS | {case} <= names and model.case_field == case
    assert model._meta.get_field("action").max_length == cases.ACTION_MAX_LENGTH
    states = model._meta.get_field(case).related_model._meta.get_field("state").choices
    assert model._meta.get_field("to_state").choices == model._meta.get_field("from_state").choices == states
    assert model._meta.get_field("action").choices == model.Action.choices
    assert model._meta.ordering == [case, "at", "pk"] and model._meta.default_permissions == ()
    # help_text on every field, and the tables are the ones the data already lives in
    assert all(f.help_text for f in model._meta.get_fields() if f.concrete and f.name != "id")
    assert model._meta.db_table == {"report": "reports_caseevent", "application": "subsidies_applicationevent"}[case]


@pytest.mark.parametrize(("model", "noun"), [(Report, "举报"), (Application, "申请")])
def test_both_cases_are_versioned_cases_naming_themselves(model, noun):
    assert issubclass(model, cases.VersionedCase) and model.case_noun == noun
    assert model._meta.get_field("version").default == 1
    assert model.state_label(model._meta.get_field("state").default) == model._meta.get_field("state").choices[0][1]
    assert model.state_label("nowhere") == "nowhere"


def test_a_stale_version_names_the_case_its_versions_and_its_state():
    app = Application(reference="KB2021-000009", state="under_review", version=3)
    app.check_seen(3)
    with pytest.raises(DomainError) as refused:
        app.check_seen(2)
    assert refused.value.code == "conflict" and refused.value.message == (
        "申请 KB2021-000009 已被他人办理（您看到的是第2版，现在是第3版，当前状态“审核中”），请刷新后重试。")
    with pytest.raises(DomainError) as missing:
        app.check_seen(None)
    assert missing.value.code == "bad_version"


@pytest.mark.django_db
def test_lock_and_save_seen_are_a_compare_and_swap(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    app = web.start().applications[0]
    locked = Application.lock_seen(app.pk, app.version)
    assert locked.pk == app.pk
    assert locked.save_seen(app.version, {"contact_phone": "023-1"}) == app.version + 1
    with pytest.raises(DomainError) as lost:
        locked.save_seen(app.version, {"contact_phone": "023-2"})  # someone else's step landed first
    assert lost.value.code == "conflict"
    app.refresh_from_db()
    assert (app.version, app.contact_phone) == (locked.version + 1, "023-1")
    with pytest.raises(DomainError) as stale:
        Application.lock_seen(app.pk, 1)
    assert stale.value.code == "conflict"
