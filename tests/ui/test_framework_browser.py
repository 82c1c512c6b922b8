"""The framework browser screen (skillmap.ui.framework_browser), with pytest-qt.

Works with whichever frameworks ``resources/frameworks/`` bundles (mx-mgr, mx-dsa, mx-ddat ...), plus a
small custom framework on a 1–5 scale imported by the tests themselves.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QTableWidget, QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from skillmap.db.migrate import open_database
from skillmap.frameworks import model as fm
from skillmap.i18n import get_language, set_language
from skillmap.services.frameworks import (
    FrameworkSummary,
    find_framework_id,
    framework_from_db,
    import_framework,
    install_bundled_frameworks,
    list_frameworks,
)
from skillmap.ui.framework_browser import FrameworkBrowser

HARD_TIP = "Hard to transfer: better hired than reskilled"
EMPTY_TEXT = "No frameworks in this database. Use File → Import framework…"


# ------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts in English and leaves the content language as it found it."""
    previous = get_language()
    set_language("en")
    yield
    set_language(previous)


@pytest.fixture
def fw_engine(tmp_path: Path) -> Iterator[Engine]:
    eng = open_database(tmp_path / "t.db")
    install_bundled_frameworks(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def empty_engine(tmp_path: Path) -> Iterator[Engine]:
    eng = open_database(tmp_path / "empty.db")
    yield eng
    eng.dispose()


def custom_framework(version: str = "1.0") -> fm.Framework:
    """A small framework on a 1–5 scale: two categories, three competencies, one role with two levels."""
    t = fm.Text
    scale = [
        fm.ScaleLevel(1, "basic", t("Basic", "Básico"), t("Knows the basics.", "Conoce lo básico.")),
        fm.ScaleLevel(2, "developing", t("Developing", "En desarrollo")),
        fm.ScaleLevel(3, "competent", t("Competent", "Competente")),
        fm.ScaleLevel(4, "advanced", t("Advanced", "Avanzado")),
        fm.ScaleLevel(5, "leading", t("Leading", "Referente")),
    ]

    def levels(stem_en: str, stem_es: str, skip: int | None = None) -> dict[int, fm.Text]:
        return {n: t(f"{stem_en} at level {n}.", f"{stem_es} en el nivel {n}.")
                for n in range(1, 6) if n != skip}

    stats = fm.Competency("T-STATS", t("Statistical analysis", "Análisis estadístico"),
                          t("Uses statistics to answer policy questions.",
                            "Usa la estadística para responder preguntas de política pública."),
                          hard_to_transfer=True, descriptors=levels("Analyses data", "Analiza datos"))
    writing = fm.Competency("T-WRITING", t("Plain-language writing", "Redacción clara"),
                            t("Writes so that citizens understand.",
                              "Escribe para que la ciudadanía entienda."),
                            descriptors=levels("Writes", "Redacta", skip=5))
    budget = fm.Competency("T-BUDGET", t("Budgeting", "Presupuestación"),
                           descriptors=levels("Plans the budget", "Planea el presupuesto"))
    role = fm.Role(
        "analyst", "POLICY", t("Policy analyst", "Analista de políticas"),
        t("Analyses and writes policy.", "Analiza y redacta políticas."),
        levels=[
            fm.RoleLevel("analyst-1", 1, t("Junior policy analyst", "Analista de políticas júnior"),
                         [fm.Requirement("T-STATS", 2), fm.Requirement("T-WRITING", 3)]),
            fm.RoleLevel("analyst-2", 2, t("Senior policy analyst", "Analista de políticas sénior"),
                         [fm.Requirement("T-STATS", 4, 2.0), fm.Requirement("T-WRITING", 4),
                          fm.Requirement("T-BUDGET", 1, 0.5)]),
        ],
    )
    return fm.Framework(
        code="test-15", version=version, name=t("Test framework", "Marco de prueba"),
        description=t("A framework on a 1–5 scale.", "Un marco en escala de 1 a 5."), publisher="Tests",
        scale=scale,
        categories=[
            fm.Category("ANALYSIS", t("Analysis", "Análisis"), competencies=[stats, writing]),
            fm.Category("FINANCE", t("Finance", "Finanzas"), competencies=[budget]),
        ],
        role_families=[fm.RoleFamily("POLICY", t("Policy", "Políticas públicas"))],
        roles=[role],
    )


@pytest.fixture
def custom_engine(fw_engine: Engine) -> Engine:
    """The bundled frameworks plus test-15 1.0 (then inactive) and test-15 2.0 (active)."""
    import_framework(fw_engine, custom_framework("1.0"))
    import_framework(fw_engine, custom_framework("2.0"))
    return fw_engine


@pytest.fixture
def browser(qtbot: QtBot, fw_engine: Engine) -> FrameworkBrowser:
    widget = FrameworkBrowser()
    qtbot.addWidget(widget)
    widget.set_engine(fw_engine)
    return widget


@pytest.fixture
def custom_browser(qtbot: QtBot, custom_engine: Engine) -> FrameworkBrowser:
    widget = FrameworkBrowser()
    qtbot.addWidget(widget)
    widget.set_engine(custom_engine)
    assert widget.select_framework("test-15")
    return widget


# -------------------------------------------------------------------------------------------- helpers


def child(widget: FrameworkBrowser, kind: type, name: str) -> object:
    found = widget.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name!r}"
    return found


