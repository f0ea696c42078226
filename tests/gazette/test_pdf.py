"""The printable PDF of an issue: the seed issue rendered, then read back page by page with pypdf."""
import io
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from pypdf import PdfReader

from zhengwu.core.errors import DomainError
from zhengwu.core.officialdoc import fonts

GAZETTE = "重庆市綦江区人民政府公报"
RUNNING_HEAD = f"{GAZETTE}　2021年第6期"
FILENAME = f"{GAZETTE}2021年第6期.pdf"
# (section, title) of every item, in printed order: what the 目录 must list.
ITEMS = [
    ("卷首语", "做党和人民的“骆驼”（人民论坛）"),
    ("重庆市綦江区人民政府文件", "重庆市綦江区人民政府关于王昌鹏等同志职务任免的通知"),
    ("重庆市綦江区人民政府文件", "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定"),
    ("重庆市綦江区人民政府办公室文件",
     "重庆市綦江区人民政府办公室关于印发綦江区居民小区“楼层撤桶楼下并点、定时定点分类投放生活垃圾”实施方案的通知"),
    ("重庆市綦江区人民政府办公室文件",
     "重庆市綦江区人民政府办公室关于成立綦河流域水环境综合治理PPP项目工作推进领导小组等2个议事协调机构的通知"),
    ("重庆市綦江区人民政府办公室文件",
     "重庆市綦江区人民政府办公室关于印发南岸区、綦江区与石柱县“十四五”“一区两群”对口协同发展实施方案的通知"),
    ("重庆市綦江区人民政府办公室文件",
     "重庆市綦江区人民政府办公室关于调整重庆市綦江区安全生产委员会和重庆市綦江区减灾委员会组成机构及人员的通知"),
    ("重庆市綦江区人民政府办公室文件", "重庆市綦江区人民政府办公室关于印发綦江区支持科技创新若干财政金融政策的通知"),
    ("重庆市綦江区人民政府部门文件",
     "重庆市綦江区普法工作办公室关于开展《中华人民共和国长江保护法》专项普法宣传活动的通知"),
    ("重庆市綦江区人民政府部门文件",
     "重庆市綦江区应急管理局 重庆市綦江区财政局关于印发《重庆市綦江区安全生产举报奖励办法》的通知"),
    ("政务要闻", "区商务委推动全区商贸服务业发展成效显著"),
    ("政务要闻", "区政务服务办围绕四个“一”深化政务服务改革"),
    ("政务要闻", "安稳镇“三色经济”领跑转型发展"),
    ("政务要闻", "横山镇“三新”开启经济发展新篇章"),
]
# Every test is marked, so pytest-django sets up the test database even when only tests that read the
# module's PDF are selected; without a marked test, the module fixture would reach the real database.
pytestmark = pytest.mark.django_db
HEAD_MM = 32  # the top page margin: text above it is the running head
MM = 72 / 25.4


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


class Page:
    """One page read back: its whole text, its running head, and where its page number sits."""

    def __init__(self, page) -> None:
        self.width = float(page.mediabox.width)
        height = float(page.mediabox.height)
        head: list[str] = []
        self.numbers: list[tuple[str, float]] = []

        def visit(text, cm, tm, font_dict, font_size) -> None:
            x, y = cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]
            if y > height - HEAD_MM * MM and text.strip():
                head.append(text)
            if re.fullmatch(r"\s*— \d+ —\s*", text):
                self.numbers.append((text.strip(), x))

        self.text = page.extract_text(visitor_text=visit)
        self.head = "".join(head)


@pytest.fixture(scope="module")
def seed_pdf(django_db_setup, django_db_blocker, seed_path, tmp_path_factory) -> Path:
    """The seed issue's PDF, rendered once for the module; the import is rolled back afterwards."""
    from django.db import connections, transaction

    from zhengwu.gazette.importer import import_file
    from zhengwu.gazette.render.pdf import issue_pdf

    with django_db_blocker.unblock():
        with transaction.atomic():
            data = issue_pdf(import_file(seed_path).issue)
            transaction.set_rollback(True)
        # Opened outside any test, this connection outlived them: with the live-server tests in the same run,
        # PostgreSQL then refused to drop the test database ("accessed by other users").
        connections.close_all()
    path = tmp_path_factory.mktemp("pdf") / FILENAME
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def pages(seed_pdf) -> list[Page]:
    return [Page(p) for p in PdfReader(seed_pdf).pages]


