"""The bench's results as people read them: every figure beside its reference, as a ratio,
with the goal issue 16 sets and whether it is met; a JSON file per run and a plot of latency
against dataset size over the runs kept in ``bench/results/``."""

import argparse
import json
import math
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

PAGE_LABELS = {
    "home": "accueil",
    "archive_item": "élément d'archive",
    "oral_history": "témoignage oral",
    "archive_index": "index de l'archive",
    "programme": "programme d'une édition",
    "event": "événement",
    "search": "page de recherche",
}
# Issue 16: req/s of each page as a multiple of its bakerydemo counterpart's, when the bench
# served bakerydemo (``--bakerydemo``); of the framework's floor otherwise, a lighter page.
PAGE_GOALS = {
    "home": 2.0,
    "archive_item": 2.0,
    "oral_history": 1.5,
    "archive_index": 2.0,
    "search": 2.0,
}
# The bakerydemo page issue 16 compared each of ours with (``bench.run.BAKERYDEMO_PAGES``).
BAKERYDEMO_LABELS = {
    "home": "son accueil",
    "archive_item": "un article de son blog",
    "oral_history": "un article de son blog",
    "archive_index": "l'index de ses pains",
    "search": "sa page de recherche",
}
ORAL_SINGLE_MS = 50
SEARCH_P95_MS = 100
ENGINE_RATIO = 1.5
FALLBACK_RATIO = 2.0
SIGNUP_P95_MS = 200
# Issue 16: the front cache answers a kept page at least half as fast as nginx serves a file.
FRONT_CACHE_RATIO = 0.5
REBUILD_RATIO = 1.5


@dataclass
class Row:
    figure: str
    measured: str
    reference: str
    ratio: float | None
    goal: str
    met: bool | None

    def cells(self) -> list[str]:
        if self.ratio is None or math.isnan(self.ratio):
            ratio = "—"
        elif self.ratio == 0:  # nothing answered within the measure (a page slower than it)
            ratio = "0×"
        elif self.ratio < 0.01:  # beside nginx: « 1/2000× » reads better than 5e-04×
            ratio = f"1/{1 / self.ratio:.0f}×"
        else:
            ratio = f"{self.ratio:.3g}×"
        met = {True: "oui", False: "**non**", None: "—"}[self.met]
        return [self.figure, self.measured, self.reference, ratio, self.goal, met]


def _ratio(ours: float, reference: float) -> float:
    return ours / reference if reference else math.nan


def _page_rows(size: str, pages: dict) -> list[Row]:
    rows = []
    for name, page in pages.items():
        label = PAGE_LABELS.get(name, name)
        site, floor = page["site"], page["floor"]
        ratio = _ratio(site["rps"], floor["rps"])
        goal = PAGE_GOALS.get(name)
        counterpart = page.get("bakerydemo")
        against_floor = goal and not isinstance(counterpart, dict)
        rows.append(
            Row(
                figure=f"{label} ({size}) : req/s",
                measured=f"{site['rps']:.1f} req/s, p50 {site['p50_ms']:.0f} ms, "
                f"p95 {site['p95_ms']:.0f} ms",
                reference=f"plancher Wagtail {floor['rps']:.1f} req/s",
                ratio=ratio,
                goal=f"≥ {goal:g}× le plancher" if against_floor else "—",
                met=ratio >= goal if against_floor else None,
            )
        )
        if isinstance(counterpart, dict):
            ratio = _ratio(site["rps"], counterpart["rps"])
            rows.append(
                Row(
                    figure=f"{label} ({size}) : face à bakerydemo",
                    measured=f"{site['rps']:.1f} req/s",
                    reference=f"bakerydemo, {BAKERYDEMO_LABELS.get(name, name)} "
                    f"({counterpart['path']}) {counterpart['rps']:.1f} req/s, "
                    f"p95 {counterpart['p95_ms']:.0f} ms",
                    ratio=ratio,
                    goal=f"≥ {goal:g}× bakerydemo" if goal else "—",
                    met=ratio >= goal if goal else None,
                )
            )
        if isinstance(page["nginx"], dict):
            rows.append(
                Row(
                    figure=f"{label} ({size}) : face à nginx (fichier)",
                    measured=f"{site['rps']:.1f} req/s",
                    reference=f"nginx {page['nginx']['rps']:.0f} req/s",
                    ratio=_ratio(site["rps"], page["nginx"]["rps"]),
                    goal="—",
                    met=None,
                )
            )
        rows += _front_cache_rows(size, label, page)
        if name == "oral_history":
            rows.append(
                Row(
                    figure=f"{label} ({size}) : une requête seule",
                    measured=f"{page['single_ms']:.0f} ms",
                    reference=f"{ORAL_SINGLE_MS} ms",
                    ratio=_ratio(page["single_ms"], ORAL_SINGLE_MS),
                    goal=f"< {ORAL_SINGLE_MS} ms",
                    met=page["single_ms"] < ORAL_SINGLE_MS,
                )
            )
    return rows