def combo(widget: FrameworkBrowser) -> QComboBox:
    return child(widget, QComboBox, "framework_combo")  # type: ignore[return-value]


def tree(widget: FrameworkBrowser, name: str) -> QTreeWidget:
    return child(widget, QTreeWidget, name)  # type: ignore[return-value]


def table(widget: FrameworkBrowser, name: str) -> QTableWidget:
    return child(widget, QTableWidget, name)  # type: ignore[return-value]


def all_items(t: QTreeWidget) -> list[QTreeWidgetItem]:
    items: list[QTreeWidgetItem] = []
    stack = [t.topLevelItem(i) for i in range(t.topLevelItemCount())]
    while stack:
        item = stack.pop(0)
        items.append(item)
        stack[0:0] = [item.child(i) for i in range(item.childCount())]
    return items


def find_item(t: QTreeWidget, code: str) -> QTreeWidgetItem:
    matches = [i for i in all_items(t) if i.text(1) == code]
    assert matches, f"{code} not in {t.objectName()}"
    return matches[0]


def column(t: QTableWidget, col: int) -> list[str]:
    return [t.item(row, col).text() for row in range(t.rowCount())]


def bundled(engine: Engine) -> list[FrameworkSummary]:
    summaries = [s for s in list_frameworks(engine) if s.active]
    assert summaries, "no bundled framework installed"
    return summaries


# ---------------------------------------------------------------------------------------------- tests


def test_key_widgets_have_object_names(browser: FrameworkBrowser) -> None:
    for kind, name in [(QComboBox, "framework_combo"), (QTreeWidget, "competency_tree"),
                       (QTableWidget, "descriptor_table"), (QTreeWidget, "role_tree"),
                       (QTableWidget, "requirement_table"), (QLineEdit, "filter_edit")]:
        child(browser, kind, name)


def test_combo_lists_every_framework(browser: FrameworkBrowser, fw_engine: Engine) -> None:
    summaries = list_frameworks(fw_engine)
    box = combo(browser)
    assert box.count() == len(summaries)
    for i, summary in enumerate(summaries):
        text = box.itemText(i)
        assert summary.code in text and summary.version in text and summary.name_en in text
        assert box.itemData(i) == summary.id
    assert browser.current_framework_code() in {s.code for s in summaries}
    if any(s.code == "mx-mgr" for s in summaries):
        assert browser.select_framework("mx-mgr")
        assert browser.current_framework_code() == "mx-mgr"
        assert "mx-mgr" in box.currentText()


def test_summary_line_counts(browser: FrameworkBrowser, fw_engine: Engine) -> None:
    for summary in bundled(fw_engine):
        assert browser.select_framework(summary.code)
        text = browser.summary_label.text()
        assert f"Competencies: {summary.competencies}" in text
        assert f"Role profiles: {summary.role_profiles}" in text
        assert f"Categories: {summary.categories}" in text


def test_inactive_versions_are_marked(custom_browser: FrameworkBrowser) -> None:
    box = combo(custom_browser)
    texts = [box.itemText(i) for i in range(box.count()) if "test-15" in box.itemText(i)]
    assert len(texts) == 2
    assert any("v1.0" in t and "(inactive)" in t for t in texts)
    assert any("v2.0" in t and "(inactive)" not in t for t in texts)
    assert "v2.0" in box.currentText()  # select_framework prefers the active version
    assert custom_browser.select_framework("test-15", "1.0")
    assert "(inactive)" in box.currentText()