def toc_pages(pages: list[Page]) -> list[int]:
    """Indexes of the 目录 pages: from the page titled 目录 to the last that lists an item's page."""
    start = next(i for i, p in enumerate(pages) if compact(p.text).startswith("目录"))
    end = start
    while end + 1 < len(pages) and re.search(r"[·.…]{3,}\s*\d+\s*$", pages[end + 1].text.split("—")[0], re.M):
        end += 1
    return list(range(start, end + 1))


def toc_numbers(pages: list[Page]) -> dict[str, int]:
    """title → page number, as the 目录 prints it (leaders, then the number)."""
    text = compact("".join(pages[i].text for i in toc_pages(pages)))
    found = {}
    for _, title in ITEMS:
        match = re.search(re.escape(compact(title)) + r"[·.…]*(\d+)", text)
        assert match, f"目录 does not list {title} with a page number"
        found[title] = int(match.group(1))
    return found


# --- the cover and the 目录 -------------------------------------------------------------------------

def test_the_cover_shows_name_issue_date_and_masthead(pages):
    cover = compact(pages[0].text)
    assert cover.startswith(GAZETTE)
    for text in ["2021年第6期（总第112期）", "2021年7月10日出版", "主管单位重庆市綦江区人民政府",
                 "主办单位重庆市綦江区人民政府办公室", "编辑出版重庆市綦江区人民政府公报室",
                 "地址重庆市綦江区古南街道中山路1号", "邮编401420", "电话(023)48659622", "传真(023)48659622",
                 "网址http://www.cqqj.gov.cn", "内准印字号NO.43700", "编辑委员会", "顾问罗成", "主任陈正科",
                 "主编陈智", "责任编辑高琳", "编辑李倩李科", "传达政令宣传政策"]:
        assert text in cover, text
    assert pages[0].numbers == [] and pages[0].head == "", "the cover has neither page number nor running head"


def test_the_toc_lists_every_item_under_its_section_with_a_page_number(pages):
    numbers = toc_numbers(pages)
    assert len(numbers) == 14
    assert list(numbers.values()) == sorted(numbers.values()), "目录 pages go up in printed order"
    text = compact("".join(pages[i].text for i in toc_pages(pages)))
    positions = [text.index(compact(title)) for _, title in ITEMS]
    assert positions == sorted(positions), "目录 keeps the printed order"
    for section in dict.fromkeys(s for s, _ in ITEMS):
        first_item = next(t for s, t in ITEMS if s == section)
        assert (compact(section) + compact(first_item)) in text, f"{section} heads its items in the 目录"


def test_each_toc_page_number_is_the_page_where_the_item_begins(pages):
    toc = set(toc_pages(pages))
    for title, number in toc_numbers(pages).items():
        page = pages[number - 1]
        assert page.numbers and page.numbers[0][0] == f"— {number} —", "the footer prints the same number"
        assert compact(title) in compact(page.text), f"{title} is not on page {number}"
        earlier = [i + 1 for i, p in enumerate(pages[:number - 1]) if i not in toc and compact(title) in compact(p.text)]
        assert not earlier, f"{title} already appears on page(s) {earlier} before page {number}"


def test_every_item_starts_on_a_new_page_and_documents_show_their_elements(pages):
    numbers = toc_numbers(pages)
    documents = [n for (s, t), n in zip(ITEMS, numbers.values(), strict=True) if s != "政务要闻"]
    assert len(set(documents)) == len(documents), "editorial and documents each begin their own page"
    page = compact(pages[numbers[ITEMS[2][1]] - 1].text)  # 綦江府发〔2021〕10号
    for element in ["重庆市綦江区人民政府文件", "綦江府发〔2021〕10号", "各街道办事处，各镇人民政府",
                    "附件：1.綦江区第九届青少年科技创新区长奖获奖名单", "2.綦江区第九届青少年科技创新区长提名奖获奖名单",
                    "重庆市綦江区人民政府2021年5月24日", "（此件公开发布）"]:
        assert compact(element) in page, element
    rest = compact("".join(p.text for p in pages[numbers[ITEMS[2][1]]:numbers[ITEMS[3][1]] - 1]))
    assert "附件1綦江区第九届青少年科技创新区长奖获奖名单" in rest
    assert "抄送：区委办公室，人大常委会办公室" in rest
    assert "重庆市綦江区人民政府办公室2021年5月24日印发" in rest


