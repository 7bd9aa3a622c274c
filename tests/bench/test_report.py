"""The bench's report: each figure beside its reference, as a ratio, against issue 16's goal."""

import json

from bench.report import report_markdown, report_rows, report_write


def _load(rps: float, p95: float = 40.0) -> dict:
    return {
        "tool": "wrk",
        "requests": 100,
        "seconds": 5,
        "rps": rps,
        "p50_ms": 20.0,
        "p95_ms": p95,
        "errors": 0,
    }


def _page(rps: float, floor: float, *, single_ms: float = 30.0) -> dict:
    return {
        "path": "/",
        "status": 200,
        "bytes": 5000,
        "single_ms": single_ms,
        "site": _load(rps),
        "floor": _load(floor),
        "nginx": "absent",
    }


RESULT = {
    "date": "2026-12-07T12:00:00+00:00",
    "machine": {"cpus": 2, "load_average_before": [1, 1, 1], "load_tool": "wrk"},
    "sizes": {
        "1000": {
            "items": 1000,
            "vendor": "postgresql",
            "pages": {
                "home": _page(50, 20),
                "archive_item": _page(10, 20),
                "oral_history": _page(40, 20, single_ms=80),
                "event": _page(30, 20),
            },
            "queries": {"home": {"status": 200, "bytes": 5000, "queries_cold": 12, "queries": 7}},
            "signups": {
                "vendor": "postgresql",
                "people": 50,
                "capacity": 10,
                "places_left": 3,
                "holding": 10,
                "exact": True,
                "errors": [],
                "p50_ms": 90.0,
                "p95_ms": 150.0,
                "confirm": {"p50_ms": 120.0, "p95_ms": 250.0},
            },
            "rebuild": {"skipped": "bench/rebuild.py absent"},
        }
    },
    "uploads": {
        "photo": {
            "seconds": 2.0,
            "children_peak_mb": 200,
            "python_peak_mb": 10,
            "outcome": "accepté",
            "accepted": True,
        },
        "bomb": {
            "seconds": 0.1,
            "children_peak_mb": 50,
            "python_peak_mb": 0,
            "outcome": "accepté",
            "accepted": True,
        },
    },
}


def _row(figure_start: str):
    return next(row for row in report_rows(RESULT) if row.figure.startswith(figure_start))


def test_report_rows_give_each_page_its_ratio_to_the_floor_and_goal():
    home = _row("accueil (1000) : req/s")
    item = _row("élément d'archive (1000) : req/s")
    event = _row("événement (1000) : req/s")

    assert (home.ratio, home.met) == (2.5, True)
    assert (item.ratio, item.met) == (0.5, False)
    assert home.goal == "≥ 2× le plancher"
    assert (event.goal, event.met) == ("—", None)  # issue 16 sets no goal for an event


def test_report_rows_hold_pages_to_bakerydemo_when_it_was_served_beside_them():
    served = {
        **RESULT,
        "machine": {**RESULT["machine"], "bakerydemo": "present"},
        "sizes": {
            "1000": {
                "pages": {
                    "home": {**_page(90, 300), "bakerydemo": {**_load(40), "path": "/"}},
                    "archive_item": {
                        **_page(70, 300),
                        "bakerydemo": {**_load(70, p95=120), "path": "/blog/a/"},
                    },
                }
            }
        },
    }
    rows = {row.figure: row for row in report_rows(served)}

    home = rows["accueil (1000) : face à bakerydemo"]
    item = rows["élément d'archive (1000) : face à bakerydemo"]
    assert (home.ratio, home.goal, home.met) == (2.25, "≥ 2× bakerydemo", True)
    assert (item.ratio, item.met) == (1.0, False)
    assert item.reference == "bakerydemo, un article de son blog (/blog/a/) 70.0 req/s, p95 120 ms"
    # The floor is still shown, no longer the goal's reference.
    assert (rows["accueil (1000) : req/s"].goal, rows["accueil (1000) : req/s"].met) == ("—", None)
    assert "les objectifs des pages se lisent face à lui" in report_markdown(served)
    assert "face au plancher" in report_markdown(RESULT)


def test_report_rows_hold_the_engine_and_the_database_fallback_each_to_its_own_limit():
    def timed(p50: float, p95: float) -> dict:
        return {"p50_ms": p50, "p95_ms": p95}

    searched = {
        **RESULT,
        "sizes": {
            "1000": {
                "search_engine": {
                    "mode": "engine",
                    "application": timed(6.0, 9.0),
                    "reference": {**timed(3.0, 6.0), "what": "took du moteur"},
                    "database": {
                        "mode": "database",
                        "vendor": "postgresql",
                        "application": timed(30.0, 50.0),
                        "reference": {**timed(20.0, 20.0), "what": "requête plein texte brute"},
                    },
                }
            }
        },
    }
    rows = {row.figure: row for row in report_rows(searched)}

    took = rows["recherche (1000) : application / took du moteur (p50)"]
    assert (took.ratio, took.goal, took.met) == (2.0, "≤ 1.5×", False)
    fallback = "recherche (1000, repli sur la base (postgresql)) : application / requête plein"
    p50, p95 = rows[f"{fallback} texte brute (p50)"], rows[f"{fallback} texte brute (p95)"]
    assert (p50.ratio, p50.goal, p50.met) == (1.5, "≤ 2×", True)
    assert (p95.ratio, p95.met) == (2.5, False)


