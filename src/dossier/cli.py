"""The ``dossier`` command line: a thin client of :class:`dossier.Dossier`.

Each command builds the facade, calls one method and prints.  Errors are one
line on stderr naming the input and the fix, with a non-zero exit code.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import click

from dossier.config import Config
from dossier.errors import DossierError

__all__ = ["main", "cli"]

DEFAULT_DB = "dossier.db"


def _config(spacy_model: str | None = None, max_bytes: int | None = None, today: str | None = None) -> Config:
    return Config.from_env(spacy_model=spacy_model, max_bytes=max_bytes, today=today)


def _emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def db_option(func: Any) -> Any:
    return click.option(
        "--db",
        default=lambda: os.environ.get("DOSSIER_DB", DEFAULT_DB),
        show_default=DEFAULT_DB,
        help="SQLite file or postgresql://user:pass@host/db URL (env DOSSIER_DB).",
    )(func)


def format_option(*choices: str, default: str) -> Any:
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True, help="Output format."
    )


def model_options(func: Any) -> Any:
    func = click.option("--spacy-model", default=None, help="spaCy package to use (env DOSSIER_SPACY_MODEL; 'auto').")(func)
    func = click.option("--max-bytes", type=int, default=None, help="Largest input accepted, in bytes.")(func)
    func = click.option("--today", default=None, help="Treat this ISO date as today (year reasoning).", hidden=True)(func)
    return func


@contextmanager
def _progress(enabled: bool, label: str) -> Iterator[Any]:
    """A rich progress bar on stderr counting inputs; yields a callback for the facade."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    counts = {"added": 0, "skipped": 0, "failed": 0}
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=False,
    ) as progress:
        task = progress.add_task(label, total=None, status="")

        def callback(outcome: str, name: str) -> None:
            counts[outcome] = counts.get(outcome, 0) + 1
            status = f"added {counts['added']} · skipped {counts['skipped']} · failed {counts['failed']}"
            progress.update(task, advance=1, status=status)

        yield callback


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DossierError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dossier")
def cli() -> None:
    """Turn news reports into a sourced, checkable dossier of a developing story.

    \b
    Examples:
      dossier analyse examples/maduro_exit_deadline.txt
      dossier ingest reports/ feeds/world.xml crawl.warc.gz --db dossier.db
      dossier reports --search "Hegseth"
      dossier show r1d25fab8 --format json
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@format_option("md", "json", default="md")
@click.option("--published", default=None, help="Publication date (ISO) for every input; overrides metadata.")
@model_options
def analyse(inputs: tuple[str, ...], fmt: str, published: str | None, spacy_model: str | None, max_bytes: int | None, today: str | None) -> None:
    """Analyse reports and print their dossier, without storing anything.

    INPUTS are files, directories or - for standard input.

    \b
    Examples:
      dossier analyse examples/maduro_exit_deadline.txt
      dossier analyse article.html --format json > article.json
      cat report.txt | dossier analyse - --published 2025-11-30
    """
    from dossier.core import Dossier
    from dossier.render import analysis_to_markdown
    from dossier.serialize import analysis_to_json

    config = _config(spacy_model, max_bytes, today)
    analyses, failures = Dossier.analyse_paths(inputs, config, published=published)
    if fmt == "json":
        documents = [analysis_to_json(a) for a in analyses]
        if len(documents) == 1 and not failures:
            _emit_json(documents[0])
        else:
            _emit_json({"reports": documents, "failures": [vars_of(f) for f in failures]})
    else:
        click.echo("\n---\n\n".join(analysis_to_markdown(a) for a in analyses), nl=False)
    for failure in failures:
        click.echo(f"Error: {failure.detail}", err=True)
    if failures and not analyses:
        sys.exit(1)


def vars_of(obj: Any) -> dict[str, Any]:
    from dossier.serialize import to_data

    return to_data(obj)  # type: ignore[no-any-return]


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--published", default=None, help="Publication date (ISO) for every input; overrides metadata.")
@click.option("--no-analyse", is_flag=True, help="Store reports without analysing them (analyse later).")
@format_option("text", "json", default="text")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Worker processes (default: all cores; 1 = no pool).")
@click.option("--dask", default=None, metavar="ADDRESS", help="Run on dask.distributed: tcp://scheduler:8786, or local[:N].")
@model_options
def ingest(
    inputs: tuple[str, ...], db: str, published: str | None, no_analyse: bool, fmt: str, progress: bool | None,
    workers: int | None, dask: str | None, spacy_model: str | None, max_bytes: int | None, today: str | None,
) -> None:
    """Read, analyse and store reports from files, directories, feeds, WARCs or stdin.

    Ingesting the same input twice adds nothing (ids are content hashes).  A
    broken input is recorded as a failure and the batch goes on.

    \b
    Examples:
      dossier ingest examples/
      dossier ingest ../shared/data/scrapinghub/html --db pages.db
      dossier ingest crawl.warc.gz feed.xml --db postgresql://dossier@127.0.0.1/dossier
      curl -s https://example.org/feed | dossier ingest -
      dossier ingest crawl/ --workers 2
      dossier ingest crawl/*.warc.gz --dask tcp://scheduler:8786
    """
    from dossier.core import Dossier

    show = sys.stderr.isatty() if progress is None else progress
    with Dossier.open(db, _config(spacy_model, max_bytes, today)) as dossier, _progress(show, "ingest") as callback:
        summary = dossier.ingest(
            inputs, published=published, analyse=not no_analyse, progress=callback,
            workers=workers or os.cpu_count() or 1, dask=dask,
        )
    if fmt == "json":
        _emit_json(summary.as_dict())
    else:
        click.echo(f"{summary.added} reports added, {summary.skipped} already stored, {len(summary.failures)} failed ({summary.seconds:.1f} s) → {db}")
        for failure in summary.failures:
            click.echo(f"  failed: {failure.detail}", err=True)
    if summary.failures and not (summary.added or summary.skipped):
        sys.exit(1)


@cli.command()
@db_option
@click.option("--search", "-s", default=None, help="Full-text search over titles and texts.")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@format_option("table", "json", default="table")
def reports(db: str, search: str | None, limit: int, offset: int, fmt: str) -> None:
    """List stored reports, newest first, optionally matching a search.

    \b
    Examples:
      dossier reports
      dossier reports --search "airspace closed" --format json
    """
    from dossier.core import Dossier

    with Dossier.open(db, create=False) as dossier:
        rows = dossier.reports(search, limit=limit, offset=offset)
    if fmt == "json":
        _emit_json([vars_of(r) for r in rows])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "published", "outlet", "title", "lang")
    for r in rows:
        table.add_row(r.id, f"{r.published or '?'} ({r.published_source})", r.outlet or "", (r.title or r.source_name)[:70], r.language or "")
    Console().print(table)


@cli.command()
@click.argument("report_id")
@db_option
@format_option("md", "json", default="md")
def show(report_id: str, db: str, fmt: str) -> None:
    """Show a stored report's dossier (an id prefix of 6+ characters works).

    \b
    Examples:
      dossier show r1d25fab8
      dossier show r1d25fab8585d4bf0 --format json
    """
    from dossier.core import Dossier
    from dossier.render import analysis_to_markdown
    from dossier.serialize import analysis_to_json

    with Dossier.open(db, create=False) as dossier:
        analysis = dossier.show(report_id)
    if fmt == "json":
        _emit_json(analysis_to_json(analysis))
    else:
        click.echo(analysis_to_markdown(analysis), nl=False)


@cli.command()
@db_option
@click.option("--limit", default=100, show_default=True)
@format_option("table", "json", default="table")
def failures(db: str, limit: int, fmt: str) -> None:
    """List inputs and analysers that failed, with the reason.

    \b
    Example:
      dossier failures --format json
    """
    from dossier.core import Dossier

    with Dossier.open(db, create=False) as dossier:
        rows = dossier.failures(limit)
    if fmt == "json":
        _emit_json([vars_of(f) for f in rows])
        return
    for f in rows:
        click.echo(f"{f.reason:<18} {f.stage:<8} {f.detail}")


@cli.command()
@db_option
@format_option("text", "json", default="text")
def link(db: str, fmt: str) -> None:
    """Link stored reports that are in no story yet (ingest links new reports itself).

    \b
    Example:
      dossier link --db dossier.db
    """
    from dossier.core import Dossier

    with Dossier.open(db, create=False) as dossier:
        decisions = dossier.link()
    if fmt == "json":
        _emit_json([vars_of(d) for d in decisions])
        return
    for d in decisions:
        click.echo(f"{d.report_id} → {d.story_id}  {d.reason}")


@cli.command()
@db_option
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@format_option("table", "json", default="table")
def stories(db: str, limit: int, offset: int, fmt: str) -> None:
    """List stories (clusters of reports), most recently active first.

    \b
    Examples:
      dossier stories
      dossier stories --format json
    """
    from dossier.core import Dossier

    with Dossier.open(db, create=False) as dossier:
        rows = dossier.stories(limit=limit, offset=offset)
    if fmt == "json":
        _emit_json([vars_of(r) for r in rows])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "reports", "first", "last", "title")
    for r in rows:
        table.add_row(r.id, str(r.reports), (r.first_published or "?")[:10], (r.last_published or "?")[:10], r.title[:70])
    Console().print(table)


@cli.command()
@click.argument("story_id")
@db_option
@format_option("md", "json", "html", default="md")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to this file.")
def story(story_id: str, db: str, fmt: str, output: Path | None) -> None:
    """Show a story's dossier: reports and copies, actors, timeline, deadlines, claims, contradictions.

    \b
    Examples:
      dossier story s1a2b3c4
      dossier story s1a2b3c4 --format html -o story.html
      dossier story s1a2b3c4 --format json
    """
    from dossier.core import Dossier
    from dossier.link.story import story_to_json
    from dossier.render_story import story_to_html, story_to_markdown

    with Dossier.open(db, create=False) as dossier:
        dossier_story = dossier.story(story_id)
    doc = story_to_json(dossier_story)
    if fmt == "json":
        text = json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n"
    elif fmt == "html":
        text = story_to_html(doc, dossier_story.texts)
    else:
        text = story_to_markdown(doc)
    if output is not None:
        output.write_text(text, "utf-8")
        click.echo(f"written to {output}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command()
@click.argument("report_id")
@click.argument("story_id", required=False)
@db_option
def move(report_id: str, story_id: str | None, db: str) -> None:
    """Move a report to another story, or (without STORY_ID) to a story of its own.

    \b
    Examples:
      dossier move r1d25fab8 s1a2b3c4
      dossier move r1d25fab8
    """
    from dossier.core import Dossier

    with Dossier.open(db, create=False) as dossier:
        target = dossier.move_report(report_id, story_id)
    click.echo(f"{report_id} → {target}")


@cli.command()
@format_option("table", "json", default="table")
def analysers(fmt: str) -> None:
    """List the registered analysers with what they require and assign.

    \b
    Example:
      dossier analysers
    """
    from dossier.analyse.registry import ANALYSERS

    rows = [
        {"name": s.name, "assigns": s.assigns, "requires": list(s.requires), "english_only": s.english_only, "description": s.description}
        for s in ANALYSERS
    ]
    if fmt == "json":
        _emit_json(rows)
        return
    for r in rows:
        click.echo(f"{r['name']:<28} {r['assigns']:<13} requires {','.join(r['requires']) or '-':<36} {r['description']}")


@cli.command(name="eval")
@click.argument("name", required=False)
@click.argument("data", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--limit", type=int, default=None, help="Use only the first N documents (not written to the docs).")
@click.option("--no-write", is_flag=True, help="Print only; do not update docs/results.")
@format_option("table", "json", default="table")
def eval_command(name: str | None, data: Path | None, limit: int | None, no_write: bool, fmt: str) -> None:
    """Run an evaluation on a public dataset and print its figures.

    Without NAME, list the evaluations.  Results go to docs/results/NAME.json
    (unless --limit or --no-write), from which `dossier results` builds the page.

    \b
    Examples:
      dossier eval tempeval
      dossier eval polnear ../shared/data/polnear --limit 20
    """
    _run_measure(name, data, limit, no_write, fmt, benchmarks=False)


@cli.command()
@click.argument("name", required=False)
@click.argument("data", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--limit", type=int, default=None, help="Use only the first N documents.")
@click.option("--no-write", is_flag=True, help="Print only; do not update docs/results.")
@format_option("table", "json", default="table")
def bench(name: str | None, data: Path | None, limit: int | None, no_write: bool, fmt: str) -> None:
    """Run a benchmark and print its figures (medians over repeated runs).

    \b
    Examples:
      dossier bench
      dossier bench ingest
    """
    _run_measure(name, data, limit, no_write, fmt, benchmarks=True)


def _run_measure(name: str | None, data: Path | None, limit: int | None, no_write: bool, fmt: str, *, benchmarks: bool) -> None:
    from dataclasses import asdict

    from dossier.evaluate import BENCHMARKS, EVALUATIONS, render_table, run, write_result

    table = BENCHMARKS if benchmarks else EVALUATIONS
    if name is None:
        for key in sorted(table):
            click.echo(key)
        return
    if name not in table:
        raise click.UsageError(f"no {'benchmark' if benchmarks else 'evaluation'} {name!r}; choose one of: {', '.join(sorted(table))}")
    result = run(name, data, limit=limit)
    if fmt == "json":
        _emit_json(asdict(result))
    else:
        click.echo(f"{result.title}\n{result.dataset}\n\n{render_table(result)}")
        if result.reference:
            click.echo(f"\nPublished reference: {result.reference}")
        if result.notes:
            click.echo(f"Notes: {result.notes}")
    if not no_write and limit is None:
        path = write_result(result)
        click.echo(f"\nwritten to {path}", err=True)
        from dossier.evaluate.results import write_page

        click.echo(f"results page rebuilt: {write_page(path.parent)}", err=True)


@cli.command()
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=None, help="Results folder (default: docs/results).")
def results(directory: Path | None) -> None:
    """Rebuild docs/results.md from every docs/results/*.json (figures are never typed by hand).

    \b
    Example:
      dossier results
    """
    from dossier.evaluate.results import RESULTS_DIR, write_page

    click.echo(f"wrote {write_page(directory or RESULTS_DIR)}")


@cli.command()
@click.argument("ref", required=False)
@db_option
@click.option("--search", "-s", default=None, help="Names to look for (accent- and case-insensitive).")
@click.option("--limit", default=50, show_default=True)
@format_option("table", "json", default="table")
def entities(ref: str | None, db: str, search: str | None, limit: int, fmt: str) -> None:
    """List real-world entities across reports, or show one with why each report entity is it.

    \b
    Examples:
      dossier entities --search rodriguez
      dossier entities g3f2a9c1 --format json
    """
    from dossier.core import Dossier

    with Dossier.open(db, create=False) as dossier:
        if ref is None:
            rows = dossier.entities(search, limit=limit)
            if fmt == "json":
                _emit_json([{**vars_of(g), "report_entities": n} for g, n in rows])
            else:
                for g, n in rows:
                    click.echo(f"{g.id}  {g.type:<16} {n:>4}  {g.name}")
            return
        found, links = dossier.entity(ref)
    if fmt == "json":
        _emit_json({**vars_of(found), "links": [{"report_id": r, "entity_id": e, "reason": why} for r, e, why in links]})
        return
    click.echo(f"{found.name} ({found.type}) {found.id}\nkeys: {', '.join(found.keys)}")
    for report_id, entity_id, reason in links:
        click.echo(f"  {report_id} {entity_id}: {reason}")


@cli.command()
@click.argument("refs", nargs=-1)
@db_option
@click.option("--split", "split_name", default=None, help="Split the report entities with this name out of REF.")
@click.option("--file", "alias_file", type=click.Path(exists=True, path_type=Path), default=None, help="Apply a JSON alias file.")
@click.option("--note", default="", help="Why (kept in the decision log).")
def alias(refs: tuple[str, ...], db: str, split_name: str | None, alias_file: Path | None, note: str) -> None:
    """Correct identity across reports: merge entities, split one, or apply an alias file.

    REFS are global entity ids (or prefixes) or names.  A merge is undone by a
    split and a split by a merge; both are logged in the store.

    \b
    Examples:
      dossier alias "Delcy Rodríguez" "Delcy Eloína Rodríguez Gómez"
      dossier alias g3f2a9c1 --split "Maduro Guerra"
      dossier alias --file aliases.json
    """
    if alias_file is None and (len(refs) != 2 if split_name is None else len(refs) != 1):
        raise click.UsageError("give KEEP OTHER to merge, REF --split NAME to split, or --file aliases.json")
    from dossier.core import Dossier

    with Dossier.open(db, create=False) as dossier:
        if alias_file is not None:
            for line in dossier.apply_aliases(alias_file):
                click.echo(line)
        elif split_name is not None:
            new = dossier.split_entity(refs[0], split_name, note=note)
            click.echo(f"split {split_name!r} out as {new.name} ({new.id}); undo: dossier alias {refs[0]} {new.id}")
        else:
            kept = dossier.merge_entities(refs[0], refs[1], note=note)
            click.echo(f"merged into {kept.name} ({kept.id}); keys: {', '.join(kept.keys)}")
@cli.command(name="export")
@click.argument("kind")
@click.argument("path", type=click.Path(path_type=Path))
@db_option
@click.option("--report", "report_ids", multiple=True, help="Export only this report (repeatable; id prefix of 6+ works).")
@click.option("--ratings", type=click.Path(exists=True, path_type=Path), default=None,
              help="claimreview only: JSON {claim_id: {ratingValue, alternateName, author …}} from a fact-checker.")
@format_option("text", "json", default="text")
def export_command(kind: str, path: Path, db: str, report_ids: tuple[str, ...], ratings: Path | None, fmt: str) -> None:
    """Export stored analyses as KIND to PATH.

    KIND is one of jsonl, csv, parquet, graphml, ics, claimreview, timeml.
    csv, parquet and timeml write a folder, or a zip when PATH ends in .zip.

    \b
    Examples:
      dossier export jsonl dossier.jsonl
      dossier export csv tables.zip
      dossier export graphml actors.graphml
      dossier export ics deadlines.ics --report r1d25fab8
      dossier export claimreview claims.jsonld --ratings verdicts.json
    """
    from dossier.core import Dossier
    from dossier.export import get_export, load_ratings

    spec = get_export(kind)
    options: dict[str, Any] = {}
    if ratings is not None:
        if spec.kind != "claimreview":
            raise click.UsageError("--ratings applies to the claimreview export only")
        options["ratings"] = load_ratings(ratings)
    with Dossier.open(db, create=False) as dossier:
        result = dossier.export(spec.kind, path, list(report_ids) or None, **options)
    if fmt == "json":
        _emit_json(result.as_dict())
        return
    counts = ", ".join(f"{n} {name}" for name, n in result.counts.items())
    click.echo(f"{spec.kind} → {result.path}: {counts}")
    for reason, n in result.skipped.items():
        click.echo(f"  skipped {n} ({reason.replace('_', ' ')})", err=True)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (keep 127.0.0.1 unless you mean to share).")
@click.option("--port", default=8000, show_default=True, type=int)
def serve(db: str, host: str, port: int) -> None:
    """Serve the web UI and the HTTP API (OpenAPI at /openapi.json).

    \b
    Examples:
      dossier serve
      dossier serve --db pages.db --port 8080
    """
    try:
        import uvicorn

        from dossier.web import create_app
    except ImportError as exc:
        raise click.ClickException(f"the web app needs its extra: pip install 'dossier[web]' ({exc})") from exc
    app = create_app(db)
    click.echo(f"dossier on http://{host}:{port}/  (API: http://{host}:{port}/api)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def main() -> None:
    """Entry point of the ``dossier`` console script."""
    cli(prog_name="dossier")


if __name__ == "__main__":
    main()
