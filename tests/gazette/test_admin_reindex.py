"""An editor's correction in the admin is found by search straight away."""
from zhengwu.gazette.models import Document
from zhengwu.gazette.search import search


def test_a_title_corrected_in_the_admin_is_searchable_at_once(admin_client, imported_seed):
    doc = Document.objects.get(number="綦江府人〔2021〕3号")
    assert search("职务任免").total >= 1 and search("人事安排").total == 0
    page = admin_client.get(f"/admin/gazette/document/{doc.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["title"] = "重庆市綦江区人民政府关于王昌鹏等同志人事安排的通知"
    for key in ("issuers", "addressees", "signers", "cc"):
        data[key] = form[key].value() if isinstance(form[key].value(), str) else "[]"
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for i, inline_form in enumerate(formset.formset.forms):
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None:
                    data[f"{formset.formset.prefix}-{i}-{name}"] = value
    response = admin_client.post(f"/admin/gazette/document/{doc.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert [r.number for r in search("人事安排").results] == ["綦江府人〔2021〕3号"]