def test_competency_shows_one_row_per_scale_level(browser: FrameworkBrowser, fw_engine: Engine) -> None:
    ctree, descriptors = tree(browser, "competency_tree"), table(browser, "descriptor_table")
    for summary in bundled(fw_engine):
        assert browser.select_framework(summary.code)
        fw = framework_from_db(fw_engine, summary.id)
        comp = list(fw.competencies())[-1]
        ctree.setCurrentItem(find_item(ctree, comp.code))
        assert browser.competency_header.title.text() == comp.name.en
        assert comp.code in browser.competency_header.meta.text()
        assert descriptors.rowCount() == len(fw.scale)
        assert column(descriptors, 0) == [str(s.level) for s in fw.scale]
        assert column(descriptors, 1) == [s.name.en for s in fw.scale]
        for row, level in enumerate(fw.scale):
            assert descriptors.item(row, 2).text() == comp.descriptors[level.level].en


def test_custom_one_to_five_scale(custom_browser: FrameworkBrowser) -> None:
    ctree, descriptors = tree(custom_browser, "competency_tree"), table(custom_browser, "descriptor_table")
    ctree.setCurrentItem(find_item(ctree, "T-WRITING"))
    assert descriptors.rowCount() == 5
    assert column(descriptors, 0) == ["1", "2", "3", "4", "5"]
    assert column(descriptors, 1) == ["Basic", "Developing", "Competent", "Advanced", "Leading"]
    assert descriptors.item(0, 2).text() == "Writes at level 1."
    assert descriptors.item(4, 2).text() == "No descriptor for this level"  # level 5 has none
    assert descriptors.item(0, 1).toolTip() == "Knows the basics."
    assert "Scale: 1–5" in custom_browser.summary_label.text()


def test_hard_to_transfer_is_marked(custom_browser: FrameworkBrowser) -> None:
    ctree = tree(custom_browser, "competency_tree")
    hard, easy = find_item(ctree, "T-STATS"), find_item(ctree, "T-WRITING")
    assert HARD_TIP in hard.toolTip(0)
    assert HARD_TIP not in easy.toolTip(0)
    assert not hard.icon(0).isNull()
    ctree.setCurrentItem(hard)
    assert not custom_browser.competency_header.badge.isHidden()
    assert custom_browser.competency_header.badge.text() == HARD_TIP
    ctree.setCurrentItem(easy)
    assert custom_browser.competency_header.badge.isHidden()


def test_filter_hides_non_matching_competencies(qtbot: QtBot, browser: FrameworkBrowser) -> None:
    ctree, edit = tree(browser, "competency_tree"), child(browser, QLineEdit, "filter_edit")
    assert isinstance(edit, QLineEdit)
    fw = browser.current_framework()
    assert fw is not None
    comps = list(fw.competencies())
    target = comps[-1]
    qtbot.keyClicks(edit, target.code.lower())
    visible = [i.text(1) for i in all_items(ctree) if i.parent() is not None and not i.isHidden()]
    assert visible == [target.code]
    for i in range(ctree.topLevelItemCount()):
        cat = ctree.topLevelItem(i)
        owns = any(c.code == target.code for c in fw.categories[i].competencies)
        assert cat.isHidden() != owns
    edit.clear()
    assert all(not i.isHidden() for i in all_items(ctree))
    qtbot.keyClicks(edit, "zzz-no-such-competency")
    assert all(i.isHidden() for i in all_items(ctree))
    assert not browser.no_match_label.isHidden()


def test_filter_ignores_accents_and_matches_spanish_names(
        qtbot: QtBot, custom_browser: FrameworkBrowser) -> None:
    ctree, edit = tree(custom_browser, "competency_tree"), custom_browser.filter_edit
    qtbot.keyClicks(edit, "estadistico")  # "Análisis estadístico", shown in English as "Statistical analysis"
    visible = [i.text(1) for i in all_items(ctree) if i.parent() is not None and not i.isHidden()]
    assert visible == ["T-STATS"]
    edit.setText("finanzas")  # a matching category shows all its competencies
    visible = [i.text(1) for i in all_items(ctree) if i.parent() is not None and not i.isHidden()]
    assert visible == ["T-BUDGET"]