def _front_cache_rows(size: str, label: str, page: dict) -> list[Row]:
    cached = page.get("front_cache")
    if not isinstance(cached, dict):
        return []
    # The same nginx serving the same HTML as a file over the same TLS (runs before it had
    # only the plain-HTTP file server: compared with it then).
    if "file" in cached:
        files, reference = cached["file"]["rps"], "le même nginx, fichier en HTTPS"
    else:
        files = page["nginx"]["rps"] if isinstance(page["nginx"], dict) else math.nan
        reference = "nginx (fichier, HTTP)"
    ratio = _ratio(cached["rps"], files)
    hit = "oui" if cached["hit"] else f"non ({cached['cache_status'] or 'aucun'})"
    return [
        Row(
            figure=f"{label} ({size}) : cache frontal",
            measured=f"{cached['rps']:.0f} req/s, p95 {cached['p95_ms']:.1f} ms, HIT vu : {hit}",
            reference=f"{reference} {files:.0f} req/s",
            ratio=ratio,
            goal=f"HIT, ≥ {FRONT_CACHE_RATIO:g}× nginx servant le fichier",
            met=cached["hit"] and ratio >= FRONT_CACHE_RATIO,
        )
    ]


def _search_rows(size: str, measured: dict) -> list[Row]:
    rows = []
    if measured.get("engine") == "injoignable":
        # The size's rebuild failed: its search figures are the database's, not the engine's.
        rows.append(
            Row(
                figure=f"recherche ({size}) : moteur de recherche",
                measured="injoignable à la reconstruction : recherche mesurée sur la base",
                reference="—",
                ratio=None,
                goal="le moteur en service",
                met=False,
            )
        )
    http = measured.get("search_http") or {}
    if "api" in http:
        api = http["api"]
        rows.append(
            Row(
                figure=f"/api/search/ ({size}) : {api['queries']} requêtes, facettes, extraits",
                measured=f"p50 {api['p50_ms']:.0f} ms, p95 {api['p95_ms']:.0f} ms",
                reference=f"{SEARCH_P95_MS} ms",
                ratio=_ratio(api["p95_ms"], SEARCH_P95_MS),
                goal=f"p95 < {SEARCH_P95_MS} ms",
                met=api["p95_ms"] < SEARCH_P95_MS,
            )
        )
        page = http["page"]
        rows.append(
            Row(
                figure=f"page de recherche ({size}) : mêmes requêtes",
                measured=f"p50 {page['p50_ms']:.0f} ms, p95 {page['p95_ms']:.0f} ms",
                reference=f"API p95 {api['p95_ms']:.0f} ms",
                ratio=_ratio(page["p95_ms"], api["p95_ms"]),
                goal="—",
                met=None,
            )
        )
    engine = measured.get("search_engine")
    if engine:
        rows += _search_ratio_rows(size, engine)
        # Beside the engine, the database's fallback on the same queries (runs since it).
        if engine.get("database"):
            rows += _search_ratio_rows(size, engine["database"])
    return rows


def _search_ratio_rows(size: str, measured: dict) -> list[Row]:
    """Our answer beside what it is built on: the engine's ``took``, or the raw full-text
    query for the database's fallback."""
    ours, reference = measured["application"], measured["reference"]
    engine = measured["mode"] == "engine"
    limit = ENGINE_RATIO if engine else FALLBACK_RATIO
    where = "" if engine else f", repli sur la base ({measured.get('vendor', '?')})"
    rows = []
    for rank in ("p50", "p95"):
        ratio = _ratio(ours[f"{rank}_ms"], reference[f"{rank}_ms"])
        rows.append(
            Row(
                figure=f"recherche ({size}{where}) : application / {reference['what']} ({rank})",
                measured=f"{ours[f'{rank}_ms']:.1f} ms",
                reference=f"{reference[f'{rank}_ms']:.1f} ms",
                ratio=ratio,
                goal=f"≤ {limit:g}×",
                met=ratio <= limit,
            )
        )
    return rows


