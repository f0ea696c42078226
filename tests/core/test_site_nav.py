"""Every page's footer leads to each system: the public pages open, the staff pages ask for a login."""
import re

import pytest


@pytest.mark.django_db
def test_the_footer_links_every_system(client):
    page = client.get("/").content.decode()
    footer = page[page.index('<footer class="site">'):]
    links = dict((text.strip(), href) for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer))
    public = ["安全生产举报", "科技政策兑现自查", "垃圾分类积分查询", "区长青少年科技创新奖", "督查工作进展"]
    staff = ["举报办理", "政策兑现办理", "撤桶并点进度", "督查督办", "区长奖评审"]
    assert set(public + staff) <= set(links)
    for name in public:
        assert client.get(links[name]).status_code == 200, name
    for name in staff:
        response = client.get(links[name])
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), name