def test_role_profile_shows_its_requirements(browser: FrameworkBrowser, fw_engine: Engine) -> None:
    rtree, reqs = tree(browser, "role_tree"), table(browser, "requirement_table")
    for summary in bundled(fw_engine):
        assert browser.select_framework(summary.code)
        fw = framework_from_db(fw_engine, summary.id)
        if not fw.roles:
            continue
        role, level = list(fw.role_levels())[-1]
        rtree.setCurrentItem(find_item(rtree, level.code))
        assert browser.profile_header.title.text() == level.title.en
        assert role.name.en in browser.profile_header.meta.text()
        assert reqs.rowCount() == len(level.requirements)
        assert sorted(column(reqs, 1)) == sorted(q.competency for q in level.requirements)
        names = {c.code: c.name.en for c in fw.competencies()}
        by_code = {reqs.item(r, 1).text(): reqs.item(r, 0).text() for r in range(reqs.rowCount())}
        assert all(by_code[code] == names[code] for code in by_code)


def test_requirement_table_levels_weights_and_sorting(custom_browser: FrameworkBrowser) -> None:
    rtree, reqs = tree(custom_browser, "role_tree"), table(custom_browser, "requirement_table")
    rtree.setCurrentItem(find_item(rtree, "analyst-2"))
    assert reqs.rowCount() == 3
    rows = {reqs.item(r, 1).text(): [reqs.item(r, c).text() for c in range(5)] for r in range(3)}
    assert rows["T-STATS"] == ["Statistical analysis", "T-STATS", "4 · Advanced", "2", "Yes"]
    assert rows["T-WRITING"] == ["Plain-language writing", "T-WRITING", "4 · Advanced", "1", ""]
    assert rows["T-BUDGET"] == ["Budgeting", "T-BUDGET", "1 · Basic", "0.5", ""]
    stats_row = column(reqs, 1).index("T-STATS")
    assert reqs.item(stats_row, 4).toolTip() == HARD_TIP
    assert not reqs.item(stats_row, 4).icon().isNull()
    assert reqs.isSortingEnabled()
    reqs.sortItems(3, Qt.SortOrder.AscendingOrder)  # weight, numerically
    assert column(reqs, 3) == ["0.5", "1", "2"]
    reqs.sortItems(2, Qt.SortOrder.DescendingOrder)  # required level, numerically
    assert column(reqs, 2)[-1] == "1 · Basic"
    # the selected requirement explains its level
    reqs.setCurrentCell(column(reqs, 1).index("T-BUDGET"), 0)
    assert custom_browser.expected_text.text() == "Plans the budget at level 1."


def test_role_shows_its_ladder(custom_browser: FrameworkBrowser) -> None:
    rtree, ladder = tree(custom_browser, "role_tree"), table(custom_browser, "ladder_table")
    rtree.setCurrentItem(find_item(rtree, "analyst"))
    assert custom_browser.role_detail.currentWidget() is custom_browser.role_page
    assert custom_browser.role_header.description.text() == "Analyses and writes policy."
    assert ladder.rowCount() == 2
    assert column(ladder, 1) == ["Junior policy analyst", "Senior policy analyst"]
    assert column(ladder, 3) == ["2", "3"]  # requirements per level
    matrix = table(custom_browser, "ladder_matrix")
    assert column(matrix, 0) == ["Statistical analysis", "Plain-language writing", "Budgeting"]
    assert column(matrix, 2) == ["4 (×2)", "4", "1 (×0.5)"]
    assert matrix.item(2, 1).text() == "—"


def test_double_click_requirement_opens_competency(custom_browser: FrameworkBrowser) -> None:
    rtree, reqs = tree(custom_browser, "role_tree"), table(custom_browser, "requirement_table")
    rtree.setCurrentItem(find_item(rtree, "analyst-1"))
    row = column(reqs, 1).index("T-WRITING")
    reqs.cellDoubleClicked.emit(row, 0)
    assert custom_browser.tabs.currentIndex() == 0
    assert tree(custom_browser, "competency_tree").currentItem().text(1) == "T-WRITING"


def test_competency_lists_profiles_that_require_it(custom_browser: FrameworkBrowser) -> None:
    ctree = tree(custom_browser, "competency_tree")
    ctree.setCurrentItem(find_item(ctree, "T-STATS"))
    usage = table(custom_browser, "usage_table")
    assert sorted(column(usage, 1)) == ["analyst-1", "analyst-2"]