def _signup_rows(size: str, signups: dict) -> list[Row]:
    if not signups:
        return []
    workers = f", {signups['workers']} processus" if signups.get("workers") else ""
    rows = []
    if signups.get("mails_queued") is not None:
        # As in production, the mails are rows for the task worker, not sent in the request.
        rows.append(
            Row(
                figure=f"inscriptions ({size}) : courriels de confirmation mis en file",
                measured=f"{signups['mails_queued']} tâches en attente du worker",
                reference=f"{signups['people']} personnes",
                ratio=_ratio(signups["mails_queued"], signups["people"]),
                goal="un par personne, aucun envoyé pendant la requête",
                met=signups["mails_queued"] == signups["people"],
            )
        )
    return [
        Row(
            figure=f"inscriptions ({size}) : {signups['people']} à la fois pour "
            f"{signups['places_left']} dernières places",
            measured=f"{signups['holding']} places tenues sur {signups['capacity']}",
            reference=f"capacité {signups['capacity']}",
            ratio=_ratio(signups["holding"], signups["capacity"]),
            goal="exactement la capacité",
            met=signups["exact"] and not signups["errors"],
        ),
        *_signup_latency_rows(size, signups, workers),
        *rows,
    ]


def _signup_latency_rows(size: str, signups: dict, workers: str) -> list[Row]:
    """The sign-up form's answers and, when measured, the confirmation links' (a run before
    the two were timed apart timed both in one)."""
    waves = [("inscription", signups)]
    if signups.get("confirm"):
        waves.append(("confirmation par le lien du courriel", signups["confirm"]))
    return [
        Row(
            figure=f"inscriptions ({size}) : latence, {request} ({signups['vendor']}{workers})",
            measured=f"p50 {wave['p50_ms']:.0f} ms, p95 {wave['p95_ms']:.0f} ms",
            reference=f"{SIGNUP_P95_MS} ms",
            ratio=_ratio(wave["p95_ms"], SIGNUP_P95_MS),
            goal=f"p95 < {SIGNUP_P95_MS} ms",
            met=wave["p95_ms"] < SIGNUP_P95_MS,
        )
        for request, wave in waves
    ]


def _rebuild_rows(size: str, rebuild: dict) -> list[Row]:
    if not rebuild:
        return []
    if "skipped" in rebuild:
        return [Row(f"reconstruction ({size})", rebuild["skipped"], "—", None, "—", None)]
    # As ``bench/rebuild.py`` writes it: the best bulk size's run, and the ratio of the times.
    ours = (rebuild.get("rebuild") or {}).get("documents_per_second")
    raw = (rebuild.get("raw_bulk") or {}).get("documents_per_second")
    if ours is None or raw is None:
        return [Row(f"reconstruction ({size})", json.dumps(rebuild)[:120], "—", None, "—", None)]
    slower = rebuild.get("ratio", _ratio(raw, ours))
    rows = [
        Row(
            figure=f"reconstruction ({size}) : index du moteur en service",
            measured=f"{ours:.0f} doc/s ({rebuild.get('documents', '?')} documents)",
            reference=f"_bulk brut {raw:.0f} doc/s",
            ratio=slower,
            goal=f"≤ {REBUILD_RATIO:g}× le temps du _bulk brut",
            met=slower <= REBUILD_RATIO,
        )
    ]
    # The database's index, filled at the same time, may be committed a little after.
    total = rebuild["rebuild"].get("total_seconds")
    raw_seconds = rebuild["raw_bulk"].get("seconds")
    if total and raw_seconds:
        rows.append(
            Row(
                figure=f"reconstruction ({size}) : index de la base validé aussi",
                measured=f"{total:.1f} s",
                reference=f"_bulk brut {raw_seconds:.1f} s",
                ratio=total / raw_seconds,
                goal="— (index de repli)",
                met=None,
            )
        )
    return rows


def _upload_rows(uploads: dict) -> list[Row]:
    rows = []
    for key, label, expected in (
        ("photo", "envoi d'une photo de 24 mégapixels", True),
        ("bomb", "envoi d'une bombe de décompression", False),
    ):
        upload = uploads.get(key)
        if not upload:
            continue
        rows.append(
            Row(
                figure=label,
                measured=f"{upload['seconds']:.2f} s, pic {upload['children_peak_mb']:.0f} Mo "
                f"(décodage), {upload['python_peak_mb']:.0f} Mo (Python)",
                reference=upload["outcome"],
                ratio=None,
                goal="acceptée" if expected else "refusée",
                met=upload["accepted"] == expected,
            )
        )
    return rows


def report_rows(result: dict) -> list[Row]:
    rows = []
    for size, measured in result.get("sizes", {}).items():
        rows += _page_rows(size, measured.get("pages", {}))
        rows += _search_rows(size, measured)
        rows += _signup_rows(size, measured.get("signups"))
        rows += _rebuild_rows(size, measured.get("rebuild"))
    for size, rebuild in result.get("rebuild", {}).items():
        rows += _rebuild_rows(size, rebuild)
    rows += _upload_rows(result.get("uploads", {}))
    return rows


def _table(header: list[str], lines: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cells) + " |" for cells in lines]
    return "\n".join(out)


