"""The results page is rebuilt from the result files only, with each figure's command and dataset."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dossier.cli import cli
from dossier.evaluate.base import EvalResult, write_result
from dossier.evaluate.results import load_results, render_page, write_page


def _results(directory: Path) -> list[EvalResult]:
    made = [
        EvalResult(
            name="extraction",
            title="Main text",
            dataset="scrapinghub, 181 pages",
            command="dossier eval extraction ../shared/data/scrapinghub",
            columns=["system", "F1"],
            rows=[{"system": "dossier", "F1": 0.9641}, {"system": "trafilatura", "F1": 0.9598}],
            reference="trafilatura 2.0 0.958",
            notes="a | pipe in notes",
        ),
        EvalResult(
            name="throughput",
            title="Throughput",
            dataset="100 inputs | mixed",
            command="dossier bench throughput ../shared/data",
            columns=["system", "reports/s (median)"],
            rows=[{"system": "dossier", "reports/s (median)": 1234.5}],
        ),
    ]
    for result in made:
        write_result(result, directory)
    return made


def test_page_holds_every_figure_with_its_command_and_dataset(tmp_path: Path) -> None:
    directory = tmp_path / "results"
    made = _results(directory)
    page = write_page(directory).read_text("utf-8")
    assert page.startswith("# Results") and "do not edit by hand" in page
    for result in made:
        assert f"- Command: `{result.command}`" in page and f"- Dataset: {result.dataset}" in page
        assert f"## {result.name}: {result.title}" in page
    assert "| dossier | 0.964 |" in page and "| trafilatura | 0.960 |" in page
    assert "| dossier | 1,234.5 |" in page
    assert "100 inputs \\| mixed" in page  # a pipe in the index table is escaped
    # sections come in name order, whatever order the files were written in
    assert page.index("## extraction") < page.index("## throughput")


def test_page_is_a_function_of_the_files_only(tmp_path: Path) -> None:
    directory = tmp_path / "results"
    _results(directory)
    first = write_page(directory).read_text("utf-8")
    assert render_page(load_results(directory)) == first
    data = json.loads((directory / "throughput.json").read_text("utf-8"))
    data["rows"][0]["reports/s (median)"] = 99.25
    (directory / "throughput.json").write_text(json.dumps(data), "utf-8")
    second = write_page(directory).read_text("utf-8")
    assert "| dossier | 99.250 |" in second and "1,234.5" not in second


def test_results_command_rebuilds_the_page(tmp_path: Path) -> None:
    directory = tmp_path / "results"
    _results(directory)
    outcome = CliRunner().invoke(cli, ["results", "--dir", str(directory)])
    assert outcome.exit_code == 0, outcome.output
    assert (tmp_path / "results.md").read_text("utf-8") == render_page(load_results(directory))
