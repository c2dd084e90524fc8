"""`meshtag read`: read documents from files/folders in any supported format and print or save them."""
from __future__ import annotations

import click

from meshtag.errors import ErrorLog, MeshtagError


def _columns(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for value in values:
        field, sep, column = value.partition("=")
        if not sep or not field.strip() or not column:
            raise click.BadParameter(f"expected FIELD=COLUMN, got {value!r}", param_hint="--column")
        out[field.strip()] = column
    return out


@click.command("read")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "-f", "fmt", help="Input format (default: detected from each file's content): "
              "pubmed_xml, medline, pubtator, bioc, bioc_json, jsonl, csv, tsv, parquet, txt, page.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Output file (default: JSONL on stdout).")
@click.option("--output-format", help="jsonl, pubtator, bioc, csv, tsv or parquet (default: from the extension).")
@click.option("--strict", is_flag=True, help="Stop with exit status 2 at the first problem.")
@click.option("--column", "columns", multiple=True, metavar="FIELD=COLUMN",
              help="CSV/TSV/Parquet column for a field (id, title, abstract, pmid, doi, journal, year, keywords).")
@click.option("--delimiter", help="CSV/TSV delimiter (default: sniffed from the header).")
@click.option("--max-record-bytes", type=click.IntRange(min=1), default=2 * 1024 * 1024, show_default=True,
              help="Refuse single records larger than this.")
@click.option("--gene-as-receptor", is_flag=True, help="Keep PubTator/BioC Gene annotations as RECEPTOR mentions.")
def read(inputs, fmt, output, output_format, strict, columns, delimiter, max_record_bytes, gene_as_receptor):
    """Read INPUT files or folders and print the documents as JSONL (id, title, abstract, pmid, doi, meta)."""
    from meshtag.io import ReadStats, read_documents, write_documents

    errors_path = ErrorLog.beside(output)
    if errors_path is not None:
        errors_path.unlink(missing_ok=True)
    errors, stats = ErrorLog(path=errors_path), ReadStats()
    docs = read_documents(inputs, format=fmt, errors=errors, strict=strict, stats=stats,
                          columns=_columns(columns), delimiter=delimiter, max_record_bytes=max_record_bytes,
                          gene_as_receptor=gene_as_receptor)
    written = write_documents(docs, output, output_format)
    click.echo(f"meshtag: read {written} document(s) from {stats.files} file(s); "
               f"{stats.problems} problem(s), {stats.warnings} warning(s)"
               + (f"; {stats.deleted_citations} deleted citation(s) ignored" if stats.deleted_citations else "")
               + (f"; see {errors_path}" if errors_path and errors.count else ""), err=True)
    if written == 0:
        raise MeshtagError("nothing could be read from the input(s)")