def test_report_says_when_a_sizes_search_was_measured_without_its_engine():
    failed = {**RESULT, "sizes": {"100000": {"engine": "injoignable", "pages": {}}}}

    [row] = [row for row in report_rows(failed) if row.figure.startswith("recherche")]

    assert row.figure == "recherche (100000) : moteur de recherche"
    assert (row.measured, row.met) == (
        "injoignable à la reconstruction : recherche mesurée sur la base",
        False,
    )


def test_report_rows_hold_single_request_signups_and_uploads_to_their_goals():
    assert _row("témoignage oral (1000) : une requête seule").met is False
    assert _row("inscriptions (1000) : 50 à la fois").met is True
    assert _row("inscriptions (1000) : latence, inscription").met is True  # p95 150 ms
    # Following the e-mail's link is a request of its own, held to the same goal.
    assert _row("inscriptions (1000) : latence, confirmation").met is False  # 250 ms ≥ 200 ms
    assert _row("envoi d'une photo").met is True
    assert _row("envoi d'une bombe").met is False  # a bomb accepted is a failure


def test_report_markdown_shows_the_table_with_met_and_not_met():
    table = report_markdown(RESULT)

    assert "| mesure | obtenu | référence | ratio | objectif (issue 16) | atteint |" in table
    assert (
        "| accueil (1000) : req/s | 50.0 req/s, p50 20 ms, p95 40 ms | plancher Wagtail "
        "20.0 req/s | 2.5× | ≥ 2× le plancher | oui |" in table
    )
    assert "| 0.5× | ≥ 2× le plancher | **non** |" in table
    assert "| accueil | 200 | 5000 | 12 | 7 |" in table
    assert "bench/rebuild.py absent" in table


def test_report_write_keeps_the_run_the_table_and_the_plot(tmp_path):
    paths = report_write(RESULT, folder=tmp_path)

    assert [path.name for path in paths] == ["2026-12-07-1000.json", "latest.md", "latency.png"]
    assert json.loads(paths[0].read_text())["sizes"]["1000"]["items"] == 1000
    assert paths[2].read_bytes().startswith(b"\x89PNG")


def test_report_row_shows_a_page_that_never_answered_in_time_as_zero():
    slow = {**RESULT, "sizes": {"10": {"pages": {"oral_history": _page(0, 30)}}}}

    row = next(row for row in report_rows(slow) if row.figure.endswith("req/s"))

    assert row.cells()[3:] == ["0×", "≥ 1.5× le plancher", "**non**"]


def test_report_rows_give_the_rebuild_its_ratio_to_the_raw_bulk_at_each_size():
    measured = {
        "documents": 15_000,
        "rebuild": {"seconds": 10.0, "documents_per_second": 1_500.0, "total_seconds": 12.0},
        "raw_bulk": {"seconds": 5.0, "documents_per_second": 3_000.0},
        "ratio": 2.0,
    }
    result = {**RESULT, "rebuild": {"10000": measured, "1000": {**measured, "ratio": 1.2}}}

    rows = {row.figure: row for row in report_rows(result)}

    slow = rows["reconstruction (10000) : index du moteur en service"]
    assert (slow.measured, slow.reference) == (
        "1500 doc/s (15000 documents)",
        "_bulk brut 3000 doc/s",
    )
    assert (slow.ratio, slow.met) == (2.0, False)
    assert rows["reconstruction (1000) : index du moteur en service"].met is True
    # The database's index, committed after the switch: shown beside, not judged.
    database = rows["reconstruction (10000) : index de la base validé aussi"]
    assert (database.measured, database.reference) == ("12.0 s", "_bulk brut 5.0 s")
    assert (database.ratio, database.met) == (2.4, None)


def _through_front_cache(rps: float, *, hit: bool) -> dict:
    return {**_load(rps, p95=1.0), "hit": hit, "cache_status": "HIT" if hit else "MISS"}


def test_report_rows_hold_each_page_through_the_front_cache_to_half_nginx_and_a_hit():
    pages = {
        "home": {
            **_page(50, 20),
            "nginx": _load(20_000),
            "front_cache": _through_front_cache(12_000, hit=True),
        },
        "event": {
            **_page(30, 20),
            "nginx": _load(20_000),
            "front_cache": _through_front_cache(30, hit=False),
        },
        "programme": {**_page(30, 20), "front_cache": "absent"},
    }
    result = {**RESULT, "sizes": {"1000": {"pages": pages}}}

    rows = {row.figure: row for row in report_rows(result)}

    home = rows["accueil (1000) : cache frontal"]
    assert (home.ratio, home.met) == (0.6, True)
    assert "HIT vu : oui" in home.measured
    event = rows["événement (1000) : cache frontal"]
    assert event.met is False and "HIT vu : non (MISS)" in event.measured
    assert "programme d'une édition (1000) : cache frontal" not in rows


def test_the_front_cache_is_compared_with_the_same_nginx_serving_the_file_over_tls():
    # The plain-HTTP file server is faster than any TLS answer: with the same nginx serving the
    # page's file over the same TLS measured, that is the reference.
    cached = {**_through_front_cache(6_000, hit=True), "file": _load(8_000)}
    pages = {"home": {**_page(50, 20), "nginx": _load(20_000), "front_cache": cached}}
    result = {**RESULT, "sizes": {"1000": {"pages": pages}}}

    home = {row.figure: row for row in report_rows(result)}["accueil (1000) : cache frontal"]

    assert (home.ratio, home.met) == (0.75, True)
    assert home.reference == "le même nginx, fichier en HTTPS 8000 req/s"
