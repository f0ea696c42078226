"""The JSON API under /api/org/: the same answers as the command, and 400 with a Chinese message."""
import json

import pytest


def get(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_seats_and_roster(registry, client):
    seats = get(client, "/api/org/seats", person="孙 荣康", on="2021-07-15")
    assert len(seats) == 7 and seats[-1] == {"body": "编辑委员会", "role": "副主任", "post": None}
    assert get(client, "/api/org/roster", body="区安委会办公室", on="2021-07-15") == [
        {"role": "主任", "person": "江宗华", "post": "区应急局主要负责人", "unit": "区应急局"},
        {"role": "副主任", "person": None, "post": "区应急局分管负责人", "unit": "区应急局"},
    ]


def test_holders_history_changes_probations(registry, client):
    assert [h["person"] for h in get(client, "/api/org/holders", post="区应急局主要负责人", on="2021-07-01")] == ["江宗华"]
    assert [h["end_date"] for h in get(client, "/api/org/history", post="重庆市綦江区城市建设投资有限公司总经理")] == [
        "2021-06-26"]
    found = get(client, "/api/org/changes", body="区自然灾害应急总指挥部", **{"from": "2021-06-01", "to": "2021-07-01"})
    assert [c["kind"] for c in found] == ["dissolved"]
    assert [p["person"] for p in get(client, "/api/org/probations", within=60, on="2022-05-01")] == ["廖建伟"]


def test_bodies(registry, client):
    found = get(client, "/api/org/bodies", on="2021-07-15")
    assert found[1] == {"body": "綦河流域水环境综合治理PPP项目工作推进领导小组办公室",
                        "name": "綦河流域水环境综合治理PPP项目工作推进领导小组办公室", "classification": "office",
                        "depth": 1, "parent": "綦河流域水环境综合治理PPP项目工作推进领导小组", "hosted_in": "区发展改革委",
                        "seats": 3}


def test_popolo(registry, client):
    data = get(client, "/api/org/popolo", on="2021-07-15")
    assert set(data) == {"persons", "organizations", "posts", "memberships"}
    dissolved = next(o for o in data["organizations"] if o["name"] == "区自然灾害应急总指挥部")
    assert dissolved["sources"][0]["url"].startswith("http://testserver/docs/")


@pytest.mark.parametrize(("url", "params", "detail"), [
    ("/api/org/roster", {"body": "区安委会", "on": "2021-02-30"}, "on: 日期不存在：2021-02-30。"),
    ("/api/org/seats", {"person": "李四"}, "person: 名录中没有“李四”这个人。"),
    ("/api/org/holders", {"post": "区应急局处长"}, "post: 区应急局没有“处长”这个职务；已有：三级调研员、局长、主要负责人、分管负责人。"),
    ("/api/org/roster", {"body": "綦河流域水环境综合治理PPP项目工作推进领导小组", "on": "2021-06-01"},
     "on: 綦河流域水环境综合治理PPP项目工作推进领导小组于2021-06-18成立，2021-06-01尚不存在。"),
])
def test_bad_input_is_400_with_a_message_naming_the_parameter(registry, client, url, params, detail):
    assert get(client, url, 400, **params) == {"detail": detail}


def test_the_routes_are_in_the_openapi_description(registry, client):
    paths = get(client, "/api/openapi.json")["paths"]
    assert {"/api/org/bodies", "/api/org/seats", "/api/org/roster", "/api/org/holders", "/api/org/history", "/api/org/changes",
            "/api/org/probations", "/api/org/popolo"} <= set(paths)
