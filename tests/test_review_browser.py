"""The review page in a real browser: Debian's headless Chromium driven by Playwright.

The flow of the issue on the seeds (mouse and keyboard, downloads, `cleaner apply`),
XSS probes, JavaScript and Python agreeing on overlaps and astral characters, and
the figures for a generated 1 MB document. Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cleaner
from cleaner import Cleaner, Config, Edit
from cleaner.review import ReviewDocument, apply_decisions, build_page

sync_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")


def run_cleaner(*args) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(cleaner.__file__).resolve().parents[1])}
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], capture_output=True,
                          cwd=ROOT, env=env, timeout=300)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class Session:
    """A page opened from a file, with what it tried: dialogs, requests, console errors."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 860})
        self.page = self.context.new_page()
        self.url = path.as_uri()
        self.dialogs, self.requests, self.errors = [], [], []
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        started = time.perf_counter()
        self.page.goto(self.url)
        self.page.wait_for_selector("html[data-ready='1']", timeout=30_000)
        self.load_seconds = time.perf_counter() - started

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if url != self.url and not url.startswith("blob:")]

    def download(self, button: str, to: Path) -> Path:
        with self.page.expect_download() as info:
            self.page.click(button)
        info.value.save_as(to)
        return to

    def edit(self, i: int):
        return self.page.locator(f"#view .edit[data-i='{i}']").first

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def current(self) -> int:
        return int(self.page.get_attribute("#view .edit.cur", "data-i"))

    def go_to(self, i: int) -> None:
        """Select edit ``i`` with j/k from the current one."""
        steps = i - self.current()
        self.press(*(["j"] * steps if steps > 0 else ["k"] * -steps))
        assert self.current() == i

    def counts(self) -> dict[str, int]:
        return {k: int(self.page.text_content(f"#count-{k}")) for k in ("accepted", "rejected", "pending")}

    def result_text(self) -> str:
        return self.page.evaluate("window.cleanerReview.resultText()")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session(browser):
    opened = []

    def open_(path: Path) -> Session:
        opened.append(Session(browser, path))
        return opened[-1]

    yield open_
    for s in opened:
        s.close()


