"""The ``dossier`` command line through its real entry point (the installed console script)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT

SCRIPT = Path(sys.executable).with_name("dossier")


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``dossier ARGS`` as a user would, with no terminal (so no progress bar)."""
    env = {**os.environ, "DOSSIER_DB": str((cwd or ROOT) / "cli-test.db")}
    return subprocess.run(
        [str(SCRIPT), *args], input=stdin.decode() if stdin else None, capture_output=True, text=True,
        cwd=cwd, env=env, timeout=300, check=False,
    )


@pytest.fixture(scope="module")
def example_json() -> dict:  # type: ignore[type-arg]
    done = run("analyse", str(EXAMPLE), "--format", "json", "--today", "2026-11-24")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_console_script_is_installed() -> None:
    assert SCRIPT.exists(), f"no console script at {SCRIPT}: run scripts/install.sh"


def test_analyse_json_follows_the_contract(example_json: dict) -> None:  # type: ignore[type-arg]
    assert example_json["schema"] == "dossier.report/1"
    for key in ("report", "entities", "timexes", "attributions", "claims", "events", "deadlines", "failures"):
        assert key in example_json
    report = example_json["report"]
    assert report["title"] == "Maduro’s exit deadline expires as U.S. tightens pressure on Venezuela"
    assert len(report["key_points"]) == 5
    assert [(s["name"], s["kind"]) for s in report["cited_sources"]] == [
        ("ZeroHedge.com", "blog"),  # the issue: "blog/aggregator"
        ("Reuters.com", "wire"),
        ("BrightU.ai", "ai_engine"),
        ("Brighteon.com", "video_platform"),
    ]
    assert report["published"] == {
        "value": "2025-11-28",
        "source": "inferred",
        "detail": report["published"]["detail"],
    }
    assert "Friday, Nov. 28" in report["published"]["detail"]
    assert report["language"] == "en"


def test_analyse_markdown_prints_the_dossier() -> None:
    done = run("analyse", str(EXAMPLE), "--today", "2026-11-24")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("# Maduro’s exit deadline expires")
    assert "## Key points" in out and "## Cited sources" in out
    assert "Reuters.com — wire" in out and "Brighteon.com — video platform" in out


def test_published_override_and_stdin() -> None:
    done = run("analyse", "-", "--format", "json", "--published", "2025-11-30",
               stdin="Trump gave Maduro until Friday, Nov. 28, to leave.".encode())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["report"]["published"]["value"] == "2025-11-30"
    assert json.loads(done.stdout)["report"]["published"]["source"] == "user"


def test_ingest_list_show_and_idempotence(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "example.txt").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "in" / "junk.bin").write_bytes(bytes(range(256)) * 8)
    first = run("ingest", "in", "--format", "json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert (summary["added"], summary["skipped"], summary["failed"]) == (1, 0, 1)
    assert summary["failures"][0]["reason"] == "binary"
    second = json.loads(run("ingest", "in", "--format", "json", cwd=tmp_path).stdout)
    assert (second["added"], second["skipped"]) == (0, 1)
    listed = json.loads(run("reports", "--search", "airspace", "--format", "json", cwd=tmp_path).stdout)
    assert [r["id"] for r in listed] == summary["report_ids"]
    shown = run("show", summary["report_ids"][0][:8], "--format", "json", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["report"]["id"] == summary["report_ids"][0]


def test_errors_are_one_line_naming_the_input_and_the_fix(tmp_path: Path) -> None:
    missing = run("analyse", str(tmp_path / "nope.txt"))
    assert missing.returncode != 0
    assert "nope.txt" in missing.stderr and "Traceback" not in missing.stderr
    unknown = run("show", "r000000000000", cwd=tmp_path)
    assert unknown.returncode != 0 and "Traceback" not in unknown.stderr
    bad_db = run("reports", "--db", "mysql://x@y/z", cwd=tmp_path)
    assert bad_db.returncode != 0 and "postgresql://" in bad_db.stderr and "Traceback" not in bad_db.stderr
