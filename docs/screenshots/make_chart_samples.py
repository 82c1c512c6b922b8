"""Render every chart of ``skillmap.charts`` with realistic made-up data, in English and Spanish, and time it.

    python docs/screenshots/make_chart_samples.py [--out /tmp/charts] [--runs 3]

Agencies are the sample organisation's federal agencies (85 rows, every third one a long "Dirección
General de Recursos Humanos de la …" name), competencies the bundled frameworks' 40 first (33 of the
digital, data and technology framework, 7 of the digital skills one) in the chart's language, and levels
the bundled 0–4 scale. The numbers are random but shaped like real ones (agency and competency effects,
missing cells, unknown levels). Prints, per chart, the time to build the figure and the median time to draw
it (Agg, the renderer of the Qt canvas; wall clock and CPU time of this process, which is steadier on a
busy machine), then writes ``<chart>_<lang>.png`` under ``--out``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from skillmap.charts import (
    agencies_behind_chart,
    gap_heatmap,
    level_trend_chart,
    person_bars,
    person_radar,
    readiness_histogram,
    save_figure,
    self_manager_chart,
    self_manager_scatter,
    supply_demand_chart,
    team_grid,
    top_gaps_chart,
)
from skillmap.frameworks.fileformat import load_bundled_frameworks
from skillmap.frameworks.model import Framework
from skillmap.sample.names import AGENCIES, GIVEN_NAMES_F, GIVEN_NAMES_M, SURNAMES

N_AGENCIES = 85
N_COMPETENCIES = 40


class Data:
    """Made-up figures, the same in both languages (seeded)."""

    def __init__(self, seed: int = 7) -> None:
        rng = np.random.default_rng(seed)
        self.rng = rng
        fws = {fw.code: fw for fw in load_bundled_frameworks()}
        self.ddat = fws["mx-ddat"]
        comps = [c for fw in (fws["mx-ddat"], fws["mx-dsa"]) for cat in fw.categories for c in cat.competencies]
        self.competencies = comps[:N_COMPETENCIES]
        self.codes = [c.code for c in self.competencies]
        self.scale = fws["mx-ddat"].scale
        agencies = [name for _code, name, _dom, _kind in AGENCIES[:N_AGENCIES]]
        self.agencies = [f"Dirección General de Recursos Humanos de la {a}" if i % 3 == 1 else a
                         for i, a in enumerate(agencies)]
        # share meeting the requirement: agency effect + competency effect + noise, through a logistic
        a_eff = rng.normal(0.3, 0.7, N_AGENCIES)
        c_eff = rng.normal(0.0, 0.8, N_COMPETENCIES)
        logit = a_eff[:, None] + c_eff[None, :] + rng.normal(0, 0.45, (N_AGENCIES, N_COMPETENCIES))
        self.share = 1 / (1 + np.exp(-logit))
        missing = rng.random((N_AGENCIES, N_COMPETENCIES)) < 0.05
        missing[rng.choice(N_AGENCIES, 9, replace=False)[:, None], rng.choice(N_COMPETENCIES, 6, replace=False)] = True
        self.share[missing] = np.nan
        self.mean_gap = np.where(missing, np.nan, np.clip((1 - self.share) * 2.8 + rng.normal(0, 0.2, missing.shape),
                                                           0, 4))
        self.readiness_by_agency = np.clip(np.nanmean(self.share, axis=1) + rng.normal(0, 0.03, N_AGENCIES), 0, 1)
        self.readiness_people = np.clip(rng.beta(4.2, 2.0, 47_700), 0, 1)
        self.short_count = np.round(rng.gamma(2.0, 420, N_COMPETENCIES) * (1 + c_eff.clip(-0.9) * -0.5)).clip(0)
        self.supply = np.round(rng.gamma(3.0, 300, N_COMPETENCIES))
        self.demand = np.round(self.supply * rng.uniform(0.55, 1.7, N_COMPETENCIES))
        # a team of 28 in one unit, 15 competencies
        self.people = self._people(28)
        required = rng.integers(1, 5, (28, 15)).astype(float)
        required[rng.random((28, 15)) < 0.25] = np.nan
        current = np.clip(required - rng.choice([0, 0, 0, 1, 1, 2, 3], (28, 15)), 0, 4)
        self.team_gaps = np.where(np.isnan(required), np.nan, np.maximum(0, required - current))
        self.team_unknown = ~np.isnan(required) & (rng.random((28, 15)) < 0.08)
        # a large unit: 85 people × all 40 competencies
        self.big_team = self._people(85)
        big_required = rng.integers(1, 5, (85, N_COMPETENCIES)).astype(float)
        big_required[rng.random(big_required.shape) < 0.3] = np.nan
        big_current = np.clip(big_required - rng.choice([0, 0, 0, 1, 1, 2, 3], big_required.shape), 0, 4)
        self.big_team_gaps = np.where(np.isnan(big_required), np.nan, np.maximum(0, big_required - big_current))
        self.big_team_unknown = ~np.isnan(big_required) & (rng.random(big_required.shape) < 0.06)
        # trend: quarterly means over three years, 6 competencies
        self.dates = [dt.date(2022 + q // 4, 3 * (q % 4) + 1, 1) for q in range(12)]
        base = rng.uniform(1.0, 2.4, 6)
        self.trend = base[None, :] + np.linspace(0, 1, 12)[:, None] * rng.uniform(0.1, 0.9, 6)[None, :]
        self.trend += rng.normal(0, 0.06, self.trend.shape)
        self.trend[:3, 4] = np.nan  # measured only from the fourth quarter
        # self against manager ratings
        self.self_mean = rng.uniform(1.5, 3.2, 20)
        self.manager_mean = self.self_mean - rng.normal(0.25, 0.3, 20)
        mgr = rng.integers(0, 5, 6000)
        self.pair_manager = mgr
        self.pair_self = np.clip(mgr + rng.choice([-1, 0, 0, 0, 1, 1, 2], 6000), 0, 4)

    def _people(self, n: int) -> list[str]:
        names = [g for g, _ in GIVEN_NAMES_F[:40] + GIVEN_NAMES_M[:40]]
        surnames = [s for s, _ in SURNAMES]
        out = []
        for _ in range(n):
            g = names[self.rng.integers(len(names))]
            s1, s2 = surnames[self.rng.integers(len(surnames))], surnames[self.rng.integers(len(surnames))]
            out.append(f"{s1} {s2}, {g}")
        return sorted(out)

    def names(self, lang: str) -> list[str]:
        return [c.name.get(lang) for c in self.competencies]

    def level_names(self, lang: str) -> list[str]:
        return [lvl.name.get(lang) for lvl in self.scale]


def role_requirements(fw: Framework, role_code: str, seniority: int) -> tuple[str, dict[str, int]]:
    role = next(r for r in fw.roles if r.code == role_code)
    level = next(lv for lv in role.levels if lv.seniority == seniority)
    return level.code, {req.competency: req.level for req in level.requirements}


def person_inputs(d: Data, lang: str, many: bool) -> dict[str, object]:
    """A data analyst (current role) who may move to data scientist; levels partly unknown."""
    roles = {r.code: r for r in d.ddat.roles}
    analyst, scientist = roles["data-analyst"], roles["data-scientist"]
    a_lvl, s_lvl = analyst.levels[1], scientist.levels[1]
    req_a = {q.competency: q.level for q in a_lvl.requirements}
    req_s = {q.competency: q.level for q in s_lvl.requirements}
    codes = [c for c in d.codes if c in req_a or c in req_s]
    if many:
        extra = [c for c in d.codes if c not in codes][: 22 - len(codes)]
        codes += extra
    else:
        codes = [c for c in codes if c in req_a][:8]
    by_code = {c.code: c for c in d.competencies}
    rng = np.random.default_rng(3)
    current = [float(max(0, req_a.get(c, 1) - rng.choice([0, 0, 1, 1, 2]))) for c in codes]
    for i in (2, 5) if len(codes) > 5 else ():
        current[i] = np.nan
    return {
        "competencies": [by_code[c].name.get(lang) for c in codes],
        "current": current,
        "required": [float(req_a[c]) if c in req_a else np.nan for c in codes],
        "role": a_lvl.title.get(lang),
        "second_required": [float(req_s[c]) if c in req_s else np.nan for c in codes],
        "second_role": s_lvl.title.get(lang),
        "level_names": d.level_names(lang),
        "person": "María Guadalupe Hernández López",
        "lang": lang,
    }


def charts(d: Data, lang: str) -> dict[str, Callable[[], Figure]]:
    names = d.names(lang)
    levels = d.level_names(lang)
    row_title = "Institución" if lang == "es" else "Agency"
    return {
        "heatmap_share": lambda: gap_heatmap(d.share, d.agencies, names, measure="share", row_title=row_title,
                                             lang=lang),
        "heatmap_gap": lambda: gap_heatmap(d.mean_gap, d.agencies, names, measure="gap", lang=lang),
        "heatmap_small": lambda: gap_heatmap(d.share[:8, :7], d.agencies[:8], names[:7], lang=lang),
        "person_radar": lambda: person_radar(**person_inputs(d, lang, many=False)),  # type: ignore[arg-type]
        "person_bars": lambda: person_bars(**person_inputs(d, lang, many=True)),  # type: ignore[arg-type]
        "top_gaps": lambda: top_gaps_chart(names, d.short_count, measure="count", lang=lang),
        "top_gaps_mean": lambda: top_gaps_chart(names, np.nanmean(d.mean_gap, axis=0), measure="mean", lang=lang),
        "agencies_behind": lambda: agencies_behind_chart(d.agencies, d.readiness_by_agency,
                                                         overall=float(np.mean(d.readiness_by_agency)), lang=lang),
        "readiness_histogram": lambda: readiness_histogram(d.readiness_people, bins=20, target=0.8, lang=lang),
        "supply_demand": lambda: supply_demand_chart(names, d.supply, d.demand, lang=lang,
                                                     level_label=("nivel requerido o superior" if lang == "es"
                                                                  else "required level or above")),
        "supply_balance": lambda: supply_demand_chart(names[:14], d.supply[:14], d.demand[:14], kind="balance",
                                                      lang=lang),
        "team_grid": lambda: team_grid(d.people, names[:15], d.team_gaps, unknown=d.team_unknown, lang=lang),
        "team_grid_large": lambda: team_grid(d.big_team, names, d.big_team_gaps, unknown=d.big_team_unknown,
                                             lang=lang),
        "trend": lambda: level_trend_chart(d.dates, d.trend, names[:6], level_names=levels, lang=lang),
        "self_manager": lambda: self_manager_chart(names[:20], d.self_mean, d.manager_mean, lang=lang),
        "self_manager_scatter": lambda: self_manager_scatter(d.pair_self, d.pair_manager, level_names=levels,
                                                             lang=lang),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/charts"))
    parser.add_argument("--runs", type=int, default=3, help="draws per chart for the median draw time")
    parser.add_argument("--dpi", type=int, default=100, help="PNG resolution")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    data = Data()
    print(f"{'chart':<22}{'lang':<5}{'size (in)':>11}{'build':>8}{'draw':>8}{'draw CPU':>10}  file")
    for lang in ("en", "es"):
        for name, make in charts(data, lang).items():
            t0 = time.perf_counter()
            fig = make()
            build = time.perf_counter() - t0
            canvas = FigureCanvasAgg(fig)
            walls, cpus = [], []
            for _ in range(max(1, args.runs)):
                t0, c0 = time.perf_counter(), time.process_time()
                canvas.draw()
                walls.append(time.perf_counter() - t0)
                cpus.append(time.process_time() - c0)
            path = save_figure(fig, args.out / f"{name}_{lang}.png", dpi=args.dpi)
            w, h = fig.get_size_inches()
            print(f"{name:<22}{lang:<5}{f'{w:.1f}×{h:.1f}':>11}{build * 1000:>6.0f}ms"
                  f"{statistics.median(walls) * 1000:>6.0f}ms{statistics.median(cpus) * 1000:>8.0f}ms  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