# --- running heads, page numbers, fonts -------------------------------------------------------------

def test_page_numbers_are_dashed_and_sit_in_the_outer_corner(pages):
    for number, page in enumerate(pages[1:], start=2):
        assert [text for text, _ in page.numbers] == [f"— {number} —"], f"page {number} footer"
        x = page.numbers[0][1]
        if number % 2:
            assert x > page.width / 2, f"odd page {number}: number on the right"
        else:
            assert x < page.width / 2, f"even page {number}: number on the left"


def test_running_heads_show_the_gazette_and_the_section(pages):
    for number, page in enumerate(pages[1:], start=2):
        assert RUNNING_HEAD in page.head, f"page {number} running head: {page.head!r}"
    for (section, title), number in zip(ITEMS, toc_numbers(pages).values(), strict=True):
        assert section in pages[number - 1].head, f"{title}: running head names {section}"


def test_chinese_text_is_extractable_and_the_cjk_fonts_are_embedded(seed_pdf, pages):
    assert "綦江区第九届青少年科技创新区长奖" in "".join(p.text for p in pages)
    names = set()
    for page in PdfReader(seed_pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), f"{font['/BaseFont']} not embedded"
            names.add(str(font["/BaseFont"]))
    assert names and all("CJK" in name for name in names), names


def test_the_pdf_has_a_title_and_bookmarks_for_each_item(seed_pdf):
    reader = PdfReader(seed_pdf)
    assert reader.metadata.title == f"{GAZETTE} 2021年第6期（总第112期）"
    titles = []

    def walk(entries) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(entry.title)

    walk(reader.outline)
    for _, title in ITEMS:
        assert title in titles, title


# --- the font check -----------------------------------------------------------------------------------

def test_the_fonts_are_the_families_fontconfig_reports():
    found = fonts.require_cjk_font()
    families = fonts.system_cjk_families()
    assert found.serif in families and found.sans in families


@pytest.mark.parametrize(("families", "serif", "sans"), [
    (["Noto Sans CJK SC", "Noto Sans Mono CJK SC", "Noto Serif CJK SC"], "Noto Serif CJK SC", "Noto Sans CJK SC"),
    (["WenQuanYi Zen Hei", "WenQuanYi Zen Hei Mono"], "WenQuanYi Zen Hei", "WenQuanYi Zen Hei"),
    (["AR PL UMing CN", "Droid Sans Fallback"], "AR PL UMing CN", "Droid Sans Fallback"),
    (["Some Sans Serif SC"], "Some Sans Serif SC", "Some Sans Serif SC"),
])
def test_it_takes_a_serif_for_the_body_and_a_sans_for_headings(monkeypatch, families, serif, sans):
    monkeypatch.setattr(fonts, "system_cjk_families", lambda: families)
    assert fonts.require_cjk_font() == fonts.CjkFonts(serif=serif, sans=sans)


def test_without_a_chinese_font_it_names_the_package_to_install(monkeypatch, imported_seed):
    from zhengwu.gazette.render.pdf import issue_pdf

    monkeypatch.setattr(fonts, "system_cjk_families", lambda: [])
    with pytest.raises(DomainError) as caught:
        fonts.require_cjk_font()
    assert "没有中文字体" in str(caught.value) and "fonts-noto-cjk" in str(caught.value)
    with pytest.raises(DomainError, match="fonts-noto-cjk"):
        issue_pdf(imported_seed.issue)


# --- the page --------------------------------------------------------------------------------------

def test_the_issue_page_links_to_the_pdf(client, imported_seed):
    markup = client.get("/issues/2021/6/").content.decode()
    assert re.search(r'<a href="/issues/2021/6/pdf"[^>]*>下载 PDF</a>', markup)