def screenshot(session: Session, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    session.page.screenshot(path=str(ARTIFACTS / name))


# the flow of the issue, on the seeds -----------------------------------------------------

def test_review_apply_flow_on_the_seeds(session, tmp_path):
    page_file = tmp_path / "review.html"
    # a higher threshold turns some edits into suggestions, so that there are some to accept
    made = run_cleaner("review", *[p.relative_to(ROOT) for p in SEEDS], "--min-confidence", "0.9",
                       "-o", page_file)
    assert made.returncode == 0, made.stderr
    s = session(page_file)
    seed = SEEDS[0]
    data = json.loads(s.page.text_content("#review-data"))["documents"][0]
    assert data["name"] == str(seed.relative_to(ROOT))
    edits = data["edits"]
    applied = [i for i, e in enumerate(edits) if e["applied"]]
    suggested = [i for i, e in enumerate(edits) if not e["applied"]]
    assert len(applied) >= 2 and len(suggested) >= 2
    before = s.counts()

    # mouse: reject an applied edit, accept a suggestion
    s.edit(applied[0]).click()
    s.page.click("#reject")
    s.edit(suggested[0]).click()
    s.page.click("#accept")
    assert "rej" in s.edit(applied[0]).get_attribute("class")
    assert "acc" in s.edit(suggested[0]).get_attribute("class")

    # keyboard: the same with other edits
    s.go_to(applied[1])
    s.press("r")
    s.go_to(suggested[1])
    s.press("a")
    assert "rej" in s.edit(applied[1]).get_attribute("class")
    assert "acc" in s.edit(suggested[1]).get_attribute("class")
    assert s.counts() == {"accepted": before["accepted"], "rejected": before["rejected"],
                          "pending": before["pending"] - 4}

    s.edit(suggested[2]).hover()
    assert s.page.is_visible("#tooltip") and edits[suggested[2]]["rule"] in s.page.text_content("#tooltip")
    screenshot(s, "review-seeds.png")

    decisions = s.download("#download-decisions", tmp_path / "decisions.json")
    text = s.download("#download-text", tmp_path / "reviewed.txt")
    saved = {d["id"]: d["decision"] for d in json.loads(decisions.read_text())["documents"][0]["decisions"]}
    assert [saved[f"e{i}"] for i in (applied[0], suggested[0], applied[1], suggested[1])] == \
        ["rejected", "accepted", "rejected", "accepted"]

    out = tmp_path / "applied.txt"
    applied_run = run_cleaner("apply", seed.relative_to(ROOT), "--decisions", decisions, "-o", out)
    assert applied_run.returncode == 0, applied_run.stderr
    assert out.read_bytes() == text.read_bytes()
    assert out.read_text() != Cleaner(Config(threshold=0.9)).run(seed.read_text()).text
    # the page held every seed, so another seed applies too; a changed copy is refused
    assert apply_decisions(SEEDS[1].read_bytes(), json.loads(decisions.read_text()))
    changed = tmp_path / seed.name
    changed.write_bytes(seed.read_bytes() + b" ")
    refused = run_cleaner("apply", changed, "--decisions", decisions)
    assert refused.returncode == 1 and b"is not the input" in refused.stderr
    assert s.errors == [] and s.dialogs == [] and s.outside_requests() == []


def test_views_and_bulk_decisions(session, tmp_path):
    seed = SEEDS[4]
    doc = ReviewDocument(seed.name, seed.read_bytes(), seed.read_text(encoding="utf-8"),
                         Cleaner(Config(threshold=0.9)).run(seed.read_text(encoding="utf-8")).edits)
    page_file = tmp_path / "review.html"
    page_file.write_text(build_page([doc]), encoding="utf-8")
    s = session(page_file)
    s.press("2")
    assert s.page.locator("#view .side-row").count() >= 1
    screenshot(s, "review-side-by-side.png")
    s.press("3")
    s.page.wait_for_function("document.querySelectorAll('#view .block:empty').length === 0")
    assert s.page.text_content("#view") == s.result_text()
    s.press("1")
    category_row = s.page.locator("#bulk tr.cat").first
    category = category_row.locator("td").first.text_content()
    category_row.locator("button[data-bulk='reject']").click()
    data = json.loads(s.page.evaluate("window.cleanerReview.decisionsJson()"))
    rules = {e["id"]: e["category"] for e in json.loads(s.page.text_content("#review-data"))["documents"][0]["edits"]}
    assert all(d["decision"] == "rejected" for d in data["documents"][0]["decisions"] if rules[d["id"]] == category)
    assert s.errors == []


# safety ------------------------------------------------------------------------------------

PROBES = ('<script>alert(1)</script> and </script> then "><img src=x onerror=alert(2)> '
          '<a href="javascript:alert(3)">link</a> \u2028 \u2029 <!-- <svg onload=alert(4)> '
          "' onmouseover='alert(5)' &lt;b&gt;\n")


def test_xss_probes_render_as_text_and_run_nothing(session, tmp_path):
    text = PROBES * 3
    edits = [Edit(0, 8, "<script>", "<b>", '"><img src=x onerror=alert(6)>', '"><script>alert(7)</script>',
                  0.9, PROBES, True),
             Edit(len(PROBES), len(PROBES), "", "<iframe src=javascript:alert(8)>", "x</script>",
                  "quotes", 0.4, "</script><script>alert(9)</script>", False)]
    doc = ReviewDocument('<img src=x onerror=alert(10)>.txt', text.encode(), text, edits)
    page_file = tmp_path / "probes.html"
    page_file.write_text(build_page([doc]), encoding="utf-8")
    s = session(page_file)
    s.edit(0).hover()
    s.edit(1).click()
    for key in ("j", "k", "a", "2", "3", "1"):
        s.press(key)
    shown = s.page.inner_text("#view")
    assert "<script>alert(1)</script>" in shown and 'onerror=alert(2)>' in shown
    assert PROBES.strip() in s.page.inner_text("#inspector")  # the message of the edit selected
    tags = s.page.evaluate("[...new Set([...document.querySelectorAll('#view *, #inspector *, #tooltip *')]"
                           ".map(e => e.tagName.toLowerCase()))].sort()")
    assert set(tags) <= {"span", "del", "ins", "div", "dl", "dt", "dd", "h2", "p", "kbd", "button"}
    assert s.page.locator("img, iframe, svg, a[href]").count() == 0
    assert s.page.text_content("#doc-select option").startswith("<img src=x onerror=alert(10)>.txt")
    s.download("#download-text", tmp_path / "probes.txt")
    assert s.dialogs == [] and s.outside_requests() == [] and s.errors == []
    screenshot(s, "review-probes.png")


# JavaScript and Python agree ----------------------------------------------------------------

def test_overlaps_astral_characters_and_crlf_agree_with_python(session, tmp_path):
    text = "😀 Jack  Sullivan said\r\nthat 🎉 Nbc .\r\n"
    edits = [Edit(0, 16, "😀 Jack  Sullivan", "😀 Jake Sullivan", "names.consistency", "names", 0.5, "m", False),
             Edit(6, 8, "  ", " ", "spacing.doubled_space", "spacing", 0.9, "m", True),
             Edit(30, 33, "Nbc", "NBC", "acronym.case", "acronym", 0.9, "m", True),
             Edit(33, 35, " .", ".", "spacing.before_punctuation", "spacing", 0.9, "m", True),
             Edit(35, 35, "", "!", "spacing.test", "spacing", 0.3, "m", False)]
    doc = ReviewDocument("mixed.txt", text.encode(), text, edits)
    page_file = tmp_path / "mixed.html"
    page_file.write_text(build_page([doc]), encoding="utf-8")
    s = session(page_file)
    assert s.result_text() == "😀 Jack Sullivan said\r\nthat 🎉 NBC.\r\n"
    s.press("j", "a")        # accept the suggestion: the doubled space inside it is rejected
    assert "rej" in s.edit(1).get_attribute("class")
    s.press("j", "j", "r", "j", "j", "a")   # reject NBC, accept the insertion at the end
    expected = "😀 Jake Sullivan said\r\nthat 🎉 Nbc.!\r\n"
    assert s.result_text() == expected
    decisions = json.loads(s.download("#download-decisions", tmp_path / "d.json").read_text())
    assert apply_decisions(text.encode(), decisions) == expected
    assert s.download("#download-text", tmp_path / "t.txt").read_bytes() == expected.encode()
    s.press("j", "k", "k", "k", "a")  # accepting the doubled space again rejects the suggestion
    assert "rej" in s.edit(0).get_attribute("class")
    assert apply_decisions(text.encode(), json.loads(s.page.evaluate("window.cleanerReview.decisionsJson()"))) \
        == s.result_text() == "😀 Jack Sullivan said\r\nthat 🎉 Nbc.!\r\n"


# a 1 MB document -------------------------------------------------------------------------------

def generated_document() -> str:
    """About 1 MB of seed text with extra spaces before commas, for thousands of edits."""
    seeds = "".join(p.read_text(encoding="utf-8") + "\n" for p in SEEDS).replace(", ", " , ")
    text = (seeds * (1_000_000 // len(seeds) + 1))[:1_000_000]
    return text[:text.rindex("\n") + 1]


@pytest.mark.slow
def test_a_one_megabyte_document_stays_responsive(session, tmp_path):
    source = tmp_path / "big.txt"
    source.write_text(generated_document(), encoding="utf-8")
    page_file = tmp_path / "big.html"
    made = run_cleaner("review", source, "-o", page_file)
    assert made.returncode == 0, made.stderr
    s = session(page_file)
    n_edits = s.page.evaluate("JSON.parse(document.getElementById('review-data').textContent).documents[0].edits.length")
    assert source.stat().st_size >= 990_000 and n_edits >= 5000
    ready_ms = s.page.evaluate("performance.getEntriesByName('review-ready')[0].startTime")
    rendered = s.page.locator("#view .edit").count()
    # one keystroke, timed to the second frame after it (the page has painted the change)
    timing = """async (key) => {
        const t0 = performance.now();
        document.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}));
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        return performance.now() - t0; }"""
    s.page.keyboard.press("j")
    for _ in range(200):
        s.page.keyboard.press("j")
    nav_ms = max(s.page.evaluate(timing, "j") for _ in range(20))
    accept_ms = max(s.page.evaluate(timing, key) for key in ["r", "a"] * 10)
    s.page.evaluate("document.getElementById('view').scrollTop = 1e9")
    jump_ms = s.page.evaluate(timing, "k")
    started = time.perf_counter()
    text = s.download("#download-text", tmp_path / "big.reviewed.txt")
    download_s = time.perf_counter() - started
    decisions = s.download("#download-decisions", tmp_path / "big.decisions.json")
    out = tmp_path / "big.applied.txt"
    assert run_cleaner("apply", source, "--decisions", decisions, "-o", out).returncode == 0
    assert out.read_bytes() == text.read_bytes()
    figures = {"bytes": source.stat().st_size, "edits": n_edits, "rendered_edits_at_load": rendered,
               "page_bytes": page_file.stat().st_size, "ready_ms": round(ready_ms),
               "load_s": round(s.load_seconds, 2), "next_edit_ms_max": round(nav_ms, 1),
               "accept_reject_ms_max": round(accept_ms, 1), "jump_after_scroll_ms": round(jump_ms, 1),
               "download_text_s": round(download_s, 2)}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "review-1mb.json").write_text(json.dumps(figures, indent=1) + "\n")
    screenshot(s, "review-1mb.png")
    print(figures)
    assert rendered < n_edits / 10  # lazily rendered
    assert ready_ms < 5000 and nav_ms < 250 and accept_ms < 250
    assert s.errors == []
