"""`dossier stories`, `dossier story ID --format md|json|html` and `dossier move` through the real entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "story" / "reports.jsonl"
EXAMPLE = ROOT / "examples" / "maduro_exit_deadline.txt"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "DOSSIER_DB": str(cwd / "story.db")}
    return subprocess.run([sys.executable, "-m", "dossier", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300, check=False)


def test_story_commands(tmp_path: Path) -> None:
    done = run("ingest", str(FIXTURES), str(EXAMPLE), "--today", "2026-11-24", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    stories = json.loads(run("stories", "--format", "json", cwd=tmp_path).stdout)
    assert len(stories) == 1 and stories[0]["reports"] == 5
    story_id = stories[0]["id"]
    doc = json.loads(run("story", story_id[:8], "--format", "json", cwd=tmp_path).stdout)
    assert doc["schema"] == "dossier.story/1" and len(doc["reports"]) == 5
    assert any(r["copy_kind"] for r in doc["reports"])
    page = tmp_path / "story.html"
    assert run("story", story_id, "--format", "html", "-o", str(page), cwd=tmp_path).returncode == 0
    assert "<mark id=" in page.read_text("utf-8")
    moved = run("move", doc["reports"][-1]["id"][:10], cwd=tmp_path)
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.strip().split(" → ")[1] != story_id
    missing = run("story", "s000000000", cwd=tmp_path)
    assert missing.returncode != 0 and "dossier stories" in missing.stderr and "Traceback" not in missing.stderr