def report_markdown(result: dict) -> str:
    machine = result.get("machine", {})
    load = ", ".join(f"{value:.1f}" for value in machine.get("load_average_before", []))
    nginx = {"present": "présent", "absent": "absent"}.get(machine.get("nginx"), "?")
    parts = [
        f"# Banc d'essai du {result.get('date', '?')}",
        "",
        f"{machine.get('cpus', '?')} cœurs, charge moyenne ({load}) au départ, outil de "
        f"charge : {machine.get('load_tool', '?')}, nginx : {nginx}. Les chiffres absolus "
        "varient avec la charge de la machine ; chaque mesure est prise à côté de sa "
        "référence, dans la même passe.",
        "",
        "Le plancher est la page d'accueil du site que génère « wagtail start » (ce que coûte "
        "toute page Wagtail). "
        + (
            "bakerydemo, la référence de l'issue 16 (sur le Django et le Wagtail du site, "
            "SQLite, ses données de démonstration), est servi de la même façon : les "
            "objectifs des pages se lisent face à lui, le plancher est indiqué."
            if machine.get("bakerydemo") == "present"
            else "bakerydemo, la référence de l'issue 16, n'était pas servi (make bench "
            "BAKERYDEMO=<clone>) : les objectifs des pages se lisent face au plancher, une "
            "référence plus légère, donc plus exigeante."
        )
        + f" Sous charge : {machine.get('load_tool', '?')}, 8 connexions, gunicorn à 2 "
        "workers synchrones, DEBUG désactivé.",
        "",
        _table(
            ["mesure", "obtenu", "référence", "ratio", "objectif (issue 16)", "atteint"],
            [row.cells() for row in report_rows(result)],
        ),
    ]
    for size, measured in result.get("sizes", {}).items():
        queries = measured.get("queries") or {}
        if queries:
            parts += [
                "",
                f"## Requêtes SQL par page ({size} éléments, {measured.get('vendor', '?')})",
                "",
                _table(
                    ["page", "statut", "octets", "requêtes (à froid)", "requêtes (à chaud)"],
                    [
                        [
                            PAGE_LABELS.get(name, name),
                            str(page["status"]),
                            str(page["bytes"]),
                            str(page["queries_cold"]),
                            str(page["queries"]),
                        ]
                        for name, page in queries.items()
                    ],
                ),
            ]
    return "\n".join(parts) + "\n"


def _runs(folder: Path) -> list[dict]:
    runs = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text())
        except ValueError:
            continue
        if isinstance(data, dict) and "sizes" in data:
            runs.append(data)
    return runs


def report_plot(folder: Path, path: Path) -> Path:
    """p95 of each page (and of the search API) against the number of items, latest run per
    size."""
    latest: dict[int, dict] = {}
    for run in sorted(_runs(folder), key=lambda run: run.get("date", "")):
        for size, measured in run["sizes"].items():
            latest[int(size)] = measured
    figure, axes = plt.subplots(figsize=(8, 5))
    sizes = sorted(latest)
    names = [name for name in PAGE_LABELS if any(name in latest[s].get("pages", {}) for s in sizes)]
    for name in names:
        points = [
            (s, latest[s]["pages"][name]["site"]["p95_ms"])
            for s in sizes
            if name in latest[s].get("pages", {})
        ]
        axes.plot(*zip(*points, strict=True), marker="o", label=PAGE_LABELS[name])
    api = [
        (s, latest[s]["search_http"]["api"]["p95_ms"])
        for s in sizes
        if "api" in latest[s].get("search_http", {})
    ]
    if api:
        axes.plot(
            *zip(*api, strict=True),
            marker="s",
            linestyle="--",
            label="/api/search/ (une requête à la fois)",
        )
    axes.set_xscale("log")
    axes.set_xlabel("éléments d'archive")
    axes.set_ylabel("latence p95 sous charge (ms)")
    axes.set_title("Latence selon la taille du jeu de données")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def report_write(result: dict, *, folder: Path) -> list[Path]:
    """The run's JSON, ``latest.md`` and ``latency.png`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    day = result.get("date", "")[:10]
    sizes = "+".join(result.get("sizes", {})) or "0"
    data = folder / f"{day}-{sizes}.json"
    data.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    table = folder / "latest.md"
    table.write_text(report_markdown(result))
    return [data, table, report_plot(folder, folder / "latency.png")]


def main(argv: list[str] | None = None) -> list[Path]:
    """Write the table and the plot again from a run's JSON (no new measure)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("result", type=Path)
    args = parser.parse_args(argv)
    return report_write(json.loads(args.result.read_text()), folder=args.result.parent)


if __name__ == "__main__":
    main()