def test_language_change_shows_spanish_content(browser: FrameworkBrowser) -> None:
    ctree, rtree = tree(browser, "competency_tree"), tree(browser, "role_tree")
    fw = browser.current_framework()
    assert fw is not None
    comp = list(fw.competencies())[1]
    ctree.setCurrentItem(find_item(ctree, comp.code))
    _role, level = next(fw.role_levels())
    rtree.setCurrentItem(find_item(rtree, level.code))
    code = browser.current_framework_code()
    assert find_item(ctree, comp.code).text(0) == comp.name.en

    set_language("es")
    QApplication.sendEvent(browser, QEvent(QEvent.Type.LanguageChange))

    assert browser.current_framework_code() == code
    assert ctree.currentItem().text(1) == comp.code  # selection kept
    assert find_item(ctree, comp.code).text(0) == comp.name.es
    assert browser.competency_header.title.text() == comp.name.es
    descriptors = table(browser, "descriptor_table")
    assert descriptors.item(0, 2).text() == comp.descriptors[fw.scale[0].level].es
    assert descriptors.item(0, 1).text() == fw.scale[0].name.es
    assert rtree.currentItem().text(1) == level.code
    assert browser.profile_header.title.text() == level.title.es
    assert fw.name.es in combo(browser).currentText()

    set_language("en")
    browser.retranslate()
    assert browser.competency_header.title.text() == comp.name.en


def test_reload_keeps_selection(browser: FrameworkBrowser, fw_engine: Engine) -> None:
    fw = browser.current_framework()
    assert fw is not None
    ctree = tree(browser, "competency_tree")
    comp = list(fw.competencies())[-1]
    ctree.setCurrentItem(find_item(ctree, comp.code))
    code = browser.current_framework_code()
    import_framework(fw_engine, custom_framework())  # e.g. File → Import framework…
    browser.set_engine(fw_engine)
    assert combo(browser).count() == len(list_frameworks(fw_engine))
    assert browser.current_framework_code() == code
    assert ctree.currentItem().text(1) == comp.code
    assert browser.select_framework("test-15")
    assert browser.current_framework_code() == "test-15"
    assert find_framework_id(fw_engine, "test-15") == combo(browser).currentData()


def test_empty_state_without_engine(qtbot: QtBot) -> None:
    widget = FrameworkBrowser()
    qtbot.addWidget(widget)
    widget.set_engine(None)
    assert widget.stack.currentWidget() is widget.empty_label
    assert widget.empty_label.text() == EMPTY_TEXT
    assert widget.current_framework_code() is None
    assert combo(widget).count() == 0
    assert tree(widget, "competency_tree").topLevelItemCount() == 0


def test_empty_state_with_empty_database(qtbot: QtBot, empty_engine: Engine, fw_engine: Engine) -> None:
    widget = FrameworkBrowser()
    qtbot.addWidget(widget)
    widget.set_engine(empty_engine)
    assert widget.stack.currentWidget() is widget.empty_label
    widget.set_engine(fw_engine)  # a database with frameworks replaces the empty state
    assert widget.stack.currentWidget() is not widget.empty_label
    assert widget.current_framework_code() is not None
    widget.set_engine(None)
    assert widget.stack.currentWidget() is widget.empty_label
    assert widget.current_framework_code() is None


def test_repainting_runs_no_python_paint_code(qtbot: QtBot, browser: FrameworkBrowser) -> None:
    """Painting must stay in C++: no Python ``paint``/``initStyleOption`` overrides in delegates.

    Besides speed, PySide6 6.12 on Python 3.11 drops a reference to ``None`` on every call of a void Qt
    method from Python; Python paint code repeats such calls on every repaint and ends in
    "Fatal Python error: none_dealloc". (From Python 3.12 ``None`` is immortal and this count is constant.)
    """
    browser.resize(1200, 760)
    browser.show()
    qtbot.waitExposed(browser)
    for tab in (0, 1):
        browser.tabs.setCurrentIndex(tab)
        browser.grab()
    before = sys.getrefcount(None)
    for tab in (0, 1):
        browser.tabs.setCurrentIndex(tab)
        for _ in range(20):
            browser.grab()
    assert sys.getrefcount(None) - before > -20
