"""Batch extraction: one suite over the local runner (in-process, worker processes) and Spark.

The runners differ in *how* they run ``extract_batch``, never in *what* they write.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pactwatch.batch import run_local
from pactwatch.cli import main
from pactwatch.kb import demo_corpus_path
from pactwatch.store.load import read_table


def corpus(size: int) -> list[dict[str, Any]]:
    """The demo corpus repeated with distinct ids (and texts) to ``size`` records."""
    items = [json.loads(x) for x in (demo_corpus_path() / "news.jsonl").read_text("utf-8").splitlines() if x]
    return [
        {**items[i % len(items)], "id": f"a{i}", "text": items[i % len(items)]["text"] + f"\n\n(copy {i})"}
        for i in range(size)
    ]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    data = "".join(json.dumps(r) + "\n" for r in records)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data.encode()))
    else:
        path.write_text(data, "utf-8")
    return path


def rows(output: Path, table: str) -> list[dict[str, Any]]:
    return sorted((r for batch in read_table(output, table) for r in batch), key=lambda r: r["id"])


def test_jsonl_gz_and_parquet_inputs_give_the_same_output(tmp_path: Path) -> None:
    records = corpus(12)
    write_jsonl(tmp_path / "in.jsonl.gz", records)
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "in.parquet")
    a = run_local(str(tmp_path / "in.jsonl.gz"), tmp_path / "a")
    b = run_local(str(tmp_path / "in.parquet"), tmp_path / "b")
    assert a.documents == b.documents == 12
    assert a.events > 0 and a.mentions > 0
    for table in ("events", "mentions"):
        assert rows(tmp_path / "a", table) == rows(tmp_path / "b", table)
    same = [{**r, "origin": None} for r in rows(tmp_path / "a", "documents")]
    assert same == [{**r, "origin": None} for r in rows(tmp_path / "b", "documents")]  # origin: the input's path
    days = {p.name for p in (tmp_path / "a" / "events").iterdir()}
    assert all(d.startswith("pub_date=") for d in days) and len(days) > 1  # partitioned by publication day


def test_worker_processes_write_what_one_process_writes(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", corpus(40))
    run_local(str(src), tmp_path / "one", workers=1, batch_size=8)
    run_local(str(src), tmp_path / "two", workers=2, batch_size=8)
    for table in ("documents", "events", "mentions"):
        assert rows(tmp_path / "one", table) == rows(tmp_path / "two", table)


def test_bad_records_are_named_and_the_good_ones_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(corpus(2)[0]) + '\n{"id": "x", "text": ""}\nnot json\n', "utf-8")
    code = main(["batch", "extract", str(src), str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "in.jsonl:2" in err and 'no "text"' in err and "in.jsonl:3" in err
    assert [r["id"] for r in rows(tmp_path / "out", "documents")] == ["a0"]


@pytest.mark.slow
def test_spark_local2_events_equal_the_local_runners(tmp_path: Path) -> None:
    pytest.importorskip("pyspark", reason="pyspark is the optional 'spark' extra; make test installs it")
    from pactwatch.batch.spark import run_spark, spark_session

    src = write_jsonl(tmp_path / "in.jsonl", corpus(224))
    local = run_local(str(src), tmp_path / "local")
    spark = spark_session("local[2]")
    try:
        report = run_spark(str(src), str(tmp_path / "spark"), spark=spark)
        partitions = spark.read.parquet(str(tmp_path / "spark" / "documents")).rdd.getNumPartitions()
    finally:
        spark.stop()
    assert report.documents == local.documents == 224 and not report.failures
    assert report.events == local.events > 224
    events = rows(tmp_path / "spark", "events")
    assert [e["id"] for e in events] == [e["id"] for e in rows(tmp_path / "local", "events")]
    assert events == rows(tmp_path / "local", "events")  # same ids, same fields
    for table in ("documents", "mentions"):
        assert rows(tmp_path / "spark", table) == rows(tmp_path / "local", table)
    assert partitions >= 1