def test_the_pdf_page_sends_the_issue_as_a_chinese_named_attachment(client, imported_seed):
    response = client.get("/issues/2021/6/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(FILENAME)}" in disposition
    assert 'filename="gazette-2021-06.pdf"' in disposition  # for clients without RFC 5987
    reader = PdfReader(io.BytesIO(response.content))
    assert GAZETTE in reader.pages[0].extract_text()


def test_the_pdf_of_an_unknown_or_unpublished_issue_is_not_found(client, imported_seed):
    from zhengwu.gazette.models import Issue

    assert client.get("/issues/2021/9/pdf").status_code == 404
    Issue.objects.filter(year=2021, number=6).update(published=False)
    assert client.get("/issues/2021/6/pdf").status_code == 404


def test_the_pdf_page_says_which_font_is_missing(client, imported_seed, monkeypatch):
    monkeypatch.setattr(fonts, "system_cjk_families", lambda: [])
    response = client.get("/issues/2021/6/pdf")
    assert response.status_code == 503
    assert "fonts-noto-cjk" in response.content.decode()


# --- the command -----------------------------------------------------------------------------------

ZHENGWU = str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "zhengwu")
if not Path(ZHENGWU).exists():
    ZHENGWU = str(Path(sys.executable).parent / "zhengwu")


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory, seed_path) -> dict[str, str]:
    """A throwaway SQLite database with the seed imported, and the environment that points at it."""
    folder = tmp_path_factory.mktemp("cli")
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env |= {"DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}", "PYTHONIOENCODING": "utf-8"}
    for args in (["migrate", "--noinput"], ["gazette", "import", str(seed_path)]):
        done = subprocess.run([ZHENGWU, *args], env=env, cwd=folder, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    with sqlite3.connect(folder / "db.sqlite3") as conn:
        conn.execute("UPDATE gazette_issue SET published = 0")  # the command prints proofs of unpublished issues
    return env


def run(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([ZHENGWU, "gazette", "pdf", *args], env=env, cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=300, stdin=subprocess.DEVNULL)


def test_the_command_writes_the_pdf_and_reports_pages_and_seconds(seeded_db, tmp_path):
    done = run(seeded_db, "2021", "6", "-o", "out.pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    reader = PdfReader(tmp_path / "out.pdf")
    assert GAZETTE in reader.pages[0].extract_text()
    match = re.search(r"已生成 out\.pdf：(\d+) 页，用时 [\d.]+ 秒。", done.stderr)
    assert match and int(match.group(1)) == len(reader.pages), done.stderr
    assert done.stdout == ""


def test_the_command_names_the_file_after_the_issue_by_default(seeded_db, tmp_path):
    done = run(seeded_db, "2021", "6", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / FILENAME).read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(("args", "message"), [
    (["2021", "9"], "找不到2021年第9期公报。"),
    (["2021", "六"], "应为数字"),
    (["2021", "6", "-o", "no/such/folder/x.pdf"], "文件夹 no/such/folder 不存在"),
])
def test_the_command_refuses_bad_input_in_chinese(seeded_db, tmp_path, args, message):
    done = run(seeded_db, *args, cwd=tmp_path)
    assert done.returncode != 0
    assert message in done.stderr
    assert not list(tmp_path.glob("*.pdf"))


def test_the_command_without_chinese_fonts_names_the_package(seeded_db, tmp_path):
    if not shutil.which("fc-list"):
        pytest.skip("no fontconfig on this machine")
    # A fontconfig configuration with no font folders: the machine seems to have no fonts at all.
    (tmp_path / "fonts.conf").write_text(f"<fontconfig><dir>{tmp_path / 'none'}</dir>"
                                         f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    done = run(seeded_db | {"FONTCONFIG_FILE": str(tmp_path / "fonts.conf")}, "2021", "6", cwd=tmp_path)
    assert done.returncode == 1
    assert "没有中文字体" in done.stderr and "fonts-noto-cjk" in done.stderr
    assert not list(tmp_path.glob("*.pdf"))
