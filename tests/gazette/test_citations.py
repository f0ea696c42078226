"""Cited numbers link to the cited document when the gazette holds it; a document lists who cites it."""
from zhengwu.gazette.importer import import_bytes
from zhengwu.gazette.parsing import parse_text

CITING = """綦江府办发〔2021〕30号

重庆市綦江区人民政府办公室关于做好青少年科技创新区长奖宣传工作的通知

各街道办事处，各镇人民政府：

根据《重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定》（綦江府发[2021]10号）和綦江府人〔2021〕3号文件，请做好宣传。《某市文件》（渝府发〔2020〕99号）另行执行。

重庆市綦江区人民政府办公室

2021年7月1日
"""


def test_it_reads_numbered_and_bare_citations():
    doc = parse_text(CITING).documents[0]
    found = {(c.title, c.number) for c in doc.citations}
    assert ("重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定", "綦江府发〔2021〕10号") in found
    assert ("", "綦江府人〔2021〕3号") in found
    assert ("某市文件", "渝府发〔2020〕99号") in found
    assert all(c.number != "綦江府办发〔2021〕30号" for c in doc.citations)


def test_a_cited_number_links_to_the_document_in_the_gazette(client, imported_seed):
    import_bytes(CITING.encode(), source="citing.txt")
    page = client.get("/docs/綦江府办发〔2021〕30号").content.decode()
    assert '<a href="/docs/%E7%B6%A6%E6%B1%9F%E5%BA%9C%E5%8F%91%E3%80%942021%E3%80%9510%E5%8F%B7" class="cite">' \
           "綦江府发[2021]10号</a>" in page
    assert 'class="cite">綦江府人〔2021〕3号</a>' in page
    # a number the gazette does not hold stays plain text
    assert "渝府发〔2020〕99号" in page and 'class="cite">渝府发〔2020〕99号' not in page


def test_the_cited_document_lists_who_cites_it(client, imported_seed):
    import_bytes(CITING.encode(), source="citing.txt")
    page = client.get("/docs/綦江府发〔2021〕10号").content.decode()
    assert "被以下文件引用" in page
    assert "重庆市綦江区人民政府办公室关于做好青少年科技创新区长奖宣传工作的通知" in page
    other = client.get("/docs/綦江府办发〔2021〕26号").content.decode()
    assert "被以下文件引用" not in other
